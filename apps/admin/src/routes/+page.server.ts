import { ok } from "#lib/server/api.ts"
import { requireUser } from "#lib/server/guard.ts"
import { currentPlan, orFail } from "#lib/server/plan.ts"
import { chosenYear } from "#lib/server/years.ts"
import { cycleLists, taskQueryFor } from "#lib/server/cycle.ts"
import { attentionReasonText } from "#lib/labels.ts"
import type { PageServerLoad } from "./$types"

/** `?year=` as the dashboard's query takes it: a year the plan has reviews for is shown, any other is not. */
const yearAsked = (url: URL): { fiscalYear?: string } => {
  const wanted = Number(url.searchParams.get("year"))
  return Number.isInteger(wanted) && wanted >= 1 && wanted <= 9999 ? { fiscalYear: String(wanted) } : {}
}

export const load: PageServerLoad = async (event) => {
  const user = requireUser(event)
  const api = event.locals.api
  return orFail(
    (async () => {
      const plan = await currentPlan(api, event.url)
      // One request for the rest: the trends (whose years name the years with reviews), the chosen
      // year's summary, the targets and the open cycle's lists, which were four requests, three of
      // them in a row (issue #23). Read as the API's JSON: the page only shows it, so decoding it
      // through the core's schemas again here bought nothing but CPU.
      const dashboard = await ok(
        api.plans[":planId"].dashboard.$get({
          param: { planId: plan.id },
          query: { ...yearAsked(event.url), ...taskQueryFor(user) }
        })
      )
      const { trends, summary, targets } = dashboard
      const { years } = chosenYear(trends.years, event.url)
      const year = dashboard.fiscalYear
      const cycle = cycleLists(user, dashboard.tasks)
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
