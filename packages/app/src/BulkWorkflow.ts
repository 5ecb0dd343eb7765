import type { Actor, BulkStatusChange } from "@sukoyaka/core"
import { type AuditActor, Plans } from "@sukoyaka/storage"
import { Effect } from "effect"
import { moveReview, ReturnNeedsComment, type ReviewMoved, WorkflowForbidden } from "./Workflow.ts"

/** One review of a bulk move: moved, or the typed error that stopped it (stale, wrong status, missing). */
export type BulkOutcome =
  | { readonly _tag: "Moved"; readonly no: number; readonly fiscalYear: number; readonly moved: ReviewMoved }
  | { readonly _tag: "Refused"; readonly no: number; readonly fiscalYear: number; readonly error: unknown }

/**
 * Approves or returns several submitted reviews, the secretariat's alone. Each review is moved on
 * its own (moveReview: its own transaction, version check and audit entry), in the order given:
 * one that someone changed meanwhile (stale) or that is no longer submitted is reported and the
 * others go on, because the admin checked each separately and a retry should only concern what
 * failed. A return without a comment refuses the whole request before anything moves.
 */
export const moveReviews = (actor: Actor, audit: AuditActor, planId: string, change: BulkStatusChange) =>
  Effect.gen(function* () {
    if (actor.role !== "admin") return yield* new WorkflowForbidden({ role: actor.role, action: change.action })
    const comment = change.comment?.trim() || null
    if (change.action === "return" && comment === null) return yield* new ReturnNeedsComment()
    yield* (yield* Plans).get(planId)
    return yield* Effect.forEach(change.reviews, (item) =>
      moveReview(
        actor,
        audit,
        { planId, initiativeNo: item.no, fiscalYear: item.fiscalYear },
        item.version,
        change.action,
        comment
      ).pipe(
        Effect.match({
          onSuccess: (moved): BulkOutcome => ({ _tag: "Moved", no: item.no, fiscalYear: item.fiscalYear, moved }),
          onFailure: (error): BulkOutcome => ({ _tag: "Refused", no: item.no, fiscalYear: item.fiscalYear, error })
        })
      )
    )
  }).pipe(Effect.withSpan("moveReviews", { attributes: { action: change.action } }))
