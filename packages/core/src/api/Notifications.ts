import { Schema } from "effect"
import { DateTimeText } from "../DateTimeText.ts"
import { NotificationKind, NotificationPayload } from "../Notification.ts"

export const NotificationView = Schema.Struct({
  id: Schema.Number,
  kind: NotificationKind,
  planId: Schema.NullOr(Schema.String),
  fiscalYear: Schema.NullOr(Schema.Number),
  initiativeNo: Schema.NullOr(Schema.Number),
  payload: NotificationPayload,
  createdAt: DateTimeText.annotate({ description: "ISO 8601 date-time" }),
  readAt: Schema.NullOr(DateTimeText).annotate({ description: "ISO 8601 date-time; null: unread" })
}).annotate({ identifier: "Notification", title: "Notification" })
export type NotificationView = typeof NotificationView.Type

/** GET /notifications: the caller's newest notifications, and how many of all theirs are unread. */
export const NotificationList = Schema.Struct({
  items: Schema.Array(NotificationView),
  unread: Schema.Number
}).annotate({ identifier: "NotificationList", title: "Notifications" })
export type NotificationList = typeof NotificationList.Type

/** POST /notifications/read: the ids to mark read, or all of the caller's. */
export const NotificationsRead = Schema.Union([
  Schema.Struct({
    ids: Schema.Array(Schema.Int.check(Schema.isGreaterThanOrEqualTo(1))).check(Schema.isMaxLength(1000))
  }),
  Schema.Struct({ all: Schema.Literal(true) })
]).annotate({ identifier: "NotificationsRead", title: "Notifications to mark read" })
export type NotificationsRead = typeof NotificationsRead.Type

export const OutboxState = Schema.Literals(["queued", "failed", "sent"]).annotate({
  identifier: "OutboxState",
  description: "queued: not tried yet; failed: tried, not sent, tried again later; sent"
})
export type OutboxState = typeof OutboxState.Type

export const OutboxMailView = Schema.Struct({
  id: Schema.Number,
  state: OutboxState,
  occasion: Schema.String,
  recipient: Schema.String,
  language: Schema.String,
  subject: Schema.String,
  body: Schema.String,
  createdAt: DateTimeText,
  sentAt: Schema.NullOr(DateTimeText),
  attempts: Schema.Number,
  lastError: Schema.NullOr(Schema.String),
  nextAttemptAt: Schema.NullOr(DateTimeText).annotate({ description: "when a mail not yet sent is tried next" })
}).annotate({ identifier: "OutboxMail", title: "Mail in the outbox" })
export type OutboxMailView = typeof OutboxMailView.Type

/** GET /admin/outbox: the newest mails and how many there are in each state. */
export const OutboxList = Schema.Struct({
  mails: Schema.Array(OutboxMailView),
  counts: Schema.Struct({ queued: Schema.Number, failed: Schema.Number, sent: Schema.Number })
}).annotate({ identifier: "OutboxList", title: "Outbox" })
export type OutboxList = typeof OutboxList.Type
