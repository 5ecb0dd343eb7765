import { relayFile } from "#lib/server/api.ts"
import { requireUser } from "#lib/server/guard.ts"
import { currentPlan } from "#lib/server/plan.ts"
import type { RequestHandler } from "./$types"

/** Streams the API's export to the browser: the browser never calls the API itself. */
export const GET: RequestHandler = async (event) => {
  requireUser(event)
  const plan = await currentPlan(event.locals.api, event.url)
  const format = event.url.searchParams.get("format") ?? "xlsx"
  const agency = event.url.searchParams.get("agency") ?? ""
  const year = event.url.searchParams.get("year") ?? ""
  return relayFile(
    event.locals.api.plans[":planId"].export.$get({
      param: { planId: plan.id },
      query: { format: format as "xlsx", ...(agency ? { agency } : {}), ...(year ? { fiscalYear: year } : {}) }
    }),
    "application/octet-stream"
  )
}
