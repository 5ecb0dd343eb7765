import { Review, type Stamped } from "@sukoyaka/core"
import { Schema, String as Str, Struct } from "effect"

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

type RowField = keyof typeof ReviewRow.Encoded

/** Each field of a review's row with its column (the field in snake_case), in the row's order. */
export const reviewColumns: ReadonlyArray<readonly [field: RowField, column: string]> = Object.keys(
  ReviewRow.fields
).map((field) => [field as RowField, Str.camelToSnake(field)] as const)

/** The two columns that hold JSON text; every other column holds the field's value itself. */
const jsonFields: ReadonlySet<RowField> = new Set<RowField>(["measures", "next"])

/**
 * A review as its stored row reads back from the driver (snake_case columns, the measures and the
 * next year's plan as JSON text), with when it was created and last changed: what `Reviews.get`
 * decodes, without the Schema pass. A write reads its review this way: every stored row was checked
 * when it was written, and the write checks the review it will store before storing it. Test: "a
 * review read back from its row".
 */
export const storedReviewOfRow = (row: Readonly<Record<string, unknown>>): Review & Stamped => {
  const review: Record<string, unknown> = {}
  for (const [field, column] of reviewColumns) {
    const value = row[column]
    review[field] = jsonFields.has(field) ? JSON.parse(value as string) : value
  }
  review.createdAt = row.created_at
  review.updatedAt = row.updated_at
  return review as unknown as Review & Stamped
}

/** Whether a review's row holds what the stored row (as the driver gives it) holds, whatever their versions. */
export const sameAsStored = (row: typeof ReviewRow.Encoded, stored: Readonly<Record<string, unknown>>): boolean => {
  for (const [field, column] of reviewColumns) if (field !== "version" && row[field] !== stored[column]) return false
  return true
}

/**
 * The statements of a review write, with `placeholder(n)` for the nth parameter: the read of the
 * row, and its update (every column but the key's, in the row's order, then who changed it when;
 * then the key and the version read), which returns the new version unless another write came first.
 */
export const reviewWriteStatements = (placeholder: (n: number) => string) => {
  const p = placeholder
  const keyFields: ReadonlySet<RowField> = new Set<RowField>(["planId", "initiativeNo", "fiscalYear"])
  const writtenFields = reviewColumns.filter(([field]) => !keyFields.has(field))
  const setColumns = [...writtenFields.map(([, column]) => column), "updated_at", "updated_by"]
  const n = setColumns.length
  return {
    selectReview: `SELECT * FROM reviews WHERE plan_id = ${p(1)} AND initiative_no = ${p(2)} AND fiscal_year = ${p(3)}`,
    updateReview: `UPDATE reviews SET ${setColumns.map((column, i) => `${column} = ${p(i + 1)}`).join(", ")}
      WHERE plan_id = ${p(n + 1)} AND initiative_no = ${p(n + 2)} AND fiscal_year = ${p(n + 3)} AND version = ${p(n + 4)}
      RETURNING version`,
    writtenFields
  }
}
