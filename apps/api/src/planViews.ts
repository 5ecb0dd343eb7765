import { type AppServices, latestFiscalYear, planTrends, summaryOf } from "@sukoyaka/app"
import { RatingTrendsView, YearSummaryView } from "@sukoyaka/core"
import { Plans } from "@sukoyaka/storage"
import { Effect, Schema } from "effect"
import type { Context } from "hono"
import { type CachedJson, cachedJson } from "./cachedJson.ts"
import type { AppEnv } from "./env.ts"

/**
 * A view of the plan's cache (viewCache.ts): from memory, without running an Effect, while the
 * request's change stamp vouches for it; otherwise the plan's version is counted and the view
 * computed at it (shared with the requests that ask meanwhile).
 */
export const cachedView = async <A, E>(
  c: Context<AppEnv>,
  planId: string,
  key: string,
  compute: Effect.Effect<A, E, AppServices>
): Promise<A> => {
  const views = c.get("views")
  return views.peek<A>(c.get("stamp"), planId, key) ?? (await c.get("run")(views(planId, key, compute)))
}

export const trendsKey = "trends"

/** Every year's summary at once (GET …/trends, the dashboard): kept, like the summary, until the plan changes. */
export const trendsView = (c: Context<AppEnv>, planId: string): Promise<CachedJson> =>
  cachedView(
    c,
    planId,
    trendsKey,
    Effect.map(planTrends(planId), (trends) => cachedJson(JSON.stringify(Schema.encodeSync(RatingTrendsView)(trends))))
  )

export const summaryKey = (fiscalYear: number | undefined) => `summary:${fiscalYear ?? "latest"}`

/** FY `fiscalYear`'s summary, or the latest year's with reviews (GET …/summary, the dashboard). */
export const summaryView = (c: Context<AppEnv>, planId: string, fiscalYear: number | undefined): Promise<CachedJson> =>
  cachedView(
    c,
    planId,
    summaryKey(fiscalYear),
    Effect.gen(function* () {
      yield* (yield* Plans).get(planId)
      const summary = yield* summaryOf(planId, fiscalYear ?? (yield* latestFiscalYear(planId)))
      return cachedJson(JSON.stringify(Schema.encodeSync(YearSummaryView)(summary)))
    })
  )
