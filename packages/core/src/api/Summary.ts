import { Schema } from "effect"
import { AgencyId } from "../Agency.ts"
import { FiscalYear } from "../FiscalYear.ts"
import { InitiativeNo } from "../Initiative.ts"
import { LifeStage } from "../LifeStage.ts"
import { AreaNo, BasicPolicyNo, ObjectiveNo } from "../Plan.ts"
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
  byPolicy: Schema.Array(grouped({ policyNo: BasicPolicyNo, title: Schema.String }, "PolicyRatings")).annotate({
    description: "per basic policy, in number order: the policies with initiatives counted in the year"
  }),
  byArea: Schema.Array(
    grouped({ policyNo: BasicPolicyNo, areaNo: AreaNo, title: Schema.String }, "AreaRatings")
  ).annotate({
    description: "per area (within its basic policy), in number order"
  }),
  byObjective: Schema.Array(
    grouped({ policyNo: BasicPolicyNo, areaNo: AreaNo, objectiveNo: ObjectiveNo }, "ObjectiveRatings")
  ).annotate({
    description: "per objective, keyed by its full place: the ① of another area is another objective"
  }),
  byLifeStage: Schema.Array(grouped({ lifeStage: LifeStage }, "LifeStageRatings")),
  byAgency: Schema.Array(
    Schema.Struct({
      agencyId: AgencyId,
      name: Schema.String,
      ratings: RatingCounts,
      onTrackShare: Schema.NullOr(Schema.Number),
      completion: CompletionView
    }).annotate({
      identifier: "AgencyRatings"
    })
  ),
  coverage: Schema.Array(
    Schema.Struct({
      policyNo: BasicPolicyNo,
      areaNo: AreaNo,
      objectiveNo: ObjectiveNo,
      counts: Schema.Record(LifeStage, Schema.Int),
      gaps: Schema.Array(LifeStage)
    }).annotate({
      identifier: "CoverageRow",
      description:
        "the objectives in effect in the year; initiatives in effect that continue into the next year, per life stage"
    })
  ),
  targets: Schema.Array(
    Schema.Struct({
      id: Schema.String,
      indicator: Schema.String,
      population: Schema.NullOr(Schema.String),
      targetValue: Schema.Number,
      unit: Schema.String,
      evaluation: TargetEvaluationView
    })
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
    Schema.Struct({
      initiativeNo: InitiativeNo,
      from: Schema.NullOr(Rating),
      to: Schema.NullOr(Rating),
      grades: Schema.NullOr(Schema.Int)
    })
  )
}).annotate({ identifier: "YearSummary", title: "Year summary" })
export type YearSummaryView = typeof YearSummaryView.Type
