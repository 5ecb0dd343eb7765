import {
  actorOf,
  canEditReview,
  diffJson,
  InitiativeDetail,
  MeasureTrendsView,
  SecretariatNote,
  TargetView,
  transition,
  type WorkflowAction
} from "@sukoyaka/core"
import { Schema } from "effect"
import { error, fail } from "@sveltejs/kit"
import { decoded, ok } from "#lib/server/api.ts"
import { requireUser } from "#lib/server/guard.ts"
import { currentPlan, orFail } from "#lib/server/plan.ts"
import { writeRefused } from "#lib/server/problems.ts"
import { changeTags, loadTags } from "#lib/server/tags.ts"
import { decideFromForm } from "#lib/server/tagProposals.ts"
import { describeChange } from "#lib/review-fields.ts"
import { tr } from "#lib/i18n.ts"
import { auditActionLabel, notComputableText } from "#lib/labels.ts"
import { spanText } from "#lib/structure-labels.ts"
import type { Actions, PageServerLoad } from "./$types"

const parseJson = (text: unknown): unknown => {
  if (typeof text !== "string") return text
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

export const load: PageServerLoad = async (event) => {
  const user = requireUser(event)
  const api = event.locals.api
  const no = event.params.no
  if (!/^\d{1,4}$/.test(no)) error(404, "not found / 見つかりません")
  return orFail(
    (async () => {
      const plan = await currentPlan(api, event.url)
      const [detail, agencies, targets, trends, national] = await Promise.all([
        decoded(InitiativeDetail, api.plans[":planId"].initiatives[":no"].$get({ param: { planId: plan.id, no } })),
        ok(api.plans[":planId"].agencies.$get({ param: { planId: plan.id } })),
        decoded(Schema.Array(TargetView), api.plans[":planId"].targets.$get({ param: { planId: plan.id } })),
        decoded(
          MeasureTrendsView,
          api.plans[":planId"].initiatives[":no"].trends.$get({ param: { planId: plan.id, no } })
        ),
        loadTags(api, plan.id, no)
      ])
      const years = detail.reviews.map((review) => review.fiscalYear as number).sort((a, b) => a - b)
      const wanted = Number(event.url.searchParams.get("year"))
      const year = years.includes(wanted) ? wanted : (years.at(-1) ?? null)
      const review = detail.reviews.find((candidate) => candidate.fiscalYear === year) ?? null
      // The secretariat's note for the council report: the secretariat's to write, everyone's to read.
      const note =
        review === null
          ? null
          : await decoded(
              SecretariatNote,
              api.plans[":planId"].initiatives[":no"].reviews[":fiscalYear"].note.$get({
                param: { planId: plan.id, no, fiscalYear: String(year) }
              })
            )
      const history =
        year === null
          ? []
          : (
              await ok(
                api.plans[":planId"].initiatives[":no"].reviews[":fiscalYear"].history.$get({
                  param: { planId: plan.id, no, fiscalYear: String(year) }
                })
              )
            ).map((entry) => {
              const before = parseJson(entry.before)
              const after = parseJson(entry.after)
              return {
                id: entry.id,
                at: entry.at,
                actorLabel: entry.actorLabel,
                action: entry.action,
                actionLabel: tr(auditActionLabel[entry.action] ?? { ja: entry.action, en: entry.action }),
                // In the reader's words, here rather than in the page: the words of every field and
                // value would otherwise ship in its JavaScript (the table shows the first 30).
                changes:
                  before === null || after === null
                    ? []
                    : diffJson(before, after)
                        .slice(0, 30)
                        .map((change) => ({ path: change.path, ...describeChange(change, year) })),
                restorable: after !== null,
                // The version this entry made: what 「第N版に戻す」 names.
                version:
                  typeof (after as { version?: unknown } | null)?.version === "number"
                    ? (after as { version: number }).version
                    : null
              }
            })
      const actor = actorOf(user)
      const moves = (["submit", "withdraw", "approve", "return", "reopen"] as const).filter(
        (action) => review && transition(actor, detail, review.status, action)._tag === "Allowed"
      )
      return {
        plan,
        detail,
        trends,
        agencies,
        // The targets that name this initiative among those serving them.
        targets: targets.filter((target) => target.initiativeNos.includes(detail.no)),
        years,
        year,
        review,
        note,
        national,
        history,
        // Words made here, not in the page, for the same reason as the history's (its JavaScript).
        span: detail.until === null ? null : spanText(detail.since, detail.until),
        measureReasons: (review?.evaluation.measures ?? []).map((measure) =>
          measure.notComputable ? notComputableText(measure.notComputable) : "―"
        ),
        canEdit: review !== null && canEditReview(actor, detail, review.status),
        isAdmin: user.role === "admin",
        moves
      }
    })()
  )
}

const keyOf = async (event: Parameters<Actions[string]>[0]) => {
  requireUser(event)
  const form = await event.request.formData()
  const plan = await currentPlan(event.locals.api, event.url)
  return {
    form,
    planId: plan.id,
    no: event.params.no ?? "",
    year: String(form.get("year") ?? ""),
    version: String(form.get("version") ?? "")
  }
}

export const actions: Actions = {
  /** submit / approve / return (with a comment) / reopen, at the version the person saw. */
  status: async (event) => {
    const { form, planId, no, year, version } = await keyOf(event)
    const action = String(form.get("action") ?? "") as WorkflowAction
    const comment = String(form.get("comment") ?? "").trim()
    if (action === "return" && comment === "") {
      return fail(400, {
        statusErrors: [{ path: "comment", ja: "差戻しの理由を入力してください", en: "a return needs a comment" }]
      })
    }
    try {
      await ok(
        event.locals.api.plans[":planId"].initiatives[":no"].reviews[":fiscalYear"].status.$post(
          { param: { planId, no, fiscalYear: year }, json: { action, ...(comment ? { comment } : {}) } },
          { headers: { "If-Match": `"v${version}"` } }
        )
      )
    } catch (e) {
      return writeRefused(e, "statusErrors", "someone changed this row first: reload and try again")
    }
    return { statusChanged: true }
  },
  /** The secretariat's note for the council report, at the version the secretariat saw. */
  note: async (event) => {
    const { form, planId, no, year, version } = await keyOf(event)
    try {
      await ok(
        event.locals.api.plans[":planId"].initiatives[":no"].reviews[":fiscalYear"].note.$put(
          { param: { planId, no, fiscalYear: year }, json: { note: String(form.get("note") ?? "").trim() } },
          { headers: { "If-Match": `"v${version}"` } }
        )
      )
    } catch (e) {
      return writeRefused(e, "noteErrors", "someone wrote the note first: reload and try again")
    }
    return { noteSaved: true }
  },
  /** The secretariat tags the initiative with a national measure (#24), or takes one off. */
  addTag: async (event) => {
    const { form, planId, no } = await keyOf(event)
    return changeTags(event.locals.api, planId, no, form, "add")
  },
  removeTag: async (event) => {
    const { form, planId, no } = await keyOf(event)
    return changeTags(event.locals.api, planId, no, form, "remove")
  },
  /** The secretariat accepts an agency's proposed tag (a tag write) or declines it, with a reason. */
  acceptProposal: async (event) => {
    const { form, planId, no } = await keyOf(event)
    return decideFromForm(event.locals.api, planId, no, form, "accept")
  },
  declineProposal: async (event) => {
    const { form, planId, no } = await keyOf(event)
    return decideFromForm(event.locals.api, planId, no, form, "decline")
  },
  /** Brings back the content after an audit entry, as a new version. */
  restore: async (event) => {
    const { form, planId, no, year, version } = await keyOf(event)
    const auditId = Number(form.get("auditId"))
    try {
      await ok(
        event.locals.api.plans[":planId"].initiatives[":no"].reviews[":fiscalYear"].restore.$post(
          { param: { planId, no, fiscalYear: year }, json: { auditId } },
          { headers: { "If-Match": `"v${version}"` } }
        )
      )
    } catch (e) {
      return writeRefused(e, "restoreErrors", "someone changed this review first: reload and try again")
    }
    return { restored: true }
  }
}
