import { Schema } from "effect"
import { Observation, Target, TargetInitiativeNos } from "../Target.ts"
import { TargetGrade } from "../TargetRating.ts"

export const TargetEvaluationView = Schema.Struct({
  grade: TargetGrade,
  method: Schema.Literals(["poissonExact", "twoProportion", "relativeChange", "none"]).annotate({
    description:
      "the rule that judged the change: poissonExact (exact conditional binomial test of two Poisson counts), twoProportion (z-test), relativeChange (±5 % or more, no test), none (nothing to compare)"
  }),
  relativeChange: Schema.NullOr(Schema.Number),
  significant: Schema.NullOr(Schema.Boolean),
  pValue: Schema.NullOr(Schema.Number).annotate({
    description: "two-sided p-value of the test; null under the relative rule"
  }),
  pace: Schema.NullOr(Schema.Literals(["onPath", "behindPath", "targetYearPassed", "noTargetYear"])).annotate({
    description:
      "B against B* for an improving target; noTargetYear: B* cannot be judged, the grade stays B; null for A, C, D, E"
  }),
  progress: Schema.NullOr(
    Schema.Struct({
      category: Schema.Literals(["targetAchieved", "onTrack", "moderate", "limited", "deterioration"]),
      ratio: Schema.NullOr(Schema.Number).annotate({
        description:
          "direction × observed CAGR / |required CAGR|; null when the target is achieved or the baseline sat on the target"
      })
    }).annotate({ description: "Open SDG's anticipated progress (its own categories, not the self-ratings)" })
  )
}).annotate({ identifier: "TargetEvaluation", title: "Target evaluation" })

export const TargetView = Schema.Struct({
  ...Target.fields,
  initiativeNos: TargetInitiativeNos,
  evaluation: TargetEvaluationView
}).annotate({
  identifier: "TargetView",
  title: "Target with its rating"
})

/** What an admin sends to change a target: its observations (and baseline, target value, year). */
export const TargetUpdate = Schema.Struct({
  baseline: Schema.NullOr(Observation),
  observations: Schema.Array(Observation),
  targetValue: Target.fields.targetValue,
  targetYear: Target.fields.targetYear,
  method: Target.fields.method,
  initiativeNos: Schema.optionalKey(
    TargetInitiativeNos.annotate({ description: "the initiatives that serve the target; absent: unchanged" })
  )
}).annotate({ identifier: "TargetUpdate", title: "Target update" })
export type TargetUpdate = typeof TargetUpdate.Type
