import { error } from "@sveltejs/kit"
import { problemOf } from "#lib/server/api.ts"
import { requireUser } from "#lib/server/guard.ts"
import { currentPlan } from "#lib/server/plan.ts"
import type { RequestHandler } from "./$types"

/** Streams the API's export of every year (a long csv of initiatives or measures × years, or a workbook) to the browser. */
export const GET: RequestHandler = async (event) => {
  requireUser(event)
  const plan = await currentPlan(event.locals.api, event.url)
  const rows = event.url.searchParams.get("rows") === "measures" ? "measures" : "initiatives"
  const format = event.url.searchParams.get("format") === "xlsx" ? "xlsx" : "csv"
  const response = await event.locals.api.plans[":planId"].export.years.$get({
    param: { planId: plan.id },
    query: { format, rows }
  })
  if (!response.ok) {
    const problem = await problemOf(response)
    error(problem.status, problem.message)
  }
  return new Response(response.body, {
    headers: {
      "content-type": response.headers.get("content-type") ?? "text/csv; charset=utf-8",
      "content-disposition": response.headers.get("content-disposition") ?? "attachment"
    }
  })
}
