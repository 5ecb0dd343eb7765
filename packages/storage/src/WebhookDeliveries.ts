import type { WebhookDelivery, WebhookDeliveryState } from "@sukoyaka/core"
import { Clock, Context, Effect, Layer, Schema, SchemaTransformation } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import * as SqlSchema from "effect/sql/SqlSchema"
import { nowIso } from "./Audit.ts"

/** An integer column: a number from SQLite, sometimes a bigint from PostgreSQL. */
export const Integer = Schema.Union([
  Schema.Number,
  Schema.BigInt.pipe(Schema.decodeTo(Schema.Number, SchemaTransformation.transform({ decode: Number, encode: BigInt })))
])

const DeliveryRow = Schema.Struct({
  id: Integer,
  webhookId: Schema.String,
  eventId: Schema.String,
  eventType: Schema.String,
  state: Schema.Literals(["pending", "succeeded", "failed"]),
  attempts: Integer,
  createdAt: Schema.String,
  nextAttemptAt: Schema.NullOr(Schema.String),
  lastAttemptAt: Schema.NullOr(Schema.String),
  lastStatus: Schema.NullOr(Integer),
  lastError: Schema.NullOr(Schema.String),
  lastResponse: Schema.NullOr(Schema.String),
  lastDurationMs: Schema.NullOr(Integer)
})

/** A claimed delivery: the event's exact body (the same bytes on every attempt) and where it goes. */
const ClaimedRow = Schema.Struct({
  ...DeliveryRow.fields,
  body: Schema.String,
  url: Schema.String,
  secretCiphertext: Schema.String
})
export type ClaimedDelivery = typeof ClaimedRow.Type

const columns =
  "id, webhook_id, event_id, event_type, state, attempts, created_at, next_attempt_at, last_attempt_at, last_status, last_error, last_response, last_duration_ms"

export interface NewDelivery {
  readonly webhookId: string
  readonly eventId: string
  readonly eventType: string
  readonly body: string
}

/** What one attempt got, and what becomes of the delivery: tried again at `nextAttemptAt`, or settled. */
export interface AttemptOutcome {
  readonly state: WebhookDeliveryState
  readonly nextAttemptAt: string | null
  readonly status: number | null
  readonly error: string | null
  readonly response: string | null
  readonly durationMs: number
}

/**
 * The deliveries of webhook events, one per (webhook, event), kept as the delivery log. Claimed with
 * a lease in one statement (like the mail outbox), so that two API processes never send one twice.
 */
export class WebhookDeliveries extends Context.Service<WebhookDeliveries>()("@sukoyaka/storage/WebhookDeliveries", {
  make: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const claimed = SqlSchema.findAll({
      Request: Schema.Struct({ holder: Schema.String, now: Schema.String, until: Schema.String, limit: Schema.Number }),
      Result: ClaimedRow,
      // As in the outbox: the conditions repeated outside the sub-select are what PostgreSQL re-checks
      // on a row another transaction changed meanwhile; SKIP LOCKED passes rows being claimed.
      execute: ({ holder, now, until, limit }) =>
        sql`UPDATE webhook_deliveries SET claimed_by = ${holder}, claimed_until = ${until}
          WHERE id IN (
            SELECT d.id FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
            WHERE d.state = 'pending' AND w.enabled = 1 AND d.next_attempt_at <= ${now}
            AND (d.claimed_until IS NULL OR d.claimed_until < ${now})
            ORDER BY d.id LIMIT ${limit} ${sql.onDialectOrElse({ pg: () => sql.literal("FOR UPDATE OF d SKIP LOCKED"), orElse: () => sql.literal("") })}
          )
          AND state = 'pending' AND (claimed_until IS NULL OR claimed_until < ${now})
          RETURNING ${sql.literal(columns)}, body,
            (SELECT url FROM webhooks WHERE webhooks.id = webhook_deliveries.webhook_id) AS url,
            (SELECT secret_ciphertext FROM webhooks WHERE webhooks.id = webhook_deliveries.webhook_id) AS secret_ciphertext`
    })
    const page = SqlSchema.findAll({
      Request: Schema.Struct({ webhookId: Schema.String, before: Schema.Number, limit: Schema.Number }),
      Result: DeliveryRow,
      execute: ({ webhookId, before, limit }) =>
        sql`SELECT ${sql.literal(columns)} FROM webhook_deliveries WHERE webhook_id = ${webhookId} AND id < ${before}
          ORDER BY id DESC LIMIT ${limit}`
    })

    /** Queues deliveries (a test event too: it goes to its webhook whatever its filters); one already queued for its webhook and event stays as it is. */
    const enqueue = (deliveries: ReadonlyArray<NewDelivery>) =>
      Effect.gen(function* () {
        if (deliveries.length === 0) return
        const at = yield* nowIso
        const rows = deliveries.map((d) => ({ ...d, state: "pending", attempts: 0, createdAt: at, nextAttemptAt: at }))
        yield* sql`INSERT INTO webhook_deliveries ${sql.insert(rows as [(typeof rows)[number], ...typeof rows])} ON CONFLICT (webhook_id, event_id) DO NOTHING`
      }).pipe(Effect.orDie, Effect.withSpan("WebhookDeliveries.enqueue"))

    /**
     * Whether any delivery is due: a read, so that an idle schedule never takes SQLite's write lock
     * (a claim is an UPDATE, even when it matches nothing).
     */
    const anyDue = Effect.gen(function* () {
      const now = new Date(yield* Clock.currentTimeMillis).toISOString()
      const rows = yield* sql`SELECT 1 AS one FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
        WHERE d.state = 'pending' AND w.enabled = 1 AND d.next_attempt_at <= ${now}
        AND (d.claimed_until IS NULL OR d.claimed_until < ${now}) LIMIT 1`
      return rows.length > 0
    }).pipe(Effect.orDie, Effect.withSpan("WebhookDeliveries.anyDue"))

    /** Takes up to `limit` deliveries due for an attempt (of enabled webhooks), for `leaseSeconds`. */
    const claim = (holder: string, limit: number, leaseSeconds: number) =>
      Effect.gen(function* () {
        const now = yield* Clock.currentTimeMillis
        return yield* claimed({
          holder,
          now: new Date(now).toISOString(),
          until: new Date(now + leaseSeconds * 1000).toISOString(),
          limit
        })
      }).pipe(Effect.orDie, Effect.withSpan("WebhookDeliveries.claim"))

    /** Records an attempt of a delivery this holder claimed, and releases it. */
    const recordAttempt = (id: number, holder: string, outcome: AttemptOutcome) =>
      Effect.gen(function* () {
        const at = yield* nowIso
        yield* sql`UPDATE webhook_deliveries SET state = ${outcome.state}, attempts = attempts + 1,
          next_attempt_at = ${outcome.nextAttemptAt}, last_attempt_at = ${at}, last_status = ${outcome.status},
          last_error = ${outcome.error}, last_response = ${outcome.response}, last_duration_ms = ${outcome.durationMs},
          claimed_by = NULL, claimed_until = NULL
          WHERE id = ${id} AND claimed_by = ${holder}`
      }).pipe(Effect.orDie, Effect.withSpan("WebhookDeliveries.recordAttempt"))

    /** The webhook's deliveries, newest first, older than `before` (the id of the last one seen). */
    const list = (webhookId: string, before: number | undefined, limit: number) =>
      page({ webhookId, before: before ?? Number.MAX_SAFE_INTEGER, limit }).pipe(
        Effect.map((rows): ReadonlyArray<WebhookDelivery> => rows),
        Effect.orDie,
        Effect.withSpan("WebhookDeliveries.list")
      )

    /** Tries a delivery again now (a failed one, or a pending one sooner): whether there was such a delivery. */
    const retry = (webhookId: string, id: number) =>
      Effect.gen(function* () {
        const at = yield* nowIso
        const rows = yield* sql`UPDATE webhook_deliveries SET state = 'pending', next_attempt_at = ${at}
          WHERE id = ${id} AND webhook_id = ${webhookId} AND state <> 'succeeded' RETURNING id`
        return rows.length > 0
      }).pipe(Effect.orDie, Effect.withSpan("WebhookDeliveries.retry"))

    /**
     * Deletes the settled deliveries (succeeded, or failed for good) last tried before `before`:
     * how many. Looks first and deletes only what it found, so that a round with nothing to prune
     * writes nothing (on PostgreSQL every write statement wakes the change stamp).
     */
    const prune = (before: string) =>
      Effect.gen(function* () {
        const settled = sql`state IN ('succeeded', 'failed') AND COALESCE(last_attempt_at, created_at) < ${before}`
        const [found] = yield* sql<{
          count: number | string
        }>`SELECT COUNT(*) AS count FROM webhook_deliveries WHERE ${settled}`
        const count = Number(found?.count ?? 0)
        if (count > 0) yield* sql`DELETE FROM webhook_deliveries WHERE ${settled}`
        return count
      }).pipe(Effect.orDie, Effect.withSpan("WebhookDeliveries.prune"))

    return { enqueue, anyDue, claim, recordAttempt, list, retry, prune } as const
  })
}) {
  static readonly layer = Layer.effect(this, this.make)
}
