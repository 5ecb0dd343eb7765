import {
  type Actor,
  answersWith,
  Explanation,
  type Initiative,
  type Review,
  transition,
  type WorkflowAction
} from "@sukoyaka/core"
import { type AuditActor, Initiatives, Plans, type ReviewKey, Reviews, type StoredReview } from "@sukoyaka/storage"
import { Effect, Schema } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import { notifyMove } from "./Notifications.ts"

/** The actor's role (or agencies) does not allow this move on this review. */
export class WorkflowForbidden extends Schema.TaggedError<WorkflowForbidden>()(
  "WorkflowForbidden",
  { role: Schema.String, action: Schema.String },
  answersWith(403)
) {
  override get message() {
    return `the role ${this.role} cannot ${this.action} this review`
  }
}

/** The move does not start from the review's current status (approving a draft, say). */
export class WorkflowConflict extends Schema.TaggedError<WorkflowConflict>()(
  "WorkflowConflict",
  { action: Schema.String, from: Schema.String },
  answersWith(409)
) {
  override get message() {
    return `cannot ${this.action} a review that is ${this.from}`
  }
}

/** A return tells the agency what to fix: without a comment it cannot. */
export class ReturnNeedsComment extends Schema.TaggedError<ReturnNeedsComment>()(
  "ReturnNeedsComment",
  {},
  answersWith(400)
) {
  override get message() {
    return "a return needs a comment"
  }
  get [Explanation]() {
    return [{ path: "comment", ja: "差戻しの理由を入力してください", en: "a return needs a comment" }]
  }
}

/** A review that moved, with what it concerns: what notifications are made from. */
export interface ReviewMoved {
  readonly action: WorkflowAction
  readonly actor: AuditActor
  readonly initiative: Initiative
  readonly before: Review
  readonly after: StoredReview
}

/**
 * Moves a review through the workflow (submit, withdraw, approve, return, reopen) if `actor` may:
 * one version step, audited, based on the version the actor read. Only a return or a reopen keeps
 * a comment: it is what the agency reads on its form until it submits again. Whom the move
 * concerns is told (Notifications.ts) in the same transaction: no notice of a move that failed.
 */
export const moveReview = (
  actor: Actor,
  audit: AuditActor,
  key: ReviewKey,
  expectedVersion: number,
  action: WorkflowAction,
  comment: string | null
) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    return yield* sql.withTransaction(move(actor, audit, key, expectedVersion, action, comment))
  }).pipe(Effect.catchTag("SqlError", Effect.die), Effect.withSpan("moveReview", { attributes: { action } }))

const move = (
  actor: Actor,
  audit: AuditActor,
  key: ReviewKey,
  expectedVersion: number,
  action: WorkflowAction,
  comment: string | null
) =>
  Effect.gen(function* () {
    const note = comment?.trim() || null
    if (action === "return" && note === null) return yield* new ReturnNeedsComment()
    yield* (yield* Plans).get(key.planId)
    const initiative = yield* (yield* Initiatives).get(key.planId, key.initiativeNo)
    const reviews = yield* Reviews
    const before = yield* reviews.get(key)
    const result = transition(actor, initiative, before.status, action)
    if (result._tag === "Forbidden") return yield* new WorkflowForbidden({ role: actor.role, action })
    if (result._tag === "InvalidTransition") return yield* new WorkflowConflict({ action, from: result.from })
    const kept = action === "return" || action === "reopen" ? note : null
    const after = yield* reviews.setStatus(audit, key, expectedVersion, result.to, kept)
    const moved: ReviewMoved = { action, actor: audit, initiative, before, after }
    yield* notifyMove(moved)
    return moved
  })
