import { relayFile } from "#lib/server/api.ts"
import { requireUser } from "#lib/server/guard.ts"
import { currentPlan } from "#lib/server/plan.ts"
import type { RequestHandler } from "./$types"

/** Streams the API's export of every year (a long csv of initiatives or measures × years, or a workbook) to the browser. */
export const GET: RequestHandler = async (event) => {
  requireUser(event)
  const plan = await currentPlan(event.locals.api, event.url)
  const rows = event.url.searchParams.get("rows") === "measures" ? "measures" : "initiatives"
  const format = event.url.searchParams.get("format") === "xlsx" ? "xlsx" : "csv"
  return relayFile(
    event.locals.api.plans[":planId"].export.years.$get({
      param: { planId: plan.id },
      query: { format, rows }
    }),
    "text/csv; charset=utf-8"
  )
}
