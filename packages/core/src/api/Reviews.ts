import { Schema } from "effect"
import { WorkflowAction } from "../Access.ts"
import { type Achievement, NotComputableReason } from "../Achievement.ts"
import { LabelJa } from "../Bilingual.ts"
import { ConsistencyFlag, type ReviewEvaluation } from "../Evaluation.ts"
import { Rating } from "../Rating.ts"
import { ReviewProgress } from "../Cycle.ts"
import { Review, ReviewContent } from "../Review.ts"
import { Timestamps } from "../DateTimeText.ts"

export const MeasureAchievementView = Schema.Struct({
  label: Schema.String,
  ratio: Schema.NullOr(Schema.Number).annotate({
    description:
      "actual vs planned honouring the comparator; null exactly when notComputable says why or unbounded is true"
  }),
  notComputable: Schema.NullOr(NotComputableReason),
  unbounded: Schema.Boolean.annotate({
    description:
      "true: an actual of 0 under a positive ceiling (以下): better than any ratio; the suggestion counts it at the policy's cap"
  })
}).annotate({ identifier: "MeasureAchievement" })

/** The rules' view of a review: never a change to it. */
export const ReviewEvaluationView = Schema.Struct({
  suggestedRating: Schema.NullOr(Rating).annotate({ description: "null: not computable (no comparable figures)" }),
  achievement: Schema.NullOr(Schema.Number),
  measuresUsed: Schema.Int,
  measures: Schema.Array(MeasureAchievementView),
  flags: Schema.Array(ConsistencyFlag),
  needsAttention: Schema.Boolean
}).annotate({ identifier: "ReviewEvaluation", title: "Review evaluation", [LabelJa]: "評価" })
export type ReviewEvaluationView = typeof ReviewEvaluationView.Type

const finite = (value: number) => (Number.isFinite(value) ? value : null)

export const toReviewEvaluationView = (evaluation: ReviewEvaluation): ReviewEvaluationView => ({
  suggestedRating: evaluation.suggestion._tag === "Suggested" ? evaluation.suggestion.rating : null,
  achievement: evaluation.suggestion._tag === "Suggested" ? evaluation.suggestion.achievement : null,
  measuresUsed: evaluation.suggestion._tag === "Suggested" ? evaluation.suggestion.measuresUsed : 0,
  measures: evaluation.measures.map(
    ({ measure, achievement }: { measure: { label: string }; achievement: Achievement }) => ({
      label: measure.label,
      ratio: achievement._tag === "Computed" ? finite(achievement.ratio) : null,
      notComputable: achievement._tag === "NotComputable" ? achievement.reason : null,
      unbounded: achievement._tag === "Computed" && achievement.ratio === Number.POSITIVE_INFINITY
    })
  ),
  flags: evaluation.flags,
  needsAttention: evaluation.needsAttention
})

/** A review as GET returns it: the entity with its evaluation. PUT takes it back. */
export const ReviewView = Schema.Struct({
  ...Review.fields,
  ...Timestamps,
  progress: ReviewProgress,
  evaluation: ReviewEvaluationView
}).annotate({ identifier: "ReviewView", title: "Review with evaluation" })
export type ReviewView = typeof ReviewView.Type

/**
 * The body of PUT …/reviews/{fiscalYear}: the GET representation (or just the content fields).
 * Read-only fields (keys, status, version, evaluation) may be sent back and are ignored; the
 * version to check is the If-Match header.
 */
export const ReviewUpdate = Schema.Struct(ReviewContent.fields).annotate({
  identifier: "ReviewUpdate",
  title: "Review update",
  // Decoding ignores excess properties, and effect 4's JSON Schema says so by default
  // (additionalProperties: true unless generated with onExcessProperty: "error").
  description: "the review's content fields; other fields of the GET representation are ignored"
})

export const StatusChange = Schema.Struct({
  action: WorkflowAction,
  comment: Schema.optional(Schema.String.check(Schema.isMaxLength(2000)))
}).annotate({ identifier: "StatusChange", title: "Workflow status change" })
