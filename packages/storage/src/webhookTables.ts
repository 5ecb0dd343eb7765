import { Effect } from "effect"
import * as SqlClient from "effect/sql/SqlClient"

/**
 * Webhooks (#22): the receivers an admin registered, and one delivery per event and receiver. A
 * webhook's secret is stored encrypted (signing needs it in clear; the key is not in the database).
 * `audit_cursor` is the last audit entry whose events are queued for it, so that a restart neither
 * sends an event twice nor skips one; the unique (webhook, event) makes queueing idempotent when
 * two processes queue at once, and a claim (holder and lease) lets them deliver side by side.
 */
export const webhookTables = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const identity = sql.onDialectOrElse({
    pg: () => sql.literal("INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY"),
    orElse: () => sql.literal("INTEGER PRIMARY KEY AUTOINCREMENT")
  })
  yield* sql`CREATE TABLE webhooks (
    id TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    description TEXT NOT NULL,
    plan_id TEXT REFERENCES plans (id) ON DELETE CASCADE,
    event_types TEXT NOT NULL,
    secret_ciphertext TEXT NOT NULL,
    enabled INTEGER NOT NULL,
    disabled_reason TEXT,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    failing_since TEXT,
    audit_cursor INTEGER NOT NULL,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  )`
  yield* sql`CREATE TABLE webhook_deliveries (
    id ${identity},
    webhook_id TEXT NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    body TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    next_attempt_at TEXT,
    last_attempt_at TEXT,
    last_status INTEGER,
    last_error TEXT,
    last_response TEXT,
    last_duration_ms INTEGER,
    claimed_by TEXT,
    claimed_until TEXT,
    UNIQUE (webhook_id, event_id)
  )`
  yield* sql`CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_attempt_at)`
  yield* sql`CREATE INDEX webhook_deliveries_log ON webhook_deliveries (webhook_id, id)`
})
