import type { Webhook, WebhookCreate, WebhookCreated, WebhookPatch } from "@sukoyaka/core"
import { type AuditActor, Plans, Webhooks } from "@sukoyaka/storage"
import { Effect } from "effect"
import { encryptSecret, newWebhookSecret, secretKey } from "./WebhookSecrets.ts"
import { newId } from "./Security.ts"

/** A plan named in a webhook's filter must exist (PlanNotFound otherwise). */
const planMustExist = (planId: string | null | undefined) =>
  planId === null || planId === undefined ? Effect.void : Effect.asVoid(Plans.use((plans) => plans.get(planId)))

/**
 * Registers a webhook (admin): its secret is made here, stored encrypted and returned this once. On
 * PostgreSQL without SUKOYAKA_SECRET_KEY: SecretKeyMissing, and nothing is stored.
 */
export const createWebhook = (actor: AuditActor, input: WebhookCreate) =>
  Effect.gen(function* () {
    yield* planMustExist(input.planId)
    const key = yield* secretKey
    const secret = newWebhookSecret()
    const webhook = yield* Webhooks.use((webhooks) =>
      webhooks.create(actor, {
        id: newId("whk"),
        url: input.url,
        description: input.description ?? "",
        planId: input.planId ?? null,
        eventTypes: input.eventTypes ?? [],
        secretCiphertext: encryptSecret(key, secret)
      })
    )
    return { ...webhook, secret } satisfies WebhookCreated
  }).pipe(Effect.withSpan("createWebhook"))

/** Changes a webhook at `expectedVersion`; enabling it again clears its failing streak. */
export const updateWebhook = (actor: AuditActor, id: string, patch: WebhookPatch, expectedVersion: number) =>
  Effect.gen(function* () {
    yield* planMustExist(patch.planId)
    return yield* Webhooks.use((webhooks) => webhooks.update(actor, id, patch, expectedVersion))
  }).pipe(Effect.withSpan("updateWebhook"))

/** A new secret for the webhook, returned this once; the old one stops signing at once. */
export const rotateWebhookSecret = (actor: AuditActor, id: string, expectedVersion: number) =>
  Effect.gen(function* () {
    const key = yield* secretKey
    const secret = newWebhookSecret()
    const webhook: Webhook = yield* Webhooks.use((webhooks) =>
      webhooks.update(actor, id, { secretCiphertext: encryptSecret(key, secret) }, expectedVersion, "rotateSecret")
    )
    return { ...webhook, secret } satisfies WebhookCreated
  }).pipe(Effect.withSpan("rotateWebhookSecret"))

export const listWebhooks = Webhooks.use((webhooks) => webhooks.list).pipe(
  Effect.map((all) => all.map((stored) => stored.webhook))
)

export const getWebhook = (id: string) =>
  Webhooks.use((webhooks) => webhooks.get(id)).pipe(Effect.map((stored) => stored.webhook))
