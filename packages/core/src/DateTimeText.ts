import { Schema } from "effect"

/**
 * An instant as the API writes it: ISO 8601 text in UTC (`2025-06-01T09:30:00.000Z`), as stored.
 * Documented with `format: date-time`, so that a generated client and a reader know what it is.
 */
export const DateTimeText = Schema.String.annotate({ format: "date-time" } as Schema.Annotations.Annotations)
