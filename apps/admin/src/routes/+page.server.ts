import { RatingTrendsView, TargetView, YearSummaryView } from "@sukoyaka/core"
import { Schema } from "effect"
import { decoded } from "#lib/server/api.ts"
import { requireUser } from "#lib/server/guard.ts"
import { orFail } from "#lib/server/plan.ts"
import { planAndYear } from "#lib/server/years.ts"
import { cycleLists } from "#lib/server/cycle.ts"
import type { PageServerLoad } from "./$types"

export const load: PageServerLoad = async (event) => {
  requireUser(event)
  const api = event.locals.api
  return orFail(
    (async () => {
      const { plan, years, year } = await planAndYear(api, event.url)
      const [summary, targets, trends] = await Promise.all([
        decoded(
          YearSummaryView,
          api.plans[":planId"].summary.$get({ param: { planId: plan.id }, query: { fiscalYear: String(year) } })
        ),
        decoded(Schema.Array(TargetView), api.plans[":planId"].targets.$get({ param: { planId: plan.id } })),
        decoded(RatingTrendsView, api.plans[":planId"].trends.$get({ param: { planId: plan.id } }))
      ])
      return { plan, years, year, summary, targets, trends, cycle: await cycleLists(api, plan.id, event.locals.user) }
    })()
  )
}
