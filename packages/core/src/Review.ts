import { Schema } from "effect"
import { type Bilingual, LabelJa, MessageBilingual } from "./Bilingual.ts"
import { answersWith } from "./DomainError.ts"
import { FiscalYear } from "./FiscalYear.ts"
import { InitiativeNo } from "./Initiative.ts"
import { Measure } from "./Measure.ts"
import { PlanId } from "./Plan.ts"
import { Rating } from "./Rating.ts"

const CellText = (title: string, ja: string, column: string) =>
  Schema.String.check(
    Schema.isMaxLength(4000, {
      [MessageBilingual]: { ja: `${ja}は4000文字以内です`, en: `${title} must be at most 4000 characters` }
    })
  ).annotate({ title, description: `column ${column}, verbatim`, [LabelJa]: ja })

const Measures = Schema.Array(Measure)
  .check(
    Schema.isMaxLength(50, {
      [MessageBilingual]: { ja: "指標は50件までです", en: "at most 50 measures" }
    })
  )
  .annotate({ title: "Measures", [LabelJa]: "指標" })

export const ReviewStatus = Schema.Literals(["draft", "submitted", "approved"]).annotate({
  identifier: "ReviewStatus",
  title: "Workflow status",
  description: "draft (the agency writes) → submitted (the secretariat checks) → approved",
  [LabelJa]: "状態"
})
export type ReviewStatus = typeof ReviewStatus.Type

export const reviewStatusLabel: Record<ReviewStatus, Bilingual> = {
  draft: { ja: "作成中", en: "Draft" },
  submitted: { ja: "提出済み", en: "Submitted" },
  approved: { ja: "承認済み", en: "Approved" }
}

/** Columns K and L: the plan for the following year, written in this year's review. */
export const NextYearPlan = Schema.Struct({
  fiscalYear: FiscalYear,
  actions: CellText("Planned actions", "次年度実施計画", "K"),
  plannedText: CellText("Planned figures", "次年度参加者等予定数", "L"),
  measures: Measures
}).annotate({ identifier: "NextYearPlan", title: "Next year's plan", [LabelJa]: "次年度計画" })
export type NextYearPlan = typeof NextYearPlan.Type

/** The fields an agency writes: what the review form and the PUT body carry. */
export const ReviewContent = Schema.Struct({
  actions: CellText("Actions", "実施結果", "F"),
  resultText: CellText("Results", "参加者数等結果", "G"),
  plannedText: CellText("Planned figures", "参加者数等予定数", "H"),
  measures: Measures,
  selfRating: Schema.NullOr(Rating),
  ratingReason: CellText("Reason for the rating", "自己評価の理由", "J"),
  next: NextYearPlan
}).annotate({ identifier: "ReviewContent", title: "Review content" })
export type ReviewContent = typeof ReviewContent.Type

/** One initiative × one fiscal year: columns F–L with the workflow around them. */
export const Review = Schema.Struct({
  planId: PlanId,
  initiativeNo: InitiativeNo,
  fiscalYear: FiscalYear,
  ...ReviewContent.fields,
  /** Column K of the previous review: the plan this year's results are measured against. */
  plannedActions: CellText("Plan for this year", "当年度の実施計画", "K (previous year)"),
  status: ReviewStatus,
  statusComment: Schema.NullOr(Schema.String).annotate({
    title: "Comment on the last status change",
    [LabelJa]: "差戻しコメント"
  }),
  approvedVersion: Schema.NullOr(Schema.Int).annotate({
    title: "Last approved version",
    description:
      "the version the secretariat approved last; null until first approved. A submitted review with one was changed after approval."
  }),
  version: Schema.Int.check(Schema.isGreaterThanOrEqualTo(0)).annotate({
    title: "Version",
    description: "increases with every change; the ETag"
  })
}).annotate({ identifier: "Review", title: "Review", [LabelJa]: "実施結果・自己評価" })
export type Review = typeof Review.Type

export class ReviewNotFound extends Schema.TaggedError<ReviewNotFound>()(
  "ReviewNotFound",
  { planId: Schema.String, initiativeNo: Schema.Number, fiscalYear: Schema.Number },
  answersWith(404)
) {}

/** Someone saved first: the write was based on `expected` but the stored version is `actual`. */
export class StaleVersion extends Schema.TaggedError<StaleVersion>()(
  "StaleVersion",
  { entity: Schema.String, key: Schema.String, expected: Schema.Number, actual: Schema.Number },
  answersWith(412)
) {
  override get message() {
    return `you edited version ${this.expected}, the current version is ${this.actual}`
  }
}
