import { Accounts, type ClaimedDelivery, systemActor, WebhookDeliveries, Webhooks } from "@sukoyaka/storage"
import { Cause, Clock, Duration, Effect, Schedule } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import { senderId } from "./Mail.ts"
import { notify, secretariat } from "./Notifications.ts"
import { queueWebhookEvents } from "./WebhookEvents.ts"
import { decryptSecret, secretKey, signWebhook } from "./WebhookSecrets.ts"

/** How deliveries are tried, and when a webhook that keeps failing is disabled. */
export interface WebhookSettings {
  /** The pause between the schedule's rounds. */
  readonly intervalMs: number
  /** The wait after each failed attempt; once they are used up, the delivery has failed for good. */
  readonly retryDelaysMs: ReadonlyArray<number>
  /** Disabled after this many deliveries in a row failed for good … */
  readonly disableAfterFailures: number
  /** … or when its deliveries have failed for this long without one success. */
  readonly disableAfterMs: number
  /** The longest a receiver may take to answer. */
  readonly timeoutMs: number
  /** How long the delivery log keeps a settled delivery (SUKOYAKA_WEBHOOK_LOG_DAYS). */
  readonly logRetentionMs: number
  /** The pause between two prunings of the delivery log. */
  readonly pruneEveryMs: number
}

const second = 1000
const minute = 60 * second
const hour = 60 * minute

/** Standard Webhooks' schedule: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (eight attempts over a day and more). */
export const webhookDefaults: WebhookSettings = {
  intervalMs: 2 * second,
  retryDelaysMs: [5 * second, 5 * minute, 30 * minute, 2 * hour, 5 * hour, 10 * hour, 10 * hour],
  disableAfterFailures: 5,
  disableAfterMs: 5 * 24 * hour,
  timeoutMs: 15 * second,
  logRetentionMs: 30 * 24 * hour,
  pruneEveryMs: hour
}

const BATCH = 20
const CONCURRENCY = 4
const EXCERPT = 500

interface Attempt {
  readonly status: number | null
  readonly error: string | null
  readonly response: string | null
}

/** One POST: no redirect followed (a 3xx is a failure), at most `timeoutMs`. */
const post = (delivery: ClaimedDelivery, secret: string, timeoutMs: number) =>
  Effect.gen(function* () {
    const timestamp = Math.floor((yield* Clock.currentTimeMillis) / 1000)
    return yield* Effect.promise(async (): Promise<Attempt> => {
      try {
        const response = await fetch(delivery.url, {
          method: "POST",
          redirect: "manual",
          signal: AbortSignal.timeout(timeoutMs),
          headers: {
            "content-type": "application/json",
            "user-agent": "Sukoyaka-Webhooks/1",
            "webhook-id": delivery.eventId,
            "webhook-timestamp": String(timestamp),
            "webhook-signature": signWebhook(secret, delivery.eventId, timestamp, delivery.body)
          },
          body: delivery.body
        })
        const text = (await response.text().catch(() => "")).slice(0, EXCERPT)
        const ok = response.status >= 200 && response.status < 300
        return { status: response.status, error: ok ? null : `HTTP ${response.status}`, response: text }
      } catch (error) {
        const cause = (error as { cause?: { message?: string } }).cause?.message
        return { status: null, error: [(error as Error).message, cause].filter(Boolean).join(": "), response: null }
      }
    })
  })

/** After a delivery failed for good: the streak grows, and a webhook failing too long is disabled. */
const countFailure = (webhookId: string, settings: WebhookSettings) =>
  Effect.gen(function* () {
    const webhooks = yield* Webhooks
    const found = yield* webhooks.failed(webhookId)
    if (found._tag === "None" || !found.value.webhook.enabled) return
    const { webhook, failingSince } = found.value
    const now = yield* Clock.currentTimeMillis
    const tooLong = failingSince !== null && now - Date.parse(failingSince) >= settings.disableAfterMs
    if (webhook.consecutiveFailures < settings.disableAfterFailures && !tooLong) return
    const sql = yield* SqlClient.SqlClient
    // Disabled and the secretariat told in one transaction: a webhook never stops unannounced.
    yield* sql.withTransaction(
      Effect.gen(function* () {
        const disabled = yield* webhooks.update(
          systemActor,
          webhookId,
          { enabled: false, disabledReason: "failures" },
          undefined,
          "disable"
        )
        yield* notify(secretariat(yield* (yield* Accounts).listUsers), {
          kind: "webhookDisabled",
          planId: disabled.planId,
          fiscalYear: null,
          initiativeNo: null,
          payload: { reviews: [], webhook: { id: disabled.id, url: disabled.url } },
          occasion: `webhookDisabled:${disabled.id}:v${disabled.version}`
        })
      })
    )
  }).pipe(
    Effect.catchTag("WebhookNotFound", () => Effect.void),
    Effect.orDie
  )

/**
 * Sends the due deliveries, each claimed first so that another process delivering at the same time
 * never sends it too. 2xx is delivered; anything else is tried again after the next delay of the
 * schedule, and fails for good when the delays are used up.
 */
export const deliverWebhooks = (settings: WebhookSettings = webhookDefaults, holder: string = senderId) =>
  Effect.gen(function* () {
    const deliveries = yield* WebhookDeliveries
    const webhooks = yield* Webhooks
    const key = yield* Effect.option(secretKey)
    let sent = 0
    let failed = 0
    // Long enough for the whole batch, CONCURRENCY at a time, each taking up to the timeout.
    const leaseSeconds = Math.ceil(settings.timeoutMs / 1000) * Math.ceil(BATCH / CONCURRENCY) + 60
    while (yield* deliveries.anyDue) {
      const batch = yield* deliveries.claim(holder, BATCH, leaseSeconds)
      // Another process claimed them between the look and the claim.
      if (batch.length === 0) break
      yield* Effect.forEach(
        batch,
        (delivery) =>
          Effect.gen(function* () {
            const started = yield* Clock.currentTimeMillis
            const secret = key._tag === "Some" ? decryptSecret(key.value, delivery.secretCiphertext) : undefined
            const attempt: Attempt =
              secret === undefined
                ? {
                    status: null,
                    error: "the secret cannot be decrypted: was SUKOYAKA_SECRET_KEY changed?",
                    response: null
                  }
                : yield* post(delivery, secret, settings.timeoutMs)
            const now = yield* Clock.currentTimeMillis
            const ok = attempt.status !== null && attempt.status >= 200 && attempt.status < 300
            const delay = settings.retryDelaysMs[delivery.attempts]
            const state = ok ? "succeeded" : delay === undefined ? "failed" : "pending"
            yield* deliveries.recordAttempt(delivery.id, holder, {
              state,
              nextAttemptAt: state === "pending" ? new Date(now + (delay ?? 0)).toISOString() : null,
              ...attempt,
              durationMs: now - started
            })
            if (ok) {
              sent++
              yield* webhooks.succeeded(delivery.webhookId)
            } else {
              failed++
              if (state === "failed") yield* countFailure(delivery.webhookId, settings)
            }
          }),
        { concurrency: CONCURRENCY, discard: true }
      )
    }
    return { sent, failed }
  }).pipe(Effect.withSpan("deliverWebhooks"))

/** What the webhook schedule tells its process's log (never a secret, never a body). */
export type WebhookScheduleEvent =
  | { readonly type: "delivered"; readonly queued: number; readonly sent: number; readonly failed: number }
  | { readonly type: "pruned"; readonly deleted: number }
  | { readonly type: "error"; readonly message: string }

/** Deletes the delivery log's settled deliveries older than the retention: how many. */
export const pruneWebhookLog = (settings: Pick<WebhookSettings, "logRetentionMs">) =>
  Effect.gen(function* () {
    const now = yield* Clock.currentTimeMillis
    return yield* (yield* WebhookDeliveries).prune(new Date(now - settings.logRetentionMs).toISOString())
  })

/**
 * The API's webhook schedule (#22): every `intervalMs`, the new changes queued as events and the due
 * deliveries sent; every `pruneEveryMs`, the delivery log's old settled deliveries deleted. Several
 * processes may run it on one database: each event goes out once.
 */
export const webhookSchedule = (settings: WebhookSettings, report: (event: WebhookScheduleEvent) => void) => {
  let prunedAt = Number.NEGATIVE_INFINITY
  return Effect.gen(function* () {
    const queued = yield* queueWebhookEvents
    const { sent, failed } = yield* deliverWebhooks(settings)
    if (queued + sent + failed > 0) report({ type: "delivered", queued, sent, failed })
    const now = yield* Clock.currentTimeMillis
    if (now - prunedAt >= settings.pruneEveryMs) {
      prunedAt = now
      const deleted = yield* pruneWebhookLog(settings)
      if (deleted > 0) report({ type: "pruned", deleted })
    }
  }).pipe(
    Effect.catchCause((cause) =>
      Effect.sync(() => report({ type: "error", message: Cause.pretty(cause).split("\n")[0] ?? "" }))
    ),
    Effect.repeat(Schedule.spaced(Duration.millis(settings.intervalMs)))
  )
}
