import { requireUser } from "#lib/server/guard.ts"
import { loadCoverage } from "#lib/server/coverage.ts"
import { currentPlan, orFail } from "#lib/server/plan.ts"
import type { PageServerLoad } from "./$types"

/** The coverage report (#24): the plan's initiatives under a national framework's measures. */
export const load: PageServerLoad = async (event) => {
  const user = requireUser(event)
  return orFail(
    (async () => {
      const plan = await currentPlan(event.locals.api, event.url)
      return { plan, isAdmin: user.role === "admin", ...(await loadCoverage(event.locals.api, plan.id, event.url)) }
    })()
  )
}
