import { type Bilingual, BulkStatusResult, type Problem } from "@sukoyaka/core"
import { fail, type RequestEvent } from "@sveltejs/kit"
import type { FieldError } from "#lib/review-form.ts"
import { ApiProblem, decoded } from "./api.ts"
import { requireRole } from "./guard.ts"
import { currentPlan } from "./plan.ts"
import { formErrorsOf } from "./problems.ts"

/** What the list shows after a bulk move: what moved, and each review that did not with its reason. */
export interface BulkOutcome {
  readonly action?: "approve" | "return"
  readonly moved?: ReadonlyArray<number>
  readonly refused?: ReadonlyArray<{ readonly no: number; readonly status: number; readonly reason: Bilingual }>
  readonly errors?: ReadonlyArray<FieldError>
  readonly comment?: string
}

/** A refused review's reason in the user's words: the problem's field message, or its title. */
const reasonOf = (problem: Pick<Problem, "title" | "titles" | "errors">): Bilingual => {
  const field = problem.errors?.[0]
  return field
    ? { ja: field.ja, en: field.en }
    : { ja: problem.titles?.ja ?? problem.title, en: problem.titles?.en ?? problem.title }
}

const refused = (status: number, outcome: BulkOutcome) => fail(status, { bulk: outcome })

/**
 * The admin's bulk approval or return (POST /plans/{planId}/reviews/status). The checkboxes carry
 * `no:fiscalYear:version`, the version the list showed: a review changed since is not moved.
 */
export const bulkMove = async (event: RequestEvent) => {
  requireRole(event, "admin")
  const form = await event.request.formData()
  const action = form.get("action") === "return" ? "return" : "approve"
  const comment = String(form.get("comment") ?? "")
  const reviews = form
    .getAll("review")
    .map((value) => String(value).split(":").map(Number))
    .filter((parts) => parts.length === 3 && parts.every(Number.isInteger))
    .map(([no, fiscalYear, version]) => ({ no: no!, fiscalYear: fiscalYear!, version: version! }))
  if (reviews.length === 0)
    return refused(400, {
      comment,
      errors: [{ path: "bulk.review", ja: "処理する評価を選んでください", en: "choose the reviews to act on" }]
    })
  const plan = await currentPlan(event.locals.api, event.url)
  try {
    const result = await decoded(
      BulkStatusResult,
      event.locals.api.plans[":planId"].reviews.status.$post({
        param: { planId: plan.id },
        json: { action, reviews, ...(comment.trim() === "" ? {} : { comment }) }
      })
    )
    const outcome: BulkOutcome = {
      action,
      moved: result.results.filter((item) => item.ok).map((item) => item.no),
      refused: result.results.flatMap((item) =>
        item.ok ? [] : [{ no: item.no, status: item.problem.status, reason: reasonOf(item.problem) }]
      )
    }
    return { bulk: outcome }
  } catch (e) {
    const errors = formErrorsOf(e).map((error) => ({
      ...error,
      path: `bulk.${error.path.replace(/^json\./, "") || "form"}`
    }))
    return refused(e instanceof ApiProblem ? e.status : 500, { comment, errors })
  }
}
