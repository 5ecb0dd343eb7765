import { moveReview, reviewView, visibleActors } from "@sukoyaka/app"
import {
  type Actor,
  canEditReview,
  FiscalYear,
  ReviewContent,
  ReviewUpdate,
  ReviewView,
  StatusChange
} from "@sukoyaka/core"
import {
  AuditEntryJson,
  Initiatives,
  Plans,
  RatingPolicies,
  type ReviewKey,
  Reviews,
  type StoredReview
} from "@sukoyaka/storage"
import { Effect, Schema } from "effect"
import { type Context, Hono } from "hono"
import type { AppEnv } from "../env.ts"
import { doc } from "../openapi.ts"
import { HttpProblem } from "../problem.ts"
import { AuditId, DecimalInt, PlanIdParam, validate } from "../validation.ts"
import { versionToWrite, sendVersioned } from "../preconditions.ts"

export const ReviewParams = Schema.Struct({
  planId: PlanIdParam,
  no: DecimalInt.check(Schema.isBetween({ minimum: 1, maximum: 9999 })),
  fiscalYear: DecimalInt.pipe(Schema.decodeTo(FiscalYear))
})

export const keyOf = (params: typeof ReviewParams.Type): ReviewKey => ({
  planId: params.planId,
  initiativeNo: params.no,
  fiscalYear: params.fiscalYear
})

/** The review, its initiative and the policy of its year, checked to exist. */
const context = (key: ReviewKey) =>
  Effect.gen(function* () {
    yield* (yield* Plans).get(key.planId)
    const initiative = yield* (yield* Initiatives).get(key.planId, key.initiativeNo)
    const review = yield* (yield* Reviews).get(key)
    const policy = yield* (yield* RatingPolicies).forYear(key.planId, key.fiscalYear)
    return { initiative, review, policy }
  })

const currentReviewVersion = async (c: Context<AppEnv>, key: ReviewKey) =>
  (await c.var.run(Reviews.use((reviews) => reviews.get(key)))).version

const respond = (c: Context<AppEnv>, view: ReviewView) => {
  return sendVersioned(c, view.version, ReviewView, view)
}

const forbidden = () =>
  new HttpProblem("forbidden", "an editor may change only its own agencies' reviews while they are drafts")

/** A change of a review's content (edit or restore): only by who may edit it, shown with its evaluation. */
const editReview = <E>(
  actor: Actor,
  key: ReviewKey,
  write: (reviews: Reviews["Service"]) => Effect.Effect<StoredReview, E>
) =>
  Effect.gen(function* () {
    const { initiative, review, policy } = yield* context(key)
    if (!canEditReview(actor, initiative, review.status)) return yield* Effect.fail(forbidden())
    return reviewView(yield* write(yield* Reviews), policy)
  })

export default new Hono<AppEnv>()
  .get(
    "/:planId/initiatives/:no/reviews/:fiscalYear",
    doc({
      tag: "reviews",
      summary: "One review with its evaluation; the ETag is its version",
      ok: { schema: ReviewView, description: "The review" }
    }),
    validate("param", ReviewParams),
    async (c) => {
      const { review, policy } = await c.var.run(context(keyOf(c.req.valid("param"))))
      return respond(c, reviewView(review, policy))
    }
  )
  .put(
    "/:planId/initiatives/:no/reviews/:fiscalYear",
    doc({
      tag: "reviews",
      summary: "Change a review",
      description:
        "Send the GET representation back with If-Match: its ETag. Read-only fields are ignored. 412 when someone saved first.",
      ok: { schema: ReviewView, description: "The saved review" },
      ifMatch: true,
      extraProblems: {
        412: "Someone saved first: GET the review again",
        415: "Send application/json",
        428: "If-Match is required"
      }
    }),
    validate("param", ReviewParams),
    validate("json", ReviewUpdate),
    async (c) => {
      const key = keyOf(c.req.valid("param"))
      const version = await versionToWrite(c, "review", () => currentReviewVersion(c, key))
      const body = c.req.valid("json")
      const content = Schema.decodeUnknownSync(ReviewContent)(body)
      const auth = c.var.auth
      return respond(
        c,
        await c.var.run(editReview(auth.actor, key, (reviews) => reviews.update(auth.audit, key, version, content)))
      )
    }
  )
  .post(
    "/:planId/initiatives/:no/reviews/:fiscalYear/status",
    doc({
      tag: "reviews",
      summary:
        "Move the workflow: submit, withdraw (the agency, before approval), approve, return (with a comment) or reopen",
      ok: { schema: ReviewView, description: "The review in its new status" },
      ifMatch: true,
      extraProblems: {
        409: "The move is not possible from the current status",
        412: "Someone saved first",
        428: "If-Match is required"
      }
    }),
    validate("param", ReviewParams),
    validate("json", StatusChange),
    async (c) => {
      const key = keyOf(c.req.valid("param"))
      const version = await versionToWrite(c, "review", () => currentReviewVersion(c, key))
      const { action, comment } = c.req.valid("json")
      const auth = c.var.auth
      const saved = await c.var.run(
        Effect.gen(function* () {
          const moved = yield* moveReview(auth.actor, auth.audit, key, version, action, comment ?? null)
          const policy = yield* (yield* RatingPolicies).forYear(key.planId, key.fiscalYear)
          return reviewView(moved.after, policy)
        })
      )
      return respond(c, saved)
    }
  )
  .get(
    "/:planId/initiatives/:no/reviews/:fiscalYear/history",
    doc({
      tag: "reviews",
      summary: "Every recorded version of the review (newest first), from the audit log",
      description:
        "The actor is shown by e-mail to admins only; other callers see a user's display name (tokens by name).",
      ok: { schema: Schema.Array(AuditEntryJson), description: "Audit entries" }
    }),
    validate("param", ReviewParams),
    async (c) => {
      const key = keyOf(c.req.valid("param"))
      const history = await c.var.run(
        Effect.andThen(
          context(key),
          Reviews.use((reviews) => reviews.history(key))
        ).pipe(Effect.flatMap((entries) => visibleActors(c.var.auth.actor.role, entries)))
      )
      return c.json(Schema.encodeSync(Schema.Array(AuditEntryJson))(history))
    }
  )
  .post(
    "/:planId/initiatives/:no/reviews/:fiscalYear/restore",
    doc({
      tag: "reviews",
      summary: "Restore the content of an earlier version (an audit entry) as a new version",
      ok: { schema: ReviewView, description: "The review after the restore" },
      ifMatch: true,
      extraProblems: { 412: "Someone saved first", 428: "If-Match is required" }
    }),
    validate("param", ReviewParams),
    validate("json", Schema.Struct({ auditId: AuditId })),
    async (c) => {
      const key = keyOf(c.req.valid("param"))
      const version = await versionToWrite(c, "review", () => currentReviewVersion(c, key))
      const { auditId } = c.req.valid("json")
      const auth = c.var.auth
      return respond(
        c,
        await c.var.run(editReview(auth.actor, key, (reviews) => reviews.restore(auth.audit, key, auditId, version)))
      )
    }
  )
