import { requireUser } from "#lib/server/guard.ts"
import { loadCoverage } from "#lib/server/coverage.ts"
import { currentPlan, orFail } from "#lib/server/plan.ts"
import { pendingProposals } from "#lib/server/tagProposals.ts"
import type { PageServerLoad } from "./$types"

/** The coverage report (#24): the plan's initiatives under a national framework's measures. */
export const load: PageServerLoad = async (event) => {
  const user = requireUser(event)
  return orFail(
    (async () => {
      const plan = await currentPlan(event.locals.api, event.url)
      const [coverage, pending] = await Promise.all([
        loadCoverage(event.locals.api, plan.id, event.url),
        pendingProposals(event.locals.api, plan.id)
      ])
      // The initiatives with agencies' proposals waiting for the secretariat, each once.
      const proposalsWaiting = [...new Set(pending.map((proposal) => proposal.initiativeNo))]
      return { plan, isAdmin: user.role === "admin", ...coverage, pendingCount: pending.length, proposalsWaiting }
    })()
  )
}
