import { Schema } from "effect"
import { type Bilingual, LabelJa } from "./Bilingual.ts"

/**
 * What a user is told about (#19): the secretariat returned or approved one of the agency's reviews,
 * an agency submitted a review for the secretariat, or a cycle's due date is near or past.
 */
export const NotificationKind = Schema.Literals([
  "returned",
  "approved",
  "submitted",
  "dueSoon",
  "overdue",
  "webhookDisabled"
]).annotate({
  identifier: "NotificationKind",
  title: "Kind of notification",
  description:
    "returned, approved: the secretariat moved one of the agency's reviews; submitted: a review awaits the secretariat; dueSoon, overdue: reminders of the cycle's due date; webhookDisabled: a webhook kept failing and was turned off (admins)",
  [LabelJa]: "通知の種類"
})
export type NotificationKind = typeof NotificationKind.Type

export const notificationKindLabel: Record<NotificationKind, Bilingual> = {
  returned: { ja: "差戻し", en: "Returned" },
  approved: { ja: "承認", en: "Approved" },
  submitted: { ja: "提出", en: "Submitted" },
  dueSoon: { ja: "期限間近", en: "Due soon" },
  overdue: { ja: "期限超過", en: "Overdue" },
  webhookDisabled: { ja: "Webhook停止", en: "Webhook disabled" }
}

/** A review a notification names: its No. and name. */
export const NotifiedReview = Schema.Struct({ no: Schema.Number, name: Schema.String }).annotate({
  identifier: "NotifiedReview"
})
export type NotifiedReview = typeof NotifiedReview.Type

/**
 * What a notification says beyond its kind: the review moved (and by whom, with the comment of a
 * return), or the due date and the reviews still open for a reminder.
 */
export const NotificationPayload = Schema.Struct({
  reviews: Schema.Array(NotifiedReview),
  actor: Schema.optionalKey(Schema.String),
  comment: Schema.optionalKey(Schema.NullOr(Schema.String)),
  dueDate: Schema.optionalKey(Schema.String),
  /** The webhook a `webhookDisabled` notice is about. */
  webhook: Schema.optionalKey(Schema.Struct({ id: Schema.String, url: Schema.String }))
}).annotate({ identifier: "NotificationPayload" })
export type NotificationPayload = typeof NotificationPayload.Type
