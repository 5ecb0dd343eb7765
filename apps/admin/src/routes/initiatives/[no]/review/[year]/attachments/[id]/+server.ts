import { error } from "@sveltejs/kit"
import { problemOf } from "#lib/server/api.ts"
import { requireUser } from "#lib/server/guard.ts"
import { currentPlan } from "#lib/server/plan.ts"
import type { RequestHandler } from "./$types"

/**
 * Streams a review's file from the API: the browser never calls the API itself. The API's headers
 * that keep the download safe (attachment, nosniff, a sandbox) are passed on as they are.
 */
export const GET: RequestHandler = async (event) => {
  requireUser(event)
  const { no, year, id } = event.params
  if (!/^\d{1,4}$/.test(no) || !/^\d{4}$/.test(year) || !/^\d{1,10}$/.test(id)) error(404, "not found / 見つかりません")
  const plan = await currentPlan(event.locals.api, event.url)
  const response = await event.locals.api.plans[":planId"].initiatives[":no"].reviews[":fiscalYear"].attachments[
    ":id"
  ].$get({ param: { planId: plan.id, no, fiscalYear: year, id } })
  if (!response.ok) {
    const problem = await problemOf(response)
    error(problem.status, problem.message)
  }
  const headers = new Headers()
  for (const name of [
    "content-type",
    "content-length",
    "content-disposition",
    "content-security-policy",
    "cache-control"
  ]) {
    const value = response.headers.get(name)
    if (value !== null) headers.set(name, value)
  }
  headers.set("x-content-type-options", "nosniff")
  return new Response(response.body, { headers })
}
