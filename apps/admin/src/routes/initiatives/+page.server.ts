import { actorOf, type AgencyId, canEditReview, type InitiativeCompactPage } from "@sukoyaka/core"
import { ok } from "#lib/server/api.ts"
import { bulkMove } from "#lib/server/bulk.ts"
import { requireUser } from "#lib/server/guard.ts"
import { currentPlan, orFail } from "#lib/server/plan.ts"
import { withYear } from "#lib/server/years.ts"
import { sortItems, sortKeys, type SortKey } from "./sort"
import type { Actions, PageServerLoad } from "./$types"

const filterNames = ["objective", "lifeStage", "agency", "rating", "status", "progress", "q"] as const

/**
 * The objective filter: 「3-1-1」 names one area's objective (another area has its own ①); a bare
 * number (links made before the plan had several areas) every objective of that number.
 */
const objectiveQuery = (value: string): Record<string, string> => {
  const [policyNo, areaNo, objective] = value.split("-")
  if (objective !== undefined && areaNo !== undefined && policyNo !== undefined) return { policyNo, areaNo, objective }
  return value === "" ? {} : { objective: value }
}

export const load: PageServerLoad = async (event) => {
  const user = requireUser(event)
  const api = event.locals.api
  const params = event.url.searchParams
  return orFail(
    (async () => {
      const plan = await currentPlan(api, event.url)
      const filters = Object.fromEntries(filterNames.map((name) => [name, params.get(name)?.trim() ?? ""])) as Record<
        (typeof filterNames)[number],
        string
      >
      // An agency's editor starts on its own rows; choosing 「すべて」 (agency=) shows every row.
      if (user.role === "editor" && !params.has("agency")) filters.agency = user.agencies[0] ?? ""
      const { objective, ...others } = filters
      const query = {
        ...(Object.fromEntries(Object.entries(others).filter(([, value]) => value !== "")) as Record<string, string>),
        ...objectiveQuery(objective)
      }
      // The agencies need only the plan: asked while the years, then the year's rows, are read.
      const [{ years, year, read: page }, agencies] = await Promise.all([
        withYear(
          api,
          plan.id,
          event.url,
          (year) =>
            // The compact page as the API encoded it: only shown, so not decoded through its schema again.
            ok(
              api.plans[":planId"].initiatives.$get({
                param: { planId: plan.id },
                query: { ...query, year: String(year), pageSize: "200", view: "compact" }
              })
            ) as Promise<unknown> as Promise<typeof InitiativeCompactPage.Encoded>
        ),
        ok(api.plans[":planId"].agencies.$get({ param: { planId: plan.id } }))
      ])
      const sort = (sortKeys as ReadonlyArray<string>).includes(params.get("sort") ?? "")
        ? (params.get("sort") as SortKey)
        : "no"
      const dir = params.get("dir") === "desc" ? "desc" : "asc"
      const actor = actorOf(user)
      // Only what the table shows goes into the page (its data is serialised into the HTML): the
      // full items (content, the review's texts and measures) made 55 rows 185 KB (issue #23). The
      // API's compact view holds just that, and its decoding costs a fraction of the full items'.
      const rows = page.items.map((item) => ({
        no: item.no,
        name: item.name,
        policyNo: item.policyNo,
        areaNo: item.areaNo,
        objectiveNo: item.objectiveNo,
        lifeStages: item.lifeStages,
        agencies: item.agencies,
        editable:
          item.review !== null &&
          canEditReview(
            actor,
            // The API encoded them from agency ids; only the brand is not in the JSON's type.
            { agencies: item.agencies as ReadonlyArray<AgencyId> },
            item.review.status
          ),
        review:
          item.review === null
            ? null
            : {
                fiscalYear: item.review.fiscalYear,
                version: item.review.version,
                status: item.review.status,
                progress: item.review.progress,
                selfRating: item.review.selfRating,
                evaluation: { suggestedRating: item.review.suggestedRating, achievement: item.review.achievement }
              }
      }))
      const items = sortItems(rows, sort, dir)
      return {
        plan,
        years,
        year,
        filters,
        agencies,
        items,
        total: page.total,
        sort,
        dir,
        isAdmin: user.role === "admin"
      }
    })()
  )
}

export const actions: Actions = {
  /** 「選択した提出を一括承認」/「一括差戻し」: the checked submitted rows, each with the version shown. */
  bulk: bulkMove
}
