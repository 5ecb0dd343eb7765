import { initiativeDetail, initiativeItems, latestFiscalYear, Structure } from "@sukoyaka/app"
import {
  Initiative,
  InitiativeCompactPage,
  InitiativeCreate,
  InitiativeDetail,
  InitiativeListItem,
  InitiativePage,
  InitiativePatch
} from "@sukoyaka/core"
import { Initiatives } from "@sukoyaka/storage"
import { Effect, Schema } from "effect"
import { type Context, Hono, type TypedResponse } from "hono"
import { requireRole } from "../auth.ts"
import { type CachedJson, cachedJson } from "../cachedJson.ts"
import { sendCachedView } from "../earlyView.ts"
import { pageLinks } from "../httpConventions.ts"
import type { AppEnv } from "../env.ts"
import { doc } from "../openapi.ts"
import { versionToWrite, sendVersioned } from "../preconditions.ts"
import { HttpProblem } from "../problem.ts"
import { ListQuery, pageOfItems } from "./initiativeList.ts"
import { DecimalInt, PlanIdParam, PlanParams, validate } from "../validation.ts"

export const InitiativeParams = Schema.Struct({
  planId: PlanIdParam,
  no: DecimalInt.check(Schema.isBetween({ minimum: 1, maximum: 9999 }))
})

/** An encoded page, and its total for the Link header. */
type PageView = CachedJson & { readonly total: number }

const respondInitiative = (c: Context<AppEnv>, initiative: Initiative, status: 200 | 201) => {
  return sendVersioned(c, initiative.version, Initiative, initiative, status)
}

const structureProblems = {
  409: "The Ｎｏ. is taken (a retired initiative keeps its own)",
  422: "The objective or an agency is not in the plan, or not in effect in the initiative's years (the field is named)"
} as const

/**
 * The Link header of the page `query` asks for at `url`, by the page's total (the same URL sent again
 * from a cached view, earlyView.ts, reuses it while the total holds).
 */
const pageLinkOf = (url: string, query: { readonly page: number; readonly pageSize: number }) => {
  let last: { readonly total: number; readonly headers: { readonly Link: string } } | undefined
  return (page: PageView) => {
    if (last?.total !== page.total)
      last = { total: page.total, headers: { Link: pageLinks(url, query.page, query.pageSize, page.total) } }
    return last.headers
  }
}

export default new Hono<AppEnv>()
  .get(
    "/:planId/initiatives",
    doc({
      tag: "initiatives",
      summary: "Initiatives with the year's review and its evaluation",
      description:
        "Filters combine with AND. `q` searches the name, content and the review's texts. `fiscalYear` defaults to the latest year with reviews and lists every initiative of the plan; `year` lists the structure of that year only (initiatives in effect in it, or with a review in it).",
      ok: {
        schema: Schema.Union([InitiativePage, InitiativeCompactPage]),
        description: "One page of initiatives (InitiativeCompactPage with view=compact); Link names the other pages"
      }
    }),
    validate("param", PlanParams),
    validate("query", ListQuery),
    async (c) => {
      const { planId } = c.req.valid("param")
      const query = c.req.valid("query")
      if (query.year !== undefined && query.fiscalYear !== undefined && query.year !== query.fiscalYear)
        throw new HttpProblem("validation", "year and fiscalYear name different years", [
          {
            path: "fiscalYear",
            ja: `year（${query.year}）と fiscalYear（${query.fiscalYear}）が違う年度です。どちらか一方にしてください`,
            en: `year (${query.year}) and fiscalYear (${query.fiscalYear}) differ: give one of them`
          }
        ])
      const reviewYear = query.year ?? query.fiscalYear
      // The year's items are evaluated and encoded once per change of the plan, and each page asked
      // for is filtered and encoded once on top of them: a repeated request sends cached bytes.
      const views = c.get("views")
      const pageKey = `initiatives-page:${JSON.stringify(query)}`
      const page =
        views.peek<PageView>(c.get("stamp"), planId, pageKey) ??
        (await c.get("run")(
          Effect.flatMap(views.versionOf(planId), (changes) =>
            views.at(
              planId,
              changes,
              pageKey,
              Effect.map(
                views.at(
                  planId,
                  changes,
                  `initiatives:${reviewYear ?? "latest"}`,
                  Effect.gen(function* () {
                    const fiscalYear = reviewYear ?? (yield* latestFiscalYear(planId))
                    return Schema.encodeSync(Schema.Array(InitiativeListItem))(
                      yield* initiativeItems(planId, fiscalYear)
                    )
                  })
                ),
                (all): PageView => {
                  const one = pageOfItems(all, query)
                  return { ...cachedJson(JSON.stringify(one)), total: one.total }
                }
              )
            )
          )
        ))
      return sendCachedView(
        c,
        { planId, key: pageKey, headers: pageLinkOf(c.req.url, query) },
        page
      ) as unknown as TypedResponse<typeof InitiativePage.Encoded | typeof InitiativeCompactPage.Encoded, 200, "json">
    }
  )
  .get(
    "/:planId/initiatives/:no",
    doc({
      tag: "initiatives",
      summary: "An initiative with all its reviews; the ETag is the initiative's version",
      ok: { schema: InitiativeDetail, description: "The initiative" }
    }),
    validate("param", InitiativeParams),
    async (c) => {
      const { planId, no } = c.req.valid("param")
      const detail = await c.var.run(initiativeDetail(planId, no))
      return sendVersioned(c, detail.version, InitiativeDetail, detail)
    }
  )
  .post(
    "/:planId/initiatives",
    requireRole("admin"),
    doc({
      tag: "structure",
      summary: "Add an initiative under an objective of the plan (admin)",
      description:
        "policyNo, areaNo and objectiveNo name its objective (each area numbers its own from ①); since/until its years. It joins the cycle of every year already open in which it is in effect: a draft review, as a rollover opens.",
      ok: { status: 201, schema: Initiative, description: "The initiative; the ETag is its version" },
      extraProblems: structureProblems
    }),
    validate("param", PlanParams),
    validate("json", InitiativeCreate),
    async (c) => {
      const { planId } = c.req.valid("param")
      const body = c.req.valid("json")
      return respondInitiative(
        c,
        await c.var.run(Structure.use((s) => s.createInitiative(c.var.auth.audit, planId, body))),
        201
      )
    }
  )
  .patch(
    "/:planId/initiatives/:no",
    requireRole("admin"),
    doc({
      tag: "structure",
      summary: "Change, move or retire an initiative (admin)",
      description:
        "Send its version in If-Match. `until` retires it after that year (status: discontinued; null brings it back): a later year's rollover opens no review for it and does not count it as missing, while the years it was in effect keep it.",
      ok: { schema: Initiative, description: "The initiative; the ETag is its new version" },
      ifMatch: true,
      extraProblems: { ...structureProblems, 412: "Someone changed the initiative first", 428: "If-Match is required" }
    }),
    validate("param", InitiativeParams),
    validate("json", InitiativePatch),
    async (c) => {
      const { planId, no } = c.req.valid("param")
      const version = await versionToWrite(
        c,
        "initiative",
        async () => (await c.var.run(Initiatives.use((initiatives) => initiatives.get(planId, no)))).version
      )
      const patch = c.req.valid("json")
      return respondInitiative(
        c,
        await c.var.run(Structure.use((s) => s.changeInitiative(c.var.auth.audit, planId, no, version, patch))),
        200
      )
    }
  )
