import { initiativeDetail, initiativeItems, latestFiscalYear } from "@sukoyaka/app"
import { FiscalYear, InitiativeDetail, InitiativeListItem, InitiativePage, LifeStage, Rating, ReviewStatus } from "@sukoyaka/core"
import { Effect, Schema } from "effect"
import { Hono, type TypedResponse } from "hono"
import { type CachedJson, cachedJson, sendCachedJson } from "../cachedJson.ts"
import type { AppEnv } from "../env.ts"
import { doc } from "../openapi.ts"
import { DecimalInt, PlanIdParam, PlanParams, validate } from "../validation.ts"


export const InitiativeParams = Schema.Struct({
  planId: PlanIdParam,
  no: DecimalInt.check(Schema.isBetween({ minimum: 1, maximum: 9999 }))
})

const ListQuery = Schema.Struct({
  fiscalYear: Schema.optionalKey(DecimalInt.pipe(Schema.decodeTo(FiscalYear))),
  objective: Schema.optionalKey(DecimalInt.check(Schema.isBetween({ minimum: 1, maximum: 99 }))),
  lifeStage: Schema.optionalKey(LifeStage),
  agency: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(64))),
  rating: Schema.optionalKey(Schema.Union([Rating, Schema.Literal("unrated")])),
  status: Schema.optionalKey(ReviewStatus),
  q: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(200))),
  page: DecimalInt.check(Schema.isBetween({ minimum: 1, maximum: 100000 })).pipe(Schema.withDecodingDefaultTypeKey(Effect.succeed(1))),
  pageSize: DecimalInt.check(Schema.isBetween({ minimum: 1, maximum: 200 })).pipe(Schema.withDecodingDefaultTypeKey(Effect.succeed(50)))
})

/** The filters (AND) and the page of `query` over the year's encoded items. */
const pageOfItems = (all: ReadonlyArray<typeof InitiativeListItem.Encoded>, query: typeof ListQuery.Type) => {
  const needle = query.q?.normalize("NFKC").toLowerCase()
  const items = all
    .filter((item) => query.objective === undefined || item.objectiveNo === query.objective)
    .filter((item) => query.lifeStage === undefined || item.lifeStages.includes(query.lifeStage))
    .filter((item) => query.agency === undefined || item.agencies.includes(query.agency))
    .filter((item) => query.rating === undefined || (item.review?.selfRating ?? "unrated") === query.rating)
    .filter((item) => query.status === undefined || item.review?.status === query.status)
    .filter(
      (item) =>
        needle === undefined ||
        [item.name, item.content, item.review?.actions, item.review?.resultText, item.review?.ratingReason, item.review?.next.actions]
          .join("\n")
          .normalize("NFKC")
          .toLowerCase()
          .includes(needle)
    )
  const start = (query.page - 1) * query.pageSize
  return { items: items.slice(start, start + query.pageSize), page: query.page, pageSize: query.pageSize, total: items.length }
}

export default new Hono<AppEnv>()
  .get(
    "/:planId/initiatives",
    doc({
      tag: "initiatives",
      summary: "Initiatives with the year's review and its evaluation",
      description: "Filters combine with AND. `q` searches the name, content and the review's texts. `fiscalYear` defaults to the latest year with reviews.",
      ok: { schema: InitiativePage, description: "One page of initiatives" }
    }),
    validate("param", PlanParams),
    validate("query", ListQuery),
    async (c) => {
      const { planId } = c.req.valid("param")
      const query = c.req.valid("query")
      // The year's items are evaluated and encoded once per change of the plan, and each page asked
      // for is filtered and encoded once on top of them: a repeated request sends cached bytes.
      const views = c.var.views
      const pageKey = `initiatives-page:${JSON.stringify(query)}`
      const memory = c.var.memory
      const page =
        (memory && views.peek<CachedJson>(memory.stamps, planId, pageKey)) ??
        (await c.var.run(
        Effect.flatMap(views.versionOf(planId), (changes) =>
          views.at(
            planId,
            changes,
            pageKey,
            Effect.map(
              views.at(
                planId,
                changes,
                `initiatives:${query.fiscalYear ?? "latest"}`,
                Effect.gen(function* () {
                  const fiscalYear = query.fiscalYear ?? (yield* latestFiscalYear(planId))
                  return Schema.encodeSync(Schema.Array(InitiativeListItem))(yield* initiativeItems(planId, fiscalYear))
                })
              ),
              (all) => cachedJson(JSON.stringify(pageOfItems(all, query)))
            )
          )
        )
      ))
      return sendCachedJson(c, page) as unknown as TypedResponse<typeof InitiativePage.Encoded, 200, "json">
    }
  )
  .get(
    "/:planId/initiatives/:no",
    doc({ tag: "initiatives", summary: "An initiative with all its reviews", ok: { schema: InitiativeDetail, description: "The initiative" } }),
    validate("param", InitiativeParams),
    async (c) => {
      const { planId, no } = c.req.valid("param")
      const detail = await c.var.run(initiativeDetail(planId, no))
      return c.json(Schema.encodeSync(InitiativeDetail)(detail))
    }
  )
