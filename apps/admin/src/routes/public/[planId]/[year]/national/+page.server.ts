import { CoverageReport } from "@sukoyaka/core"
import { error } from "@sveltejs/kit"
import { orFail } from "#lib/server/plan.ts"
import { publicApi, publicJson } from "#lib/server/public.ts"
import type { PageServerLoad } from "./$types"

/**
 * A published year's coverage of a national framework (#24), only when the city publishes it (404
 * otherwise, as in the API); approved reviews' ratings only.
 */
export const load: PageServerLoad = async ({ params, url }) => {
  if (!/^\d{4}$/.test(params.year)) error(404, "not found / 見つかりません")
  const framework = url.searchParams.get("framework") ?? "jscp-package"
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(framework)) error(404, "not found / 見つかりません")
  const report = await orFail(
    publicJson(
      CoverageReport,
      publicApi().plans[":planId"].years[":fiscalYear"].coverage.$get({
        param: { planId: params.planId, fiscalYear: params.year },
        query: { framework }
      })
    )
  )
  return { report, planId: params.planId }
}
