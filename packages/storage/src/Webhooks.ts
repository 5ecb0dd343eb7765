import { StaleVersion, WebhookNotFound } from "@sukoyaka/core"
import { Context, Effect, Layer, Option, Schema } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import * as SqlSchema from "effect/sql/SqlSchema"
import { Audit, type AuditActor, nowIso } from "./Audit.ts"
import { Integer } from "./WebhookDeliveries.ts"
import { stored, WebhookRow } from "./webhookRows.ts"

export interface NewWebhook {
  readonly id: string
  readonly url: string
  readonly description: string
  readonly planId: string | null
  readonly eventTypes: ReadonlyArray<string>
  readonly secretCiphertext: string
}

export interface WebhookChange {
  readonly url?: string
  readonly description?: string
  readonly planId?: string | null
  readonly eventTypes?: ReadonlyArray<string>
  readonly enabled?: boolean
  readonly disabledReason?: string | null
  readonly secretCiphertext?: string
}

/**
 * The webhooks an admin registered (#22). Every change is versioned and audited like the rest, and
 * the audit entry carries the webhook without its secret.
 */
export class Webhooks extends Context.Service<Webhooks>()("@sukoyaka/storage/Webhooks", {
  make: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const audit = yield* Audit
    const all = SqlSchema.findAll({
      Request: Schema.Void,
      Result: WebhookRow,
      execute: () => sql`SELECT * FROM webhooks ORDER BY created_at, id`
    })
    const one = SqlSchema.findOneOption({
      Request: Schema.String,
      Result: WebhookRow,
      execute: (id) => sql`SELECT * FROM webhooks WHERE id = ${id}`
    })
    const lastAuditId = SqlSchema.findOneOption({
      Request: Schema.Void,
      Result: Schema.Struct({ last: Schema.NullOr(Integer) }),
      execute: () => sql`SELECT MAX(id) AS last FROM audit_log`
    })

    const find = (id: string) =>
      one(id).pipe(Effect.map(Option.map(stored)), Effect.orDie, Effect.withSpan("Webhooks.find"))

    const get = (id: string) =>
      Effect.flatMap(
        find(id),
        Option.match({ onNone: () => Effect.fail(new WebhookNotFound({ id })), onSome: Effect.succeed })
      )

    const list = all(undefined).pipe(
      Effect.map((rows) => rows.map(stored)),
      Effect.orDie,
      Effect.withSpan("Webhooks.list")
    )

    /** Registers a webhook: it receives the events of changes committed after this one. */
    const create = (actor: AuditActor, webhook: NewWebhook) =>
      sql
        .withTransaction(
          Effect.gen(function* () {
            const at = yield* nowIso
            const cursor = Option.match(yield* lastAuditId(undefined), { onNone: () => 0, onSome: (r) => r.last ?? 0 })
            yield* sql`INSERT INTO webhooks ${sql.insert({
              id: webhook.id,
              url: webhook.url,
              description: webhook.description,
              planId: webhook.planId,
              eventTypes: JSON.stringify(webhook.eventTypes),
              secretCiphertext: webhook.secretCiphertext,
              enabled: 1,
              consecutiveFailures: 0,
              auditCursor: cursor,
              version: 1,
              createdAt: at,
              updatedAt: at
            })}`
            const created = yield* get(webhook.id)
            yield* audit.record({
              actor,
              planId: null,
              entity: "webhook",
              entityKey: webhook.id,
              action: "create",
              before: null,
              after: created.webhook
            })
            return created.webhook
          })
        )
        .pipe(Effect.catchTag("SqlError", Effect.die), Effect.withSpan("Webhooks.create"))

    /**
     * Changes a webhook that is still at `expectedVersion` (undefined: whatever version it is at, for the
     * dispatcher's automatic disable). Enabling it again starts a new failing streak.
     */
    const update = (
      actor: AuditActor,
      id: string,
      change: WebhookChange,
      expectedVersion: number | undefined,
      action = "update"
    ) =>
      sql
        .withTransaction(
          Effect.gen(function* () {
            const current = yield* get(id)
            const version = current.webhook.version
            if (expectedVersion !== undefined && expectedVersion !== version)
              return yield* new StaleVersion({ entity: "webhook", key: id, expected: expectedVersion, actual: version })
            const at = yield* nowIso
            const enabling = change.enabled === true && !current.webhook.enabled
            const disabledReason =
              change.enabled === undefined ? undefined : change.enabled ? null : (change.disabledReason ?? "admin")
            const written = yield* sql`UPDATE webhooks SET ${sql.update({
              ...(change.url === undefined ? {} : { url: change.url }),
              ...(change.description === undefined ? {} : { description: change.description }),
              ...(change.planId === undefined ? {} : { planId: change.planId }),
              ...(change.eventTypes === undefined ? {} : { eventTypes: JSON.stringify(change.eventTypes) }),
              ...(change.enabled === undefined ? {} : { enabled: change.enabled ? 1 : 0 }),
              ...(disabledReason === undefined ? {} : { disabledReason }),
              ...(enabling ? { consecutiveFailures: 0, failingSince: null } : {}),
              ...(change.secretCiphertext === undefined ? {} : { secretCiphertext: change.secretCiphertext }),
              version: version + 1,
              updatedAt: at
            })} WHERE id = ${id} AND version = ${version} RETURNING id`
            if (written.length === 0)
              return yield* new StaleVersion({ entity: "webhook", key: id, expected: version, actual: version + 1 })
            const after = yield* get(id)
            yield* audit.record({
              actor,
              planId: null,
              entity: "webhook",
              entityKey: id,
              action,
              before: current.webhook,
              after: after.webhook
            })
            return after.webhook
          })
        )
        .pipe(Effect.catchTag("SqlError", Effect.die), Effect.withSpan("Webhooks.update"))

    /** Removes a webhook still at `expectedVersion`, and its deliveries with it. */
    const remove = (actor: AuditActor, id: string, expectedVersion: number) =>
      sql
        .withTransaction(
          Effect.gen(function* () {
            const current = yield* get(id)
            const actual = current.webhook.version
            if (expectedVersion !== actual)
              return yield* new StaleVersion({ entity: "webhook", key: id, expected: expectedVersion, actual })
            yield* sql`DELETE FROM webhook_deliveries WHERE webhook_id = ${id}`
            yield* sql`DELETE FROM webhooks WHERE id = ${id}`
            yield* audit.record({
              actor,
              planId: null,
              entity: "webhook",
              entityKey: id,
              action: "delete",
              before: current.webhook,
              after: null
            })
          })
        )
        .pipe(Effect.catchTag("SqlError", Effect.die), Effect.withSpan("Webhooks.remove"))

    /** Moves the webhook's place in the audit log forward (never back: two processes may queue at once). */
    const advance = (id: string, cursor: number) =>
      sql`UPDATE webhooks SET audit_cursor = ${cursor} WHERE id = ${id} AND audit_cursor < ${cursor}`.pipe(
        Effect.asVoid,
        Effect.orDie,
        Effect.withSpan("Webhooks.advance")
      )

    /** A delivery went through: the failing streak ends. */
    const succeeded = (id: string) =>
      sql`UPDATE webhooks SET consecutive_failures = 0, failing_since = NULL
        WHERE id = ${id} AND consecutive_failures > 0`.pipe(
        Effect.asVoid,
        Effect.orDie,
        Effect.withSpan("Webhooks.succeeded")
      )

    /** A delivery failed for good: the streak grows (and starts now, if it had not). */
    const failed = (id: string) =>
      Effect.gen(function* () {
        const at = yield* nowIso
        yield* sql`UPDATE webhooks SET consecutive_failures = consecutive_failures + 1,
          failing_since = COALESCE(failing_since, ${at}) WHERE id = ${id}`
        return yield* find(id)
      }).pipe(Effect.orDie, Effect.withSpan("Webhooks.failed"))

    return { list, find, get, create, update, remove, advance, succeeded, failed } as const
  })
}) {
  static readonly layer = Layer.effect(this, this.make).pipe(Layer.provide(Audit.layer))
}
