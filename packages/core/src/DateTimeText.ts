import { Schema } from "effect"

/**
 * An instant as the API writes it: ISO 8601 text in UTC (`2025-06-01T09:30:00.000Z`), as stored.
 * Documented with `format: date-time`, so that a generated client and a reader know what it is.
 */
export const DateTimeText = Schema.String.annotate({ format: "date-time" } as Schema.Annotations.Annotations)

/**
 * When a stored thing (a review, an initiative) was first written and last changed: what a system
 * kept in sync compares (`updatedSince`). Kept by storage, never part of the content or the audit.
 */
export const Timestamps = {
  createdAt: DateTimeText.annotate({ title: "Created at", description: "when it was first stored (ISO 8601, UTC)" }),
  updatedAt: DateTimeText.annotate({ title: "Updated at", description: "when it last changed (ISO 8601, UTC)" })
}

export interface Stamped {
  readonly createdAt: string
  readonly updatedAt: string
}
