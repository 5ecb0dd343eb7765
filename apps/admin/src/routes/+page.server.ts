import { ok } from "$lib/server/api"
import { requireUser } from "$lib/server/guard"
import { currentPlan, orFail } from "$lib/server/plan"
import { yearsOf } from "$lib/server/years"
import type { PageServerLoad } from "./$types"

export const load: PageServerLoad = async (event) => {
  requireUser(event)
  const api = event.locals.api
  return orFail(
    (async () => {
      const plan = await currentPlan(api, event.url)
      const { years, year } = await yearsOf(api, plan.id, event.url)
      const [summary, targets] = await Promise.all([
        ok(api.plans[":planId"].summary.$get({ param: { planId: plan.id }, query: { fiscalYear: String(year) } })),
        ok(api.plans[":planId"].targets.$get({ param: { planId: plan.id } }))
      ])
      return { plan, years, year, summary, targets }
    })()
  )
}
