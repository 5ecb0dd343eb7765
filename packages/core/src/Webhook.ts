import { Schema } from "effect"
import { MessageBilingual } from "./Bilingual.ts"
import { DateTimeText } from "./DateTimeText.ts"
import { answersWith } from "./DomainError.ts"
import { PlanId } from "./Plan.ts"

const urlMessage = {
  [MessageBilingual]: {
    ja: "URL は http:// か https:// で始まる、ホスト名のある完全な形で指定してください",
    en: "the URL must be a full http:// or https:// address with a host"
  }
}

const isHttpUrl = (text: string): boolean => {
  if (!URL.canParse(text)) return false
  const url = new URL(text)
  return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "" && url.username === ""
}

/** Where a webhook's events are POSTed: http(s) only (no file:, no credentials in the URL). */
export const WebhookUrl = Schema.String.check(
  Schema.isMaxLength(2000, urlMessage),
  // The shape first (ASCII host or [IPv6], no credentials, no spaces), then what WHATWG URL makes of it.
  Schema.isPattern(/^https?:\/\/(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?(?:[/?#][!-~]*)?$/u, urlMessage),
  Schema.makeFilter((text: string) => isHttpUrl(text), urlMessage)
).annotate({
  title: "Webhook URL",
  description: "an http:// or https:// address that receives the events as POST requests",
  examples: ["https://sync.city.example.jp/sukoyaka/webhooks"]
})

const eventTypeMessage = {
  [MessageBilingual]: {
    ja: "イベントの種類は review.updated のように「対象.操作」の形で指定してください",
    en: "an event type is written entity.action, e.g. review.updated"
  }
}

/** `review.updated`, `initiative.created`, `cycle.open` …: the entity and what happened to it. */
export const WebhookEventType = Schema.String.check(
  Schema.isPattern(/^[a-zA-Z]{1,40}\.[a-zA-Z]{1,40}$/u, eventTypeMessage)
).annotate({ title: "Event type", examples: ["review.updated"] })

const pastTense: Record<string, string> = { create: "created", update: "updated", delete: "deleted" }

/** The event type of an audit entry: its entity and its action, create/update/delete in the past tense. */
export const webhookEventType = (entity: string, action: string): string => `${entity}.${pastTense[action] ?? action}`

/** A webhook as stored, without its secret (which never leaves the server after it is shown once). */
export const Webhook = Schema.Struct({
  id: Schema.String,
  url: Schema.String,
  description: Schema.String,
  planId: Schema.NullOr(PlanId).annotate({ description: "only this plan's events; null: every plan's" }),
  eventTypes: Schema.Array(Schema.String).annotate({ description: "only these event types; empty: every type" }),
  enabled: Schema.Boolean,
  disabledReason: Schema.NullOr(Schema.String).annotate({
    description: "why it is disabled: by an admin, or automatically after repeated failed deliveries"
  }),
  consecutiveFailures: Schema.Int.annotate({ description: "deliveries that failed for good since the last success" }),
  version: Schema.Int,
  createdAt: DateTimeText,
  updatedAt: DateTimeText
}).annotate({ identifier: "Webhook", title: "Webhook" })
export type Webhook = typeof Webhook.Type

export class WebhookNotFound extends Schema.TaggedError<WebhookNotFound>()(
  "WebhookNotFound",
  { id: Schema.String },
  answersWith(404)
) {
  override get message() {
    return `no webhook ${this.id}`
  }
}

/**
 * Webhook secrets are stored encrypted (signing needs them in clear), with a key the server keeps
 * outside the database: on PostgreSQL it must be configured.
 */
export class SecretKeyMissing extends Schema.TaggedError<SecretKeyMissing>()(
  "SecretKeyMissing",
  {},
  answersWith(409, "secretKeyMissing")
) {
  override get message() {
    return "set SUKOYAKA_SECRET_KEY (at least 32 characters, e.g. `openssl rand -base64 32`) to store webhook secrets on PostgreSQL"
  }
}
