import { ReviewNotFound, SecretariatNote, StaleVersion } from "@sukoyaka/core"
import { Context, Effect, Layer, Option, Schema } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import * as SqlSchema from "effect/sql/SqlSchema"
import { Audit, type AuditActor, nowIso } from "./Audit.ts"
import { type ReviewKey, reviewKeyString } from "./Reviews.ts"

const KeyRequest = Schema.Struct({ planId: Schema.String, initiativeNo: Schema.Number, fiscalYear: Schema.Number })

/**
 * The secretariat's notes on reviews, for the council report: one per review, versioned and audited
 * like everything else, in a table of their own so that a note never touches the agency's review.
 */
export class SecretariatNotes extends Context.Service<SecretariatNotes>()("@sukoyaka/storage/SecretariatNotes", {
  make: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const audit = yield* Audit
    const findRow = SqlSchema.findOneOption({
      Request: KeyRequest,
      Result: SecretariatNote,
      execute: (key) => sql`SELECT plan_id, initiative_no, fiscal_year, note, version FROM secretariat_notes
        WHERE plan_id = ${key.planId} AND initiative_no = ${key.initiativeNo} AND fiscal_year = ${key.fiscalYear}`
    })
    const rowsOfYear = SqlSchema.findAll({
      Request: Schema.Struct({ planId: Schema.String, fiscalYear: Schema.Number }),
      Result: SecretariatNote,
      execute: ({ planId, fiscalYear }) => sql`SELECT plan_id, initiative_no, fiscal_year, note, version
        FROM secretariat_notes WHERE plan_id = ${planId} AND fiscal_year = ${fiscalYear} AND note <> ''
        ORDER BY initiative_no`
    })
    const reviewExists = SqlSchema.findOneOption({
      Request: KeyRequest,
      Result: Schema.Struct({ version: Schema.Number }),
      execute: (key) => sql`SELECT version FROM reviews
        WHERE plan_id = ${key.planId} AND initiative_no = ${key.initiativeNo} AND fiscal_year = ${key.fiscalYear}`
    })

    /** The review's note; version 0 and no text while there is none. A review that is not there: ReviewNotFound. */
    const get = (key: ReviewKey) =>
      Effect.gen(function* () {
        const row = yield* Effect.orDie(findRow(key))
        if (Option.isSome(row)) return row.value
        if (Option.isNone(yield* Effect.orDie(reviewExists(key)))) return yield* new ReviewNotFound(key)
        // The review exists, so its key is a valid one.
        return Schema.decodeUnknownSync(SecretariatNote)({ ...key, note: "", version: 0 })
      }).pipe(Effect.withSpan("SecretariatNotes.get"))

    /** The year's notes that say something, by initiative. */
    const listByYear = (planId: string, fiscalYear: number) =>
      rowsOfYear({ planId, fiscalYear }).pipe(Effect.orDie, Effect.withSpan("SecretariatNotes.listByYear"))

    /** Replaces the note if it is still at `expectedVersion` (0: none yet); the same text is no change. */
    const put = (actor: AuditActor, key: ReviewKey, note: string, expectedVersion: number) =>
      sql
        .withTransaction(
          Effect.gen(function* () {
            const current = yield* get(key)
            const stale = () =>
              new StaleVersion({
                entity: "secretariat note",
                key: reviewKeyString(key),
                expected: expectedVersion,
                actual: current.version
              })
            if (current.version !== expectedVersion) return yield* stale()
            if (current.note === note) return current
            const next: SecretariatNote = { ...current, note, version: current.version + 1 }
            const updatedAt = yield* nowIso
            const written =
              current.version === 0
                ? yield* sql`INSERT INTO secretariat_notes ${sql.insert({
                    planId: key.planId,
                    initiativeNo: key.initiativeNo,
                    fiscalYear: key.fiscalYear,
                    note,
                    version: next.version,
                    updatedAt,
                    updatedBy: actor.id
                  })} ON CONFLICT (plan_id, initiative_no, fiscal_year) DO NOTHING RETURNING version`
                : yield* sql`UPDATE secretariat_notes SET note = ${note}, version = ${next.version},
                    updated_at = ${updatedAt}, updated_by = ${actor.id}
                    WHERE plan_id = ${key.planId} AND initiative_no = ${key.initiativeNo}
                    AND fiscal_year = ${key.fiscalYear} AND version = ${current.version} RETURNING version`
            // Someone wrote between our read and our write: theirs stands, ours is stale.
            if (written.length === 0) return yield* stale()
            yield* audit.record({
              actor,
              planId: key.planId,
              entity: "secretariatNote",
              entityKey: `${reviewKeyString(key)}/note`,
              action: current.version === 0 ? "create" : "update",
              before: current.version === 0 ? null : Schema.encodeSync(SecretariatNote)(current),
              after: Schema.encodeSync(SecretariatNote)(next)
            })
            return next
          })
        )
        .pipe(Effect.catchTag("SqlError", Effect.die), Effect.withSpan("SecretariatNotes.put"))

    return { get, listByYear, put } as const
  })
}) {
  static readonly layer = Layer.effect(this, this.make).pipe(Layer.provide(Audit.layer))
}
