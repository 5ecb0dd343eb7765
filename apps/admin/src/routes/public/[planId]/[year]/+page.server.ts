import { PublicYear } from "@sukoyaka/core"
import { error } from "@sveltejs/kit"
import { orFail } from "#lib/server/plan.ts"
import { publicApi, publicJson } from "#lib/server/public.ts"
import type { PageServerLoad } from "./$types"

/** A published year; any other (unpublished, or not a year) is 404 as in the API. */
export const load: PageServerLoad = async ({ params }) => {
  if (!/^\d{4}$/.test(params.year)) error(404, "not found / 見つかりません")
  const year = await orFail(
    publicJson(
      PublicYear,
      publicApi().plans[":planId"].years[":fiscalYear"].$get({
        param: { planId: params.planId, fiscalYear: params.year }
      })
    )
  )
  // The coverage of national measures (#24) is public only when the city says so: linked only then.
  const coverage = await publicApi().plans[":planId"].years[":fiscalYear"].coverage.$get({
    param: { planId: params.planId, fiscalYear: params.year },
    query: { framework: "jscp-package" }
  })
  return { year, coveragePublished: coverage.ok }
}
