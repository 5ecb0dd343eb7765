import { relayFile } from "#lib/server/api.ts"
import { requireUser } from "#lib/server/guard.ts"
import { currentPlan } from "#lib/server/plan.ts"
import type { RequestHandler } from "./$types"

/** The national survey export (#24), streamed from the API: the browser never calls the API itself. */
export const GET: RequestHandler = async (event) => {
  requireUser(event)
  const plan = await currentPlan(event.locals.api, event.url)
  const format = event.url.searchParams.get("format") === "xlsx" ? "xlsx" : "csv"
  const year = event.url.searchParams.get("year") ?? ""
  return relayFile(
    event.locals.api.plans[":planId"]["survey-export"].$get({
      param: { planId: plan.id },
      query: { format, ...(/^\d{4}$/.test(year) ? { fiscalYear: year } : {}) }
    }),
    "application/octet-stream"
  )
}
