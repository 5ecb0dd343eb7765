import { Schema, Struct } from "effect"
import { LabelJa } from "../Bilingual.ts"
import { Timestamps } from "../DateTimeText.ts"
import { Initiative } from "../Initiative.ts"
import { pageOf } from "./Problem.ts"
import { ReviewView } from "./Reviews.ts"

/** Column D read as the domain does: what is done (summary) and how it lowers the risk (rationale). */
const contentParts = {
  summary: Schema.String.annotate({
    description: "column D without its last ● bullet: what is done (read-only)",
    [LabelJa]: "内容（取組）"
  }),
  rationale: Schema.String.annotate({
    description: "column D's last ● bullet: how it lowers suicide risk (read-only)",
    [LabelJa]: "内容（効果）"
  })
}

export const InitiativeListItem = Schema.Struct({
  ...Initiative.fields,
  ...Timestamps,
  ...contentParts,
  review: Schema.NullOr(ReviewView)
}).annotate({ identifier: "InitiativeListItem", title: "Initiative with the year's review" })

/** GET /plans/{planId}/initiatives: one page of the year's initiatives. */
export const InitiativePage = pageOf(InitiativeListItem, "InitiativePage")

/**
 * An initiative and where its year's review stands, without the long texts (content, the review's
 * texts and measures): what a table, a picker or a sync of statuses needs, a fraction of the bytes.
 */
const compactInitiativeKeys = [
  "planId",
  "no",
  "policyNo",
  "areaNo",
  "objectiveNo",
  "name",
  "lifeStages",
  "agencies",
  "status",
  "since",
  "until",
  "version",
  "updatedAt"
] as const
const compactReviewKeys = ["fiscalYear", "status", "progress", "selfRating", "version", "updatedAt"] as const

export const InitiativeCompactItem = Schema.Struct({
  ...Struct.pick(InitiativeListItem.fields, compactInitiativeKeys),
  review: Schema.NullOr(
    Schema.Struct({
      ...Struct.pick(ReviewView.fields, compactReviewKeys),
      suggestedRating: ReviewView.fields.evaluation.fields.suggestedRating,
      // The share of the measures' targets reached, beside the suggestion in the admin's list.
      achievement: ReviewView.fields.evaluation.fields.achievement
    })
  )
}).annotate({ identifier: "InitiativeCompactItem", title: "Initiative with its review's status (compact)" })

/** An encoded list item as view=compact sends it: the same fields the compact schema names. */
export const compactItemOf = (item: typeof InitiativeListItem.Encoded): typeof InitiativeCompactItem.Encoded => ({
  ...Struct.pick(item, compactInitiativeKeys),
  review:
    item.review === null
      ? null
      : {
          ...Struct.pick(item.review, compactReviewKeys),
          suggestedRating: item.review.evaluation.suggestedRating,
          achievement: item.review.evaluation.achievement
        }
})

/** GET /plans/{planId}/initiatives?view=compact: one page of compact items. */
export const InitiativeCompactPage = pageOf(InitiativeCompactItem, "InitiativeCompactPage")

export const InitiativeDetail = Schema.Struct({
  ...Initiative.fields,
  ...Timestamps,
  ...contentParts,
  reviews: Schema.Array(ReviewView)
}).annotate({ identifier: "InitiativeDetail", title: "Initiative with all its reviews" })
