import { Schema } from "effect"
import { DateTimeText } from "../DateTimeText.ts"
import { PlanId } from "../Plan.ts"
import { Webhook, WebhookEventType, WebhookUrl } from "../Webhook.ts"

export const WebhookCreate = Schema.Struct({
  url: WebhookUrl,
  description: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(200))),
  planId: Schema.optionalKey(Schema.NullOr(PlanId)).annotate({ description: "only this plan's events; omitted: all" }),
  eventTypes: Schema.optionalKey(Schema.Array(WebhookEventType).check(Schema.isMaxLength(50))).annotate({
    description: "only these event types (review.updated …); omitted or empty: every type"
  })
}).annotate({ identifier: "WebhookCreate", title: "New webhook" })
export type WebhookCreate = typeof WebhookCreate.Type

/** What an admin may change; `enabled: false` disables it (POST …/enable, or `enabled: true`, turns it back on). */
export const WebhookPatch = Schema.Struct({
  ...WebhookCreate.fields,
  url: Schema.optionalKey(WebhookUrl),
  enabled: Schema.optionalKey(Schema.Boolean)
}).annotate({ identifier: "WebhookPatch", title: "Webhook change" })
export type WebhookPatch = typeof WebhookPatch.Type

/** A webhook with its signing secret: in the answer to its creation and to a rotation only. */
export const WebhookCreated = Schema.Struct({
  ...Webhook.fields,
  secret: Schema.String.annotate({
    description: "whsec_…: the signing secret (Standard Webhooks), shown once; stored encrypted"
  })
}).annotate({ identifier: "WebhookCreated", title: "Webhook with its secret" })
export type WebhookCreated = typeof WebhookCreated.Type

export const WebhookDeliveryState = Schema.Literals(["pending", "succeeded", "failed"])
export type WebhookDeliveryState = typeof WebhookDeliveryState.Type

/** One event's delivery to one webhook, with what its latest attempt got. */
export const WebhookDelivery = Schema.Struct({
  id: Schema.Int,
  webhookId: Schema.String,
  eventId: Schema.String.annotate({ description: "the webhook-id header: the same on every attempt" }),
  eventType: Schema.String,
  state: WebhookDeliveryState,
  attempts: Schema.Int,
  createdAt: DateTimeText,
  nextAttemptAt: Schema.NullOr(DateTimeText).annotate({ description: "when it is tried again; null once settled" }),
  lastAttemptAt: Schema.NullOr(DateTimeText),
  lastStatus: Schema.NullOr(Schema.Int).annotate({ description: "the HTTP status the receiver answered" }),
  lastError: Schema.NullOr(Schema.String).annotate({ description: "why the latest attempt failed" }),
  lastResponse: Schema.NullOr(Schema.String).annotate({ description: "the start of the receiver's answer" }),
  lastDurationMs: Schema.NullOr(Schema.Int)
}).annotate({ identifier: "WebhookDelivery", title: "Webhook delivery" })
export type WebhookDelivery = typeof WebhookDelivery.Type

export const WebhookDeliveryPage = Schema.Struct({
  deliveries: Schema.Array(WebhookDelivery),
  next: Schema.NullOr(Schema.Int).annotate({ description: "pass as `before` for older deliveries; null: none" })
}).annotate({ identifier: "WebhookDeliveryPage", title: "Webhook deliveries" })
export type WebhookDeliveryPage = typeof WebhookDeliveryPage.Type
