import { Agency, Plan } from "@sukoyaka/core"
import { Plans } from "@sukoyaka/storage"
import { Effect, Schema } from "effect"
import { Hono } from "hono"
import type { AppEnv } from "../env.ts"
import { doc } from "../openapi.ts"
import { PlanParams, validate } from "../validation.ts"


export default new Hono<AppEnv>()
  .get("/", doc({ tag: "plans", summary: "List the plans", ok: { schema: Schema.Array(Plan), description: "Every plan" } }), async (c) =>
    c.json(Schema.encodeSync(Schema.Array(Plan))(await c.var.run(Plans.use((plans) => plans.list))))
  )
  .get(
    "/:planId",
    doc({ tag: "plans", summary: "A plan with its basic policies, areas and objectives", ok: { schema: Plan, description: "The plan" } }),
    validate("param", PlanParams),
    async (c) => c.json(Schema.encodeSync(Plan)(await c.var.run(Plans.use((plans) => plans.get(c.req.valid("param").planId)))))
  )
  .get(
    "/:planId/agencies",
    doc({ tag: "plans", summary: "The plan's agencies (実施機関)", ok: { schema: Schema.Array(Agency), description: "Agencies" } }),
    validate("param", PlanParams),
    async (c) => {
      const { planId } = c.req.valid("param")
      const agencies = await c.var.run(Plans.use((plans) => Effect.andThen(plans.get(planId), plans.agencies(planId))))
      return c.json(Schema.encodeSync(Schema.Array(Agency))(agencies))
    }
  )
