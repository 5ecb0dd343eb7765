import { Schema } from "effect"
import { FiscalYear } from "../FiscalYear.ts"
import { InitiativeNo } from "../Initiative.ts"
import { Comparator } from "../Measure.ts"
import { AreaNo, BasicPolicyNo, ObjectiveNo } from "../Plan.ts"
import { RatingCounts } from "../Rating.ts"

const RatingPointView = Schema.Struct({
  fiscalYear: FiscalYear,
  ratings: RatingCounts,
  onTrackShare: Schema.NullOr(Schema.Number).annotate({ description: "(Ａ+Ｂ) / rated; null when nothing is rated" })
}).annotate({ identifier: "RatingPoint", description: "one year of a roll-up, as the year's summary counts it" })

const Points = Schema.Array(RatingPointView).annotate({ description: "one point per year of `years`, in order" })

/** GET /plans/{planId}/trends: the mix of ratings and the share on track per fiscal year. */
export const RatingTrendsView = Schema.Struct({
  planId: Schema.String,
  years: Schema.Array(FiscalYear).annotate({ description: "the fiscal years with reviews, ascending" }),
  plan: Points,
  byPolicy: Schema.Array(Schema.Struct({ policyNo: BasicPolicyNo, title: Schema.String, points: Points })),
  byArea: Schema.Array(
    Schema.Struct({ policyNo: BasicPolicyNo, areaNo: AreaNo, title: Schema.String, points: Points })
  ),
  byObjective: Schema.Array(
    Schema.Struct({
      policyNo: BasicPolicyNo,
      areaNo: AreaNo,
      objectiveNo: ObjectiveNo,
      title: Schema.String,
      points: Points
    })
  )
}).annotate({ identifier: "RatingTrends", title: "Ratings across years" })
export type RatingTrendsView = typeof RatingTrendsView.Type

/** GET /plans/{planId}/initiatives/{no}/trends: each measure's actual against planned per year. */
export const MeasureTrendsView = Schema.Struct({
  initiativeNo: InitiativeNo,
  years: Schema.Array(FiscalYear),
  measures: Schema.Array(
    Schema.Struct({
      key: Schema.String.annotate({ description: "what makes it the same measure across years and renames" }),
      label: Schema.String.annotate({ description: "as the latest year names it" }),
      unit: Schema.String,
      points: Schema.Array(
        Schema.Struct({
          fiscalYear: FiscalYear,
          actual: Schema.NullOr(Schema.Number),
          planned: Schema.NullOr(Schema.Number),
          comparator: Comparator
        })
      ).annotate({ description: "one point per year of `years`; null where the year has no figure" })
    }).annotate({ identifier: "MeasureTrend" })
  )
}).annotate({ identifier: "MeasureTrends", title: "An initiative's measures across years" })
export type MeasureTrendsView = typeof MeasureTrendsView.Type

const YearValue = Schema.Struct({ year: Schema.Int, value: Schema.Number })

/** GET /plans/{planId}/targets/{targetId}/trend: observations beside the line from the baseline to the target. */
export const TargetTrendView = Schema.Struct({
  targetId: Schema.String,
  indicator: Schema.String,
  unit: Schema.String,
  years: Schema.Array(Schema.Int).annotate({
    description: "every year from the baseline (or first observation) to the latest observation or the target year"
  }),
  baseline: Schema.NullOr(YearValue),
  observations: Schema.Array(YearValue).annotate({ description: "the observations other than the baseline, by year" }),
  path: Schema.Array(YearValue).annotate({
    description: "the straight line from the baseline to the target value at the target year; empty without both"
  }),
  targetValue: Schema.Number,
  targetYear: Schema.NullOr(Schema.Int)
}).annotate({ identifier: "TargetTrend", title: "A target's course" })
export type TargetTrendView = typeof TargetTrendView.Type
