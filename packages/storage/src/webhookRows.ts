import { PlanId, type Webhook } from "@sukoyaka/core"
import { Schema } from "effect"
import { Integer } from "./WebhookDeliveries.ts"

/** A row of `webhooks` as stored (event types as JSON text, enabled as 0/1). */
export const WebhookRow = Schema.Struct({
  id: Schema.String,
  url: Schema.String,
  description: Schema.String,
  planId: Schema.NullOr(PlanId),
  eventTypes: Schema.String,
  enabled: Integer,
  disabledReason: Schema.NullOr(Schema.String),
  consecutiveFailures: Integer,
  failingSince: Schema.NullOr(Schema.String),
  auditCursor: Integer,
  secretCiphertext: Schema.String,
  version: Integer,
  createdAt: Schema.String,
  updatedAt: Schema.String
})
type WebhookRow = typeof WebhookRow.Type

/** A webhook with what only the server uses: its encrypted secret, its place in the audit log, its failing streak. */
export interface StoredWebhook {
  readonly webhook: Webhook
  readonly secretCiphertext: string
  readonly auditCursor: number
  readonly failingSince: string | null
}

export const stored = (row: WebhookRow): StoredWebhook => ({
  webhook: {
    id: row.id,
    url: row.url,
    description: row.description,
    planId: row.planId,
    eventTypes: JSON.parse(row.eventTypes) as Array<string>,
    enabled: row.enabled === 1,
    disabledReason: row.disabledReason,
    consecutiveFailures: row.consecutiveFailures,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt
  },
  secretCiphertext: row.secretCiphertext,
  auditCursor: row.auditCursor,
  failingSince: row.failingSince
})
