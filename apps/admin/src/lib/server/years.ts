import type { Client } from "@sukoyaka/api/client"
import { InitiativeDetail, InitiativePage } from "@sukoyaka/core"
import { decoded } from "./api.ts"
import { currentPlan } from "./plan.ts"

/**
 * The fiscal years with reviews, oldest first, and the one the page shows (`?year=`, else the
 * latest). The API has no list of years: the first initiative's reviews name them.
 */
const yearsOf = async (
  api: Client,
  planId: string,
  url: URL
): Promise<{ years: ReadonlyArray<number>; year: number }> => {
  const first = await decoded(
    InitiativePage,
    api.plans[":planId"].initiatives.$get({ param: { planId }, query: { pageSize: "1" } })
  )
  const no = first.items[0]?.no
  const years: ReadonlyArray<number> =
    no === undefined
      ? []
      : (
          await decoded(
            InitiativeDetail,
            api.plans[":planId"].initiatives[":no"].$get({ param: { planId, no: String(no) } })
          )
        ).reviews.map((review) => review.fiscalYear)
  const sorted = [...new Set(years)].sort((a, b) => a - b)
  const wanted = Number(url.searchParams.get("year"))
  const year = sorted.includes(wanted) ? wanted : (sorted.at(-1) ?? new Date().getFullYear())
  return { years: sorted, year }
}

/** The plan the page is about (`?plan=`) with its fiscal years and the one shown (`?year=`). */
export const planAndYear = async (api: Client, url: URL) => {
  const plan = await currentPlan(api, url)
  return { plan, ...(await yearsOf(api, plan.id, url)) }
}
