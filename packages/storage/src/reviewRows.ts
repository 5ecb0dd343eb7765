import { Review } from "@sukoyaka/core"
import { Schema, Struct } from "effect"

// A review's row and snapshot, and the one from the other: what Reviews.ts writes and audits.

/**
 * A review as stored: the domain entity's own fields, its measures and next-year plan as JSON
 * columns. Decoding a row gives a `Review`; encoding a `Review` gives the row.
 */
export const ReviewRow = Review.mapFields(
  Struct.evolve({
    measures: (measures) => Schema.fromJsonString(measures),
    next: (next) => Schema.fromJsonString(next)
  })
)

/** The JSON kept in the audit log for a review: the entity, its measures and plan as JSON values. */
export const ReviewSnapshot = Review
export type ReviewSnapshot = typeof ReviewSnapshot.Encoded

/**
 * The row of a review from its snapshot: ReviewRow is the snapshot with its two JSON columns as
 * text (`Schema.fromJsonString` writes `JSON.stringify`). A write encodes each state once and
 * takes both its audit snapshot and its row from it (test: "a review's row").
 */
export const rowOfSnapshot = (snapshot: ReviewSnapshot): typeof ReviewRow.Encoded => ({
  ...snapshot,
  measures: JSON.stringify(snapshot.measures),
  next: JSON.stringify(snapshot.next)
})

/** Two rows hold the same review, whatever their versions (every column is a string, number or null). */
export const sameRow = (a: typeof ReviewRow.Encoded, b: typeof ReviewRow.Encoded): boolean => {
  for (const column of Object.keys(a) as Array<keyof typeof a>)
    if (column !== "version" && a[column] !== b[column]) return false
  return true
}
