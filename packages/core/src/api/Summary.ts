import { Schema } from "effect"
import { AgencyId } from "../Agency.ts"
import { FiscalYear } from "../FiscalYear.ts"
import { InitiativeNo } from "../Initiative.ts"
import { LifeStage } from "../LifeStage.ts"
import { ObjectiveNo } from "../Plan.ts"
import { Rating, RatingCounts } from "../Rating.ts"
import { AttentionReason } from "../Rollup.ts"
import { TargetEvaluationView } from "./Targets.ts"

const grouped = <K extends Schema.Struct.Fields>(key: K, identifier: string) =>
  Schema.Struct({ ...key, ratings: RatingCounts, onTrackShare: Schema.NullOr(Schema.Number) }).annotate({ identifier })

export const CompletionView = Schema.Struct({
  total: Schema.Int,
  byStatus: Schema.Struct({ draft: Schema.Int, submitted: Schema.Int, approved: Schema.Int, missing: Schema.Int })
}).annotate({ identifier: "Completion" })

/** GET /plans/{planId}/summary: the year at a glance. */
export const YearSummaryView = Schema.Struct({
  planId: Schema.String,
  fiscalYear: FiscalYear,
  ratingPolicyVersion: Schema.Int,
  ratings: RatingCounts,
  onTrackShare: Schema.NullOr(Schema.Number),
  byObjective: Schema.Array(grouped({ objectiveNo: ObjectiveNo }, "ObjectiveRatings")),
  byLifeStage: Schema.Array(grouped({ lifeStage: LifeStage }, "LifeStageRatings")),
  byAgency: Schema.Array(
    Schema.Struct({ agencyId: AgencyId, name: Schema.String, ratings: RatingCounts, onTrackShare: Schema.NullOr(Schema.Number), completion: CompletionView }).annotate({
      identifier: "AgencyRatings"
    })
  ),
  coverage: Schema.Array(
    Schema.Struct({ objectiveNo: ObjectiveNo, counts: Schema.Record(LifeStage, Schema.Int), gaps: Schema.Array(LifeStage) }).annotate({
      identifier: "CoverageRow"
    })
  ),
  targets: Schema.Array(
    Schema.Struct({ id: Schema.String, indicator: Schema.String, population: Schema.NullOr(Schema.String), targetValue: Schema.Number, unit: Schema.String, evaluation: TargetEvaluationView })
  ),
  attention: Schema.Array(
    Schema.Struct({
      initiativeNo: InitiativeNo,
      name: Schema.String,
      selfRating: Schema.NullOr(Rating),
      reasons: Schema.Array(AttentionReason)
    }).annotate({ identifier: "AttentionItem" })
  ),
  completion: CompletionView,
  changes: Schema.Array(
    Schema.Struct({ initiativeNo: InitiativeNo, from: Schema.NullOr(Rating), to: Schema.NullOr(Rating), grades: Schema.NullOr(Schema.Int) })
  )
}).annotate({ identifier: "YearSummary", title: "Year summary" })
export type YearSummaryView = typeof YearSummaryView.Type
