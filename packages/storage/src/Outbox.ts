import { Language, type OutboxState } from "@sukoyaka/core"
import { Clock, Context, Effect, Layer, Schema, SchemaTransformation } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import * as SqlSchema from "effect/sql/SqlSchema"
import { nowIso } from "./Audit.ts"

const Integer = Schema.Union([
  Schema.Number,
  Schema.BigInt.pipe(Schema.decodeTo(Schema.Number, SchemaTransformation.transform({ decode: Number, encode: BigInt })))
])

/** A mail as queued: who for, what it says, and how sending it has gone so far. */
export const OutboxMail = Schema.Struct({
  id: Integer,
  occasion: Schema.String,
  recipient: Schema.String,
  userId: Schema.NullOr(Schema.String),
  language: Language,
  subject: Schema.String,
  body: Schema.String,
  createdAt: Schema.String,
  sentAt: Schema.NullOr(Schema.String),
  attempts: Integer,
  lastError: Schema.NullOr(Schema.String),
  nextAttemptAt: Schema.String
}).annotate({ identifier: "OutboxMailRow" })
export type OutboxMail = typeof OutboxMail.Type

export interface NewMail {
  /** Why the mail is sent, e.g. `reminder:{plan}:{fy}:overdue:{dueDate}:{user}`: one per recipient, ever. */
  readonly occasion: string
  readonly recipient: string
  readonly userId: string | null
  readonly language: Language
  readonly subject: string
  readonly body: string
}

/** The wait before the next attempt after `attempts` failed ones: 1, 2, 4 … minutes, at most an hour. */
export const retryDelayMillis = (attempts: number) => Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000

const stateCondition: Record<OutboxState, string> = {
  queued: "sent_at IS NULL AND attempts = 0",
  failed: "sent_at IS NULL AND attempts > 0",
  sent: "sent_at IS NOT NULL"
}

const columns =
  "id, occasion, recipient, user_id, language, subject, body, created_at, sent_at, attempts, last_error, next_attempt_at"

/**
 * The mail outbox: every mail is queued here first, in the transaction of what it tells about, and
 * a sender delivers it later. The unique (recipient, occasion) makes queueing idempotent across
 * processes and restarts; a claim (a holder and a lease, taken in one statement) lets several
 * processes deliver side by side without sending one row twice.
 */
export class Outbox extends Context.Service<Outbox>()("@sukoyaka/storage/Outbox", {
  make: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const claimed = SqlSchema.findAll({
      Request: Schema.Struct({ holder: Schema.String, now: Schema.String, until: Schema.String, limit: Schema.Number }),
      Result: OutboxMail,
      // The conditions are repeated outside the sub-select: PostgreSQL re-checks those (and only
      // those) on a row another transaction changed meanwhile; SKIP LOCKED passes rows being claimed.
      execute: ({ holder, now, until, limit }) =>
        sql`UPDATE mail_outbox SET claimed_by = ${holder}, claimed_until = ${until}
          WHERE id IN (
            SELECT id FROM mail_outbox
            WHERE sent_at IS NULL AND next_attempt_at <= ${now} AND (claimed_until IS NULL OR claimed_until < ${now})
            ORDER BY id LIMIT ${limit} ${sql.onDialectOrElse({ pg: () => sql.literal("FOR UPDATE SKIP LOCKED"), orElse: () => sql.literal("") })}
          )
          AND sent_at IS NULL AND (claimed_until IS NULL OR claimed_until < ${now})
          RETURNING ${sql.literal(columns)}`
    })
    const listed = SqlSchema.findAll({
      Request: Schema.Struct({
        state: Schema.NullOr(Schema.Literals(["queued", "failed", "sent"])),
        limit: Schema.Number
      }),
      Result: OutboxMail,
      execute: ({ state, limit }) =>
        sql`SELECT ${sql.literal(columns)} FROM mail_outbox ${sql.literal(state === null ? "" : `WHERE ${stateCondition[state]}`)}
          ORDER BY id DESC LIMIT ${limit}`
    })
    const counted = SqlSchema.findOne({
      Request: Schema.Void,
      Result: Schema.Struct({ queued: Integer, failed: Integer, sent: Integer }),
      execute: () =>
        sql`SELECT
          COALESCE(SUM(CASE WHEN sent_at IS NULL AND attempts = 0 THEN 1 ELSE 0 END), 0) AS queued,
          COALESCE(SUM(CASE WHEN sent_at IS NULL AND attempts > 0 THEN 1 ELSE 0 END), 0) AS failed,
          COALESCE(SUM(CASE WHEN sent_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS sent
          FROM mail_outbox`
    })

    /** Queues a mail unless its occasion already reached the recipient: whether it was queued now. */
    const enqueue = (mail: NewMail) =>
      Effect.gen(function* () {
        const at = yield* nowIso
        const rows = yield* sql`INSERT INTO mail_outbox ${sql.insert({
          ...mail,
          createdAt: at,
          attempts: 0,
          nextAttemptAt: at
        })} ON CONFLICT (recipient, occasion) DO NOTHING RETURNING id`
        return rows.length > 0
      }).pipe(Effect.orDie, Effect.withSpan("Outbox.enqueue"))

    /** Whether the occasion was queued for the recipient already (a dry run's question). */
    const has = (recipient: string, occasion: string) =>
      Effect.map(
        sql`SELECT 1 AS one FROM mail_outbox WHERE recipient = ${recipient} AND occasion = ${occasion}`,
        (rows) => rows.length > 0
      ).pipe(Effect.orDie, Effect.withSpan("Outbox.has"))

    /** Takes up to `limit` mails due for an attempt, for `leaseSeconds`: no other holder gets them meanwhile. */
    const claim = (holder: string, limit: number, leaseSeconds: number) =>
      Effect.gen(function* () {
        const now = yield* Clock.currentTimeMillis
        return yield* claimed({
          holder,
          now: new Date(now).toISOString(),
          until: new Date(now + leaseSeconds * 1000).toISOString(),
          limit
        })
      }).pipe(Effect.orDie, Effect.withSpan("Outbox.claim"))

    const markSent = (id: number, holder: string) =>
      Effect.gen(function* () {
        const at = yield* nowIso
        yield* sql`UPDATE mail_outbox SET sent_at = ${at}, attempts = attempts + 1, last_error = NULL,
          claimed_by = NULL, claimed_until = NULL WHERE id = ${id} AND claimed_by = ${holder}`
      }).pipe(Effect.orDie, Effect.withSpan("Outbox.markSent"))

    /** Records a failed attempt and when to try again (backing off: retryDelayMillis). */
    const markFailed = (mail: OutboxMail, holder: string, error: string) =>
      Effect.gen(function* () {
        const now = yield* Clock.currentTimeMillis
        const next = new Date(now + retryDelayMillis(mail.attempts + 1)).toISOString()
        yield* sql`UPDATE mail_outbox SET attempts = attempts + 1, last_error = ${error.slice(0, 1000)},
          next_attempt_at = ${next}, claimed_by = NULL, claimed_until = NULL
          WHERE id = ${mail.id} AND claimed_by = ${holder}`
      }).pipe(Effect.orDie, Effect.withSpan("Outbox.markFailed"))

    /** The newest mails, of one state or all, and how many there are of each state. */
    const list = (state: OutboxState | null, limit: number) =>
      Effect.all({ mails: listed({ state, limit }), counts: counted(undefined) }).pipe(
        Effect.orDie,
        Effect.withSpan("Outbox.list")
      )

    return { enqueue, has, claim, markSent, markFailed, list } as const
  })
}) {
  static readonly layer = Layer.effect(this, this.make)
}
