import { changesOf } from "@sukoyaka/app"
import { ChangeFeed } from "@sukoyaka/core"
import { Plans } from "@sukoyaka/storage"
import { Effect, Schema } from "effect"
import { Hono } from "hono"
import type { AppEnv } from "../env.ts"
import { doc } from "../openapi.ts"
import { AuditCursor, DecimalInt, PlanParams, validate } from "../validation.ts"

const ChangesQuery = Schema.Struct({
  after: DecimalInt.pipe(Schema.decodeTo(AuditCursor), Schema.withDecodingDefaultTypeKey(Effect.succeed(0))).annotate({
    description: "the `next` of the previous page; 0 (the default) reads from the first change"
  }),
  limit: DecimalInt.check(Schema.isBetween({ minimum: 1, maximum: 1000 })).pipe(
    Schema.withDecodingDefaultTypeKey(Effect.succeed(200))
  )
})

export default new Hono<AppEnv>().get(
  "/:planId/changes",
  doc({
    tag: "changes",
    summary: "The plan's committed changes after a cursor, oldest first: a feed to keep another system in step",
    description:
      "Each change carries who made it (by e-mail to admins, by display name to others), the thing as it became (`data`: a review with every stored field), its new version and the paths that changed. Read from `after=0`, then pass each page's `next`; `more` says to read on at once, otherwise poll. Replayed from the start, the reviews' latest `data` are the reviews the API serves. On PostgreSQL a change shows once every change before it has committed (at most a minute after it was made).",
    ok: { schema: ChangeFeed, description: "Changes and the cursor to read on from" }
  }),
  validate("param", PlanParams),
  validate("query", ChangesQuery),
  async (c) => {
    const { planId } = c.req.valid("param")
    const { after, limit } = c.req.valid("query")
    const feed = await c.var.run(
      Effect.andThen(
        Plans.use((plans) => plans.get(planId)),
        changesOf(planId, after, limit, c.var.auth.actor.role)
      )
    )
    return c.json(Schema.encodeSync(ChangeFeed)(feed))
  }
)
