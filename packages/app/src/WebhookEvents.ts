import { webhookEventType } from "@sukoyaka/core"
import { Audit, type AuditEntry, Database, type NewDelivery, WebhookDeliveries, Webhooks } from "@sukoyaka/storage"
import { Clock, Effect } from "effect"
import { randomUUID } from "node:crypto"
import { changeOf, settled } from "./ChangeFeed.ts"
import { visibleActors } from "./VisibleActors.ts"

/** How many audit entries one round reads per webhook; the next round reads on. */
const PAGE = 500

/** The `webhook-id` of an audit entry's event: the same for every attempt and every webhook. */
const eventIdOf = (entry: AuditEntry) => `evt_${entry.id}`

/**
 * The event's body: its type, when the change was made, and the change as the change feed serves
 * it (docs/sync.md) with its plan. Written once when queued, so that every attempt sends the same bytes.
 */
const eventBody = (entry: AuditEntry, type: string) =>
  JSON.stringify({ type, timestamp: entry.at, data: { planId: entry.planId, ...changeOf(entry) } })

/**
 * Queues the events of every enabled webhook: the plans' changes after its cursor that it subscribes
 * to, read with the change feed's rule for PostgreSQL (never past an id that may still commit), and
 * then moves its cursor on. Queueing is idempotent, so two processes doing it at once queue each
 * event once; actors show as the history shows them to a non-admin (display names, not e-mails).
 */
export const queueWebhookEvents = Effect.gen(function* () {
  const { config } = yield* Database
  const audit = yield* Audit
  const webhooks = yield* Webhooks
  const deliveries = yield* WebhookDeliveries
  let queued = 0
  for (const { webhook, auditCursor } of yield* webhooks.list) {
    if (!webhook.enabled) continue
    const entries = yield* audit.after(auditCursor, PAGE)
    const kept = settled(entries, auditCursor, yield* Clock.currentTimeMillis, config._tag === "Sqlite")
    const last = kept.at(-1)
    if (last === undefined) continue
    const ofPlans = kept.filter(
      (entry) => entry.planId !== null && (webhook.planId === null || entry.planId === webhook.planId)
    )
    const events: Array<NewDelivery> = (yield* visibleActors("viewer", ofPlans)).flatMap((entry) => {
      const eventType = webhookEventType(entry.entity, entry.action)
      if (webhook.eventTypes.length > 0 && !webhook.eventTypes.includes(eventType)) return []
      return [{ webhookId: webhook.id, eventId: eventIdOf(entry), eventType, body: eventBody(entry, eventType) }]
    })
    // Queued before the cursor moves: a stop in between queues them again, and the unique key keeps one.
    yield* deliveries.enqueue(events)
    yield* webhooks.advance(webhook.id, last.id)
    queued += events.length
  }
  return queued
}).pipe(Effect.withSpan("queueWebhookEvents"))

/**
 * A test event for one webhook (an admin checking the receiver): `webhook.test`, delivered, signed,
 * retried and logged like any other, whatever the webhook's filters.
 */
export const queueTestEvent = (webhookId: string) =>
  Effect.gen(function* () {
    yield* (yield* Webhooks).get(webhookId)
    const eventId = `evt_test_${randomUUID()}`
    const timestamp = new Date(yield* Clock.currentTimeMillis).toISOString()
    const body = JSON.stringify({ type: "webhook.test", timestamp, data: { webhookId } })
    yield* (yield* WebhookDeliveries).enqueue([{ webhookId, eventId, eventType: "webhook.test", body }])
    return eventId
  }).pipe(Effect.withSpan("queueTestEvent"))
