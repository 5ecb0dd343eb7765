import {
  createWebhook,
  getWebhook,
  listWebhooks,
  queueTestEvent,
  rotateWebhookSecret,
  updateWebhook
} from "@sukoyaka/app"
import { Webhook, WebhookCreate, WebhookCreated, WebhookDeliveryPage, WebhookPatch } from "@sukoyaka/core"
import { WebhookDeliveries, Webhooks } from "@sukoyaka/storage"
import { Effect, Schema } from "effect"
import { type Context, Hono } from "hono"
import { requireRole } from "../auth.ts"
import type { AppEnv } from "../env.ts"
import { doc } from "../openapi.ts"
import { versionToWrite, sendVersioned } from "../preconditions.ts"
import { HttpProblem } from "../problem.ts"
import { AuditId, DecimalInt, validate } from "../validation.ts"

const IdParam = Schema.Struct({
  id: Schema.String.check(Schema.isMaxLength(64)).annotate({ description: "the webhook's id (whk_…)" })
})
const DeliveryParams = Schema.Struct({
  ...IdParam.fields,
  deliveryId: DecimalInt.pipe(Schema.decodeTo(AuditId)).annotate({ description: "the delivery's id" })
})
const DeliveryQuery = Schema.Struct({
  before: Schema.optionalKey(
    DecimalInt.pipe(Schema.decodeTo(AuditId)).annotate({
      description: "deliveries older than this one (a page's `next`)"
    })
  ),
  limit: DecimalInt.check(Schema.isBetween({ minimum: 1, maximum: 200 }))
    .annotate({ description: "at most this many (1–200, default 50)" })
    .pipe(Schema.withDecodingDefaultTypeKey(Effect.succeed(50)))
})

const WebhookTestEvent = Schema.Struct({
  eventId: Schema.String.annotate({ description: "the test event's webhook-id" })
}).annotate({ identifier: "WebhookTestEvent", title: "Test event" })

const adminOnly = requireRole("admin")
const secretKeyProblem = { 409: "No SUKOYAKA_SECRET_KEY on PostgreSQL (urn:sukoyaka:problem:secretKeyMissing)" }
const stale = { 412: "Someone changed the webhook first", 428: "If-Match is required" }

/** Webhooks (#22, docs/webhooks.md): admins register receivers of the plans' changes, signed per Standard Webhooks. */
/** The webhook's version a write is based on: If-Match's, or with `If-Match: *` the stored one. */
const webhookVersion = (c: Context<AppEnv>, id: string) =>
  versionToWrite(c, "webhook", async () => (await c.var.run(getWebhook(id))).version)

export default new Hono<AppEnv>()
  .get(
    "/webhooks",
    adminOnly,
    doc({
      tag: "webhooks",
      summary: "Webhooks (admin); secrets are never shown again",
      ok: { schema: Schema.Array(Webhook), description: "Webhooks" }
    }),
    async (c) => c.json(Schema.encodeSync(Schema.Array(Webhook))(await c.var.run(listWebhooks)))
  )
  .post(
    "/webhooks",
    adminOnly,
    doc({
      tag: "webhooks",
      summary: "Register a webhook (admin): its signing secret is in this response only",
      description:
        "It receives an event for every change committed from now on (of one plan, or all; of some event types, or all), POSTed with the Standard Webhooks headers. The secret (whsec_…) is stored encrypted and shown once.",
      ok: { status: 201, schema: WebhookCreated, description: "The webhook and its secret" },
      createdAt: true,
      extraProblems: secretKeyProblem
    }),
    validate("json", WebhookCreate),
    async (c) => {
      const created = await c.var.run(createWebhook(c.var.auth.audit, c.req.valid("json")))
      c.header("Location", `${c.req.path.replace(/\/$/, "")}/${created.id}`)
      return sendVersioned(c, created.version, WebhookCreated, created, 201)
    }
  )
  .get(
    "/webhooks/:id",
    adminOnly,
    doc({
      tag: "webhooks",
      summary: "A webhook (admin), without its secret",
      ok: { schema: Webhook, description: "The webhook; its ETag is its version" }
    }),
    validate("param", IdParam),
    async (c) => {
      const webhook = await c.var.run(getWebhook(c.req.valid("param").id))
      return sendVersioned(c, webhook.version, Webhook, webhook)
    }
  )
  .patch(
    "/webhooks/:id",
    adminOnly,
    doc({
      tag: "webhooks",
      summary: "Change a webhook (admin): its URL, filters, description, or disable it (`enabled: false`)",
      ok: { schema: Webhook, description: "The webhook" },
      ifMatch: true,
      extraProblems: stale
    }),
    validate("param", IdParam),
    validate("json", WebhookPatch),
    async (c) => {
      const version = await webhookVersion(c, c.req.valid("param").id)
      const webhook = await c.var.run(
        updateWebhook(c.var.auth.audit, c.req.valid("param").id, c.req.valid("json"), version)
      )
      return sendVersioned(c, webhook.version, Webhook, webhook)
    }
  )
  .delete(
    "/webhooks/:id",
    adminOnly,
    doc({
      tag: "webhooks",
      summary: "Remove a webhook and its delivery log (admin)",
      ifMatch: true,
      extraProblems: stale
    }),
    validate("param", IdParam),
    async (c) => {
      const version = await webhookVersion(c, c.req.valid("param").id)
      await c.var.run(Webhooks.use((webhooks) => webhooks.remove(c.var.auth.audit, c.req.valid("param").id, version)))
      return c.body(null, 204)
    }
  )
  .post(
    "/webhooks/:id/secret",
    adminOnly,
    doc({
      tag: "webhooks",
      summary: "Rotate a webhook's secret (admin): the new one is in this response only and signs from now on",
      ok: { schema: WebhookCreated, description: "The webhook and its new secret" },
      ifMatch: true,
      extraProblems: { ...stale, ...secretKeyProblem }
    }),
    validate("param", IdParam),
    async (c) => {
      const version = await webhookVersion(c, c.req.valid("param").id)
      const rotated = await c.var.run(rotateWebhookSecret(c.var.auth.audit, c.req.valid("param").id, version))
      return sendVersioned(c, rotated.version, WebhookCreated, rotated)
    }
  )
  .post(
    "/webhooks/:id/enable",
    adminOnly,
    doc({
      tag: "webhooks",
      summary: "Enable a webhook again (admin), e.g. after it was disabled for failing; pending deliveries go out",
      ok: { schema: Webhook, description: "The webhook" },
      ifMatch: true,
      extraProblems: stale
    }),
    validate("param", IdParam),
    async (c) => {
      const version = await webhookVersion(c, c.req.valid("param").id)
      const webhook = await c.var.run(
        updateWebhook(c.var.auth.audit, c.req.valid("param").id, { enabled: true }, version)
      )
      return sendVersioned(c, webhook.version, Webhook, webhook)
    }
  )
  .post(
    "/webhooks/:id/test",
    adminOnly,
    doc({
      tag: "webhooks",
      summary: "Send the webhook a test event (admin): `webhook.test`, delivered and logged like the others",
      ok: { status: 202, schema: WebhookTestEvent, description: "The test event's id (its webhook-id header)" }
    }),
    validate("param", IdParam),
    async (c) => {
      const eventId = await c.var.run(queueTestEvent(c.req.valid("param").id))
      return c.json(Schema.encodeSync(WebhookTestEvent)({ eventId }), 202)
    }
  )
  .get(
    "/webhooks/:id/deliveries",
    adminOnly,
    doc({
      tag: "webhooks",
      summary: "A webhook's delivery log (admin), newest first: each event's state and its latest attempt",
      ok: { schema: WebhookDeliveryPage, description: "Deliveries" }
    }),
    validate("param", IdParam),
    validate("query", DeliveryQuery),
    async (c) => {
      const { id } = c.req.valid("param")
      const { before, limit } = c.req.valid("query")
      const deliveries = await c.var.run(
        Effect.andThen(
          getWebhook(id),
          WebhookDeliveries.use((log) => log.list(id, before, limit))
        )
      )
      const page = { deliveries, next: deliveries.length === limit ? (deliveries.at(-1)?.id ?? null) : null }
      return c.json(Schema.encodeSync(WebhookDeliveryPage)(page))
    }
  )
  .post(
    "/webhooks/:id/deliveries/:deliveryId/retry",
    adminOnly,
    doc({ tag: "webhooks", summary: "Try a delivery that failed again, now (admin)" }),
    validate("param", DeliveryParams),
    async (c) => {
      const { id, deliveryId } = c.req.valid("param")
      const retried = await c.var.run(WebhookDeliveries.use((log) => log.retry(id, deliveryId)))
      if (!retried) throw new HttpProblem("notFound", "no such delivery, or it was delivered")
      return c.body(null, 204)
    }
  )
