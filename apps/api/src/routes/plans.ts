import { Structure } from "@sukoyaka/app"
import { Agency, AgencyCreate, AgencyPatch, Plan } from "@sukoyaka/core"
import { Plans } from "@sukoyaka/storage"
import { Effect, Schema } from "effect"
import { type Context, Hono } from "hono"
import { requireRole } from "../auth.ts"
import type { AppEnv } from "../env.ts"
import { doc } from "../openapi.ts"
import { versionToWrite, sendVersioned } from "../preconditions.ts"
import { PlanIdParam, PlanParams, validate } from "../validation.ts"

const AgencyParams = Schema.Struct({ planId: PlanIdParam, agencyId: Schema.String.check(Schema.isMaxLength(64)) })

const respondAgency = (c: Context<AppEnv>, agency: Agency, status: 200 | 201) => {
  return sendVersioned(c, agency.version, Agency, agency, status)
}

export default new Hono<AppEnv>()
  .get(
    "/",
    doc({ tag: "plans", summary: "List the plans", ok: { schema: Schema.Array(Plan), description: "Every plan" } }),
    async (c) => c.json(Schema.encodeSync(Schema.Array(Plan))(await c.var.run(Plans.use((plans) => plans.list))))
  )
  .get(
    "/:planId",
    doc({
      tag: "plans",
      summary: "A plan with its basic policies, areas and objectives; the ETag is the version of its tree",
      ok: { schema: Plan, description: "The plan" }
    }),
    validate("param", PlanParams),
    async (c) => {
      const { plan, version } = await c.var.run(Plans.use((plans) => plans.getVersioned(c.req.valid("param").planId)))
      return sendVersioned(c, version, Plan, plan)
    }
  )
  .get(
    "/:planId/agencies",
    doc({
      tag: "plans",
      summary: "The plan's agencies (実施機関), in their order: position, reading (よみ), name",
      description: "Each agency's version is the ETag a PATCH of it sends in If-Match.",
      ok: { schema: Schema.Array(Agency), description: "Agencies" }
    }),
    validate("param", PlanParams),
    async (c) => {
      const { planId } = c.req.valid("param")
      const agencies = await c.var.run(Plans.use((plans) => Effect.andThen(plans.get(planId), plans.agencies(planId))))
      return c.json(Schema.encodeSync(Schema.Array(Agency))(agencies))
    }
  )
  .post(
    "/:planId/agencies",
    requireRole("admin"),
    doc({
      tag: "structure",
      summary: "Add an agency (admin)",
      description:
        "Without a position it sorts after every agency there is. The id is the agency's for good: a retired one keeps it.",
      ok: { status: 201, schema: Agency, description: "The agency; the ETag is its version" },
      extraProblems: { 409: "The id is taken" }
    }),
    validate("param", PlanParams),
    validate("json", AgencyCreate),
    async (c) => {
      const { planId } = c.req.valid("param")
      const body = c.req.valid("json")
      return respondAgency(
        c,
        await c.var.run(Structure.use((s) => s.createAgency(c.var.auth.audit, planId, body))),
        201
      )
    }
  )
  .patch(
    "/:planId/agencies/:agencyId",
    requireRole("admin"),
    doc({
      tag: "structure",
      summary: "Change, reorder or retire an agency (admin)",
      description:
        "Send its version in If-Match. `until` retires it (null brings it back); refused while initiatives naming it go on after the end.",
      ok: { schema: Agency, description: "The agency; the ETag is its new version" },
      ifMatch: true,
      extraProblems: {
        412: "Someone changed the agency first",
        422: "Initiatives naming the agency are in effect outside its years (they are named)",
        428: "If-Match is required"
      }
    }),
    validate("param", AgencyParams),
    validate("json", AgencyPatch),
    async (c) => {
      const { planId, agencyId } = c.req.valid("param")
      const version = await versionToWrite(
        c,
        "agency",
        async () => (await c.var.run(Plans.use((plans) => plans.getAgency(planId, agencyId)))).version
      )
      const patch = c.req.valid("json")
      return respondAgency(
        c,
        await c.var.run(Structure.use((s) => s.changeAgency(c.var.auth.audit, planId, agencyId, version, patch))),
        200
      )
    }
  )
