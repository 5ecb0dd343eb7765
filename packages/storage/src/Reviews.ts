import {
  answersWith,
  FiscalYear,
  type Review,
  type Stamped,
  Timestamps,
  type ReviewContent,
  ReviewNotFound,
  type ReviewStatus,
  StaleVersion
} from "@sukoyaka/core"
import { Context, Effect, Layer, Option, Schema } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import * as SqlSchema from "effect/sql/SqlSchema"
import { Audit, type AuditActor, type AuditEntry, nowIso } from "./Audit.ts"
import {
  ReviewRow,
  ReviewSnapshot,
  reviewWriteStatements,
  rowOfSnapshot,
  sameAsStored,
  storedReviewOfRow
} from "./reviewRows.ts"
import { makeTransactionStatements } from "./transactionStatements.ts"

export { ReviewRow, rowOfSnapshot } from "./reviewRows.ts"

/** A review as read back: the row with when it was first stored and last changed. */
const StoredReviewRow = Schema.Struct({ ...ReviewRow.fields, ...Timestamps })
export type StoredReview = Review & Stamped

const ReviewKeyRequest = Schema.Struct({
  planId: Schema.String,
  initiativeNo: Schema.Number,
  fiscalYear: Schema.Number
})

export interface ReviewKey {
  readonly planId: string
  readonly initiativeNo: number
  readonly fiscalYear: number
}

export const reviewKeyString = (key: ReviewKey) => `${key.planId}/${key.initiativeNo}/${key.fiscalYear}`

export class AuditEntryNotFound extends Schema.TaggedError<AuditEntryNotFound>()(
  "AuditEntryNotFound",
  { id: Schema.Number },
  answersWith(404)
) {}

export class Reviews extends Context.Service<Reviews>()("@sukoyaka/storage/Reviews", {
  make: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const audit = yield* Audit
    const encodeRow = Schema.encodeEffect(ReviewRow)
    // Throws on an invalid review: a defect, as every encoding failure here is.
    const snapshot: (review: Review) => ReviewSnapshot = Schema.encodeSync(ReviewSnapshot)

    const findRow = SqlSchema.findOneOption({
      Request: ReviewKeyRequest,
      Result: StoredReviewRow,
      execute: (key) => sql`SELECT * FROM reviews
        WHERE plan_id = ${key.planId} AND initiative_no = ${key.initiativeNo} AND fiscal_year = ${key.fiscalYear}`
    })
    const rowsOfYear = SqlSchema.findAll({
      Request: Schema.Struct({ planId: Schema.String, fiscalYear: Schema.Number }),
      Result: StoredReviewRow,
      execute: ({ planId, fiscalYear }) =>
        sql`SELECT * FROM reviews WHERE plan_id = ${planId} AND fiscal_year = ${fiscalYear} ORDER BY initiative_no`
    })
    const rowsOfInitiative = SqlSchema.findAll({
      Request: Schema.Struct({ planId: Schema.String, initiativeNo: Schema.Number }),
      Result: StoredReviewRow,
      execute: ({ planId, initiativeNo }) =>
        sql`SELECT * FROM reviews WHERE plan_id = ${planId} AND initiative_no = ${initiativeNo} ORDER BY fiscal_year`
    })
    const yearsOfPlan = SqlSchema.findAll({
      Request: Schema.String,
      Result: Schema.Struct({ fiscalYear: FiscalYear }),
      execute: (planId) => sql`SELECT DISTINCT fiscal_year FROM reviews WHERE plan_id = ${planId} ORDER BY fiscal_year`
    })

    const find = (key: ReviewKey) => findRow(key).pipe(Effect.orDie, Effect.withSpan("Reviews.find"))

    const get = (key: ReviewKey) =>
      Effect.flatMap(
        find(key),
        Option.match({ onNone: () => Effect.fail(new ReviewNotFound(key)), onSome: Effect.succeed })
      )

    const listByYear = (planId: string, fiscalYear: number): Effect.Effect<ReadonlyArray<StoredReview>> =>
      rowsOfYear({ planId, fiscalYear }).pipe(Effect.orDie, Effect.withSpan("Reviews.listByYear"))

    const listForInitiative = (planId: string, initiativeNo: number): Effect.Effect<ReadonlyArray<StoredReview>> =>
      rowsOfInitiative({ planId, initiativeNo }).pipe(Effect.orDie, Effect.withSpan("Reviews.listForInitiative"))

    const fiscalYears = (planId: string): Effect.Effect<ReadonlyArray<number>> =>
      yearsOfPlan(planId).pipe(
        Effect.map((rows) => rows.map((row) => row.fiscalYear)),
        Effect.orDie,
        Effect.withSpan("Reviews.fiscalYears")
      )

    /** Creates a review; `false` when one already exists for the key (nothing is overwritten). */
    const insert = (actor: AuditActor, review: Review, action = "create") =>
      sql
        .withTransaction(
          Effect.gen(function* () {
            if (Option.isSome(yield* find(review))) return false
            const updatedAt = yield* nowIso
            const row = yield* encodeRow(review)
            yield* sql`INSERT INTO reviews ${sql.insert({ ...row, createdAt: updatedAt, updatedAt, updatedBy: actor.id })}`
            yield* audit.record({
              actor,
              planId: review.planId,
              entity: "review",
              entityKey: reviewKeyString(review),
              action,
              before: null,
              after: snapshot(review)
            })
            return true
          })
        )
        .pipe(Effect.orDie, Effect.withSpan("Reviews.insert"))

    // A write's statements: fixed text with positional parameters, prepared once by the driver, run
    // without a span each in the write's transaction, a lean one on SQLite (transactionStatements.ts).
    const statements = yield* makeTransactionStatements
    const { selectReview, updateReview, writtenFields } = reviewWriteStatements(statements.placeholder)

    const stale = (key: ReviewKey, expected: number, actual: number) =>
      new StaleVersion({ entity: "review", key: reviewKeyString(key), expected, actual })

    /**
     * The one way a review changes: only if the stored version is still `expectedVersion` (the ETag
     * the writer read), inside a transaction with its audit entry. A stale write fails with
     * StaleVersion and changes nothing.
     */
    const write = (
      actor: AuditActor,
      key: ReviewKey,
      expectedVersion: number,
      action: string,
      change: (current: StoredReview) => StoredReview,
      options: { readonly reapprove?: boolean } = {}
    ): Effect.Effect<StoredReview, ReviewNotFound | StaleVersion> =>
      statements
        .writeTransaction(
          Effect.gen(function* () {
            const [stored] = yield* statements.run(selectReview, [key.planId, key.initiativeNo, key.fiscalYear])
            if (stored === undefined) return yield* new ReviewNotFound(key)
            // Read without a Schema pass: the changed review is checked below, before it is written.
            const current = storedReviewOfRow(stored)
            if (current.version !== expectedVersion) return yield* stale(key, expectedVersion, current.version)
            const changed: StoredReview = {
              ...change(current),
              planId: current.planId,
              initiativeNo: current.initiativeNo,
              fiscalYear: current.fiscalYear,
              version: current.version + 1
            }
            // One encoding, of the changed review (it also checks it): its audit snapshot and its row.
            const changedSnapshot = snapshot(changed)
            const changedRow = rowOfSnapshot(changedSnapshot)
            // Saving what is already stored is no change: no new version, nothing audited.
            if (sameAsStored(changedRow, stored)) return current
            // The snapshot of the stored review: the review without its stamps.
            const { createdAt: _created, updatedAt: _updated, ...before } = current
            const updatedAt = yield* nowIso
            // An approved review whose content changes (the secretariat's edit, an import) waits for
            // approval again: two plain fields, the same in the review, its snapshot and its row.
            const reapproved = options.reapprove === true && current.status === "approved"
            const resubmitted = { status: "submitted", statusComment: null } as const
            const next: StoredReview = reapproved ? { ...changed, ...resubmitted } : changed
            const after = reapproved ? { ...changedSnapshot, ...resubmitted } : changedSnapshot
            const row = reapproved ? { ...changedRow, ...resubmitted } : changedRow
            const updated = yield* statements.run(updateReview, [
              ...writtenFields.map(([field]) => row[field]),
              updatedAt,
              actor.id,
              key.planId,
              key.initiativeNo,
              key.fiscalYear,
              expectedVersion
            ])
            if (updated.length === 0) {
              // Another connection committed between our read and our write.
              return yield* stale(key, expectedVersion, (yield* get(key)).version)
            }
            yield* audit.record({
              actor,
              planId: key.planId,
              entity: "review",
              entityKey: reviewKeyString(key),
              action,
              before,
              after
            })
            return { ...next, updatedAt }
          })
        )
        .pipe(Effect.catchTag("SqlError", Effect.die))

    // A write's span: its name, without the stack captured where the effect is built (an Error and
    // its stack on every call, ≈ 3 % of an update); a failure still carries its own stack.
    const writeSpan = { captureStackTrace: false } as const

    /** `action` names the change in the audit log: "update" from a form or the API, "import" from a sheet. */
    const update = (
      actor: AuditActor,
      key: ReviewKey,
      expectedVersion: number,
      content: ReviewContent,
      action = "update"
    ) =>
      write(actor, key, expectedVersion, action, (current) => ({ ...current, ...content }), { reapprove: true }).pipe(
        Effect.withSpan("Reviews.update", undefined, writeSpan)
      )

    const setStatus = (
      actor: AuditActor,
      key: ReviewKey,
      expectedVersion: number,
      status: ReviewStatus,
      comment: string | null
    ) =>
      write(actor, key, expectedVersion, "status", (current) => ({
        ...current,
        status,
        statusComment: comment,
        // What the secretariat approved: a later change to it shows as changed after approval. A
        // reopened approval is withdrawn, so its next submission is an ordinary one.
        approvedVersion:
          status === "approved" ? current.version + 1 : current.status === "approved" ? null : current.approvedVersion
      })).pipe(Effect.withSpan("Reviews.setStatus", undefined, writeSpan))

    /** Every recorded version of a review, newest first: what the history view and restore read. */
    const history = (key: ReviewKey) =>
      audit.list({ planId: key.planId, entity: "review", entityKey: reviewKeyString(key), limit: 1000 })

    /**
     * Brings back the content of an earlier version (the state after audit entry `auditId`) as a new
     * version. Nothing is rewritten in place: the restore is itself a change, audited as "restore".
     */
    const restore = (actor: AuditActor, key: ReviewKey, auditId: number, expectedVersion: number) =>
      Effect.gen(function* () {
        const entry: AuditEntry = yield* Effect.flatMap(
          audit.get(auditId),
          Option.match({ onNone: () => Effect.fail(new AuditEntryNotFound({ id: auditId })), onSome: Effect.succeed })
        )
        if (entry.entity !== "review" || entry.entityKey !== reviewKeyString(key) || entry.after === null) {
          return yield* new AuditEntryNotFound({ id: auditId })
        }
        const earlier = yield* Effect.orDie(Schema.decodeUnknownEffect(ReviewSnapshot)(entry.after))
        return yield* write(
          actor,
          key,
          expectedVersion,
          "restore",
          (current) => ({
            ...current,
            actions: earlier.actions,
            resultText: earlier.resultText,
            plannedText: earlier.plannedText,
            measures: earlier.measures,
            selfRating: earlier.selfRating,
            ratingReason: earlier.ratingReason,
            next: earlier.next,
            plannedActions: earlier.plannedActions
          }),
          { reapprove: true }
        )
      }).pipe(Effect.withSpan("Reviews.restore"))

    return {
      find,
      get,
      listByYear,
      listForInitiative,
      fiscalYears,
      insert,
      update,
      setStatus,
      history,
      restore
    } as const
  })
}) {
  static readonly layer = Layer.effect(this, this.make).pipe(Layer.provide(Audit.layer))
}
