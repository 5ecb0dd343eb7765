import { Observation, TargetRatingMethod, TargetView } from "@sukoyaka/core"
import { error, fail } from "@sveltejs/kit"
import { Result, Schema } from "effect"
import { fieldIssueParseOptions, fieldIssuesOf, formatPath } from "@sukoyaka/core"
import { parseFigure } from "#lib/review-form.ts"
import { ApiProblem, decoded, ok } from "#lib/server/api.ts"
import { requireUser } from "#lib/server/guard.ts"
import { currentPlan, orFail } from "#lib/server/plan.ts"
import { formErrorsOf } from "#lib/server/problems.ts"
import type { Actions, PageServerLoad } from "./$types"

export interface ObservationRow {
  year: string
  value: string
  numerator: string
  denominator: string
  source: string
}

export const load: PageServerLoad = async (event) => {
  requireUser(event)
  if (!/^[a-z0-9-]{1,64}$/.test(event.params.id)) error(404, "not found / 見つかりません")
  return orFail(
    (async () => {
      const plan = await currentPlan(event.locals.api, event.url)
      const target = await decoded(
        TargetView,
        event.locals.api.plans[":planId"].targets[":targetId"].$get({
          param: { planId: plan.id, targetId: event.params.id }
        })
      )
      const rows: Array<ObservationRow> = target.observations.map((o) => ({
        year: String(o.year),
        value: String(o.value),
        numerator: o.numerator === undefined ? "" : String(o.numerator),
        denominator: o.denominator === undefined ? "" : String(o.denominator),
        source: o.source ?? ""
      }))
      return { plan, target, rows }
    })()
  )
}

const num = (text: string) => parseFigure(text)

export const actions: Actions = {
  /** The observations as typed, validated with the core schema, PUT with the target's version. */
  default: async (event) => {
    const user = requireUser(event)
    if (user.role !== "admin")
      return fail(403, {
        errors: [{ path: "", ja: "管理者だけが変更できます", en: "only administrators can change targets" }],
        rows: [] as Array<ObservationRow>
      })
    const form = await event.request.formData()
    const count = Math.min(Number(form.get("count") ?? 0), 200)
    const rows: Array<ObservationRow> = []
    for (let i = 0; i < count; i++) {
      const text = (name: string) => String(form.get(`observations[${i}].${name}`) ?? "").trim()
      rows.push({
        year: text("year"),
        value: text("value"),
        numerator: text("numerator"),
        denominator: text("denominator"),
        source: text("source")
      })
    }
    const filled = rows.filter((row) => Object.values(row).some((cell) => cell !== ""))
    const candidate = filled.map((row) => ({
      year: num(row.year),
      value: num(row.value),
      ...(row.numerator ? { numerator: num(row.numerator) } : {}),
      ...(row.denominator ? { denominator: num(row.denominator) } : {}),
      ...(row.source ? { source: row.source } : {})
    }))
    const observations = Schema.decodeUnknownResult(Schema.Array(Observation), fieldIssueParseOptions)(candidate)
    if (Result.isFailure(observations)) {
      return fail(400, {
        rows: filled,
        errors: fieldIssuesOf(observations.failure).map((issue) => ({
          path: `observations${formatPath(issue.path).replace(/^(\d+)/, "[$1]")}`,
          ja: issue.ja,
          en: issue.en
        }))
      })
    }
    const method = Schema.decodeUnknownResult(
      TargetRatingMethod,
      fieldIssueParseOptions
    )(String(form.get("method") ?? "test"))
    if (Result.isFailure(method)) {
      return fail(400, {
        rows: filled,
        errors: fieldIssuesOf(method.failure).map((issue) => ({ path: "method", ja: issue.ja, en: issue.en }))
      })
    }
    const plan = await currentPlan(event.locals.api, event.url)
    const param = { planId: plan.id, targetId: event.params.id }
    try {
      const current = await decoded(TargetView, event.locals.api.plans[":planId"].targets[":targetId"].$get({ param }))
      const version = String(form.get("version") ?? "")
      await ok(
        event.locals.api.plans[":planId"].targets[":targetId"].$put(
          {
            param,
            json: {
              baseline: current.baseline,
              observations: observations.success,
              targetValue: current.targetValue,
              targetYear: current.targetYear,
              method: method.success
            }
          },
          { headers: { "If-Match": `"v${version}"` } }
        )
      )
    } catch (e) {
      if (e instanceof ApiProblem && e.status === 412)
        return fail(412, {
          rows: filled,
          errors: [
            {
              path: "",
              ja: "他の人が先に保存しました。画面を更新して確認してください",
              en: "someone saved first: reload and check"
            }
          ]
        })
      return fail(e instanceof ApiProblem ? e.status : 500, { rows: filled, errors: formErrorsOf(e) })
    }
    return { saved: true, rows: undefined, errors: undefined }
  }
}
