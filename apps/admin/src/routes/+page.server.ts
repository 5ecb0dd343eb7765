import { RatingTrendsView, TargetView, YearSummaryView } from "@sukoyaka/core"
import { Schema } from "effect"
import { decoded } from "#lib/server/api.ts"
import { requireUser } from "#lib/server/guard.ts"
import { currentPlan, orFail } from "#lib/server/plan.ts"
import { chosenYear } from "#lib/server/years.ts"
import { cycleLists } from "#lib/server/cycle.ts"
import { attentionReasonText } from "#lib/labels.ts"
import type { PageServerLoad } from "./$types"

export const load: PageServerLoad = async (event) => {
  requireUser(event)
  const api = event.locals.api
  return orFail(
    (async () => {
      // Only the plan comes first: the trends, the targets and the cycle's lists need no more than its
      // id, so they are asked at once (the page waits for the slowest, not for their sum).
      const plan = await currentPlan(api, event.url)
      const [{ years, year, trends, summary }, targets, cycle] = await Promise.all([
        // The trends name the years with reviews: the year's summary is asked as soon as they come.
        decoded(RatingTrendsView, api.plans[":planId"].trends.$get({ param: { planId: plan.id } })).then(
          async (trends) => {
            const { years, year } = chosenYear(trends.years, event.url)
            const summary = await decoded(
              YearSummaryView,
              api.plans[":planId"].summary.$get({ param: { planId: plan.id }, query: { fiscalYear: String(year) } })
            )
            return { years, year, trends, summary }
          }
        ),
        decoded(Schema.Array(TargetView), api.plans[":planId"].targets.$get({ param: { planId: plan.id } })),
        cycleLists(api, plan.id, event.locals.user)
      ])
      // Only what the page shows goes into it (its data is serialised into the HTML for hydration):
      // not the summary's changes and other roll-ups, the trends per area and objective, nor the
      // targets beyond their observations.
      return {
        plan,
        years,
        year,
        summary: {
          onTrackShare: summary.onTrackShare,
          byObjective: summary.byObjective,
          byAgency: summary.byAgency.map(({ agencyId, name, completion }) => ({ agencyId, name, completion })),
          completion: summary.completion,
          coverage: summary.coverage,
          targets: summary.targets,
          // The reasons in words here: their labels would otherwise ship in the page's JavaScript.
          attention: summary.attention.map((item) => ({
            initiativeNo: item.initiativeNo,
            name: item.name,
            selfRating: item.selfRating,
            reasons: item.reasons.map(attentionReasonText).join("、")
          }))
        },
        observations: Object.fromEntries(
          targets.map((target) => [
            target.id,
            [...(target.baseline ? [target.baseline] : []), ...target.observations].map(({ year, value }) => ({
              year,
              value
            }))
          ])
        ),
        trends: { years: trends.years, plan: trends.plan, byPolicy: trends.byPolicy },
        cycle
      }
    })()
  )
}
