import { Schema } from "effect"
import { LabelJa, MessageBilingual } from "./Bilingual.ts"
import { InitiativeNo } from "./Initiative.ts"
import { Since, Until } from "./Lifespan.ts"
import { AreaNo, BasicPolicyNo, ObjectiveNo } from "./Plan.ts"
import { slugId } from "./Slug.ts"

export const TargetId = slugId("TargetId", { ja: "目標ID", en: "target id" }).annotate({
  identifier: "TargetId",
  title: "Target id",
  examples: ["suicide-rate" as never],
  [LabelJa]: "目標ID"
})
export type TargetId = typeof TargetId.Type

/** Which way is better. Always explicit: a target never guesses its direction from its numbers. */
export const Direction = Schema.Literals(["increase", "decrease"]).annotate({
  identifier: "Direction",
  title: "Direction",
  description: "increase: higher is better; decrease: lower is better",
  [LabelJa]: "方向"
})
export type Direction = typeof Direction.Type

/** What kind of figure the indicator is; it decides which statistical test applies. */
export const IndicatorKind = Schema.Literals(["rate", "proportion", "other"]).annotate({
  identifier: "IndicatorKind",
  title: "Indicator kind",
  description:
    "rate: events per population (Poisson counts, e.g. suicide deaths per 100,000); proportion: a share of respondents or units (binomial); other: neither",
  [LabelJa]: "指標の種類"
})
export type IndicatorKind = typeof IndicatorKind.Type

/**
 * How a change from the baseline is judged. `test`: a statistical test where counts allow one
 * (exact Poisson for rates, two proportions for shares), else the relative rule. `relativeChange`:
 * 健康日本21（第二次）最終評価's rule for 全数調査 (vital statistics such as suicide deaths) — no
 * test; a relative change of 5 % or more is a change. Absent means `test`.
 */
export const TargetRatingMethod = Schema.Literals(["test", "relativeChange"]).annotate({
  identifier: "TargetRatingMethod",
  title: "Rating method",
  description:
    "test: a statistical test where counts allow one, else the 5 % rule; relativeChange: the final evaluation's rule for complete counts (no test, a relative change of 5 % or more)",
  [LabelJa]: "判定方法"
})
export type TargetRatingMethod = typeof TargetRatingMethod.Type

/** The year an observation belongs to (a calendar or fiscal year, as the indicator's source counts). */
export const ObservationYear = Schema.Int.check(
  Schema.isBetween(
    { minimum: 1950, maximum: 2100 },
    { [MessageBilingual]: { ja: "年は1950〜2100の整数です", en: "year must be a whole number from 1950 to 2100" } }
  )
).annotate({ title: "Year", [LabelJa]: "年" })

const NonNegative = Schema.Number.check(
  Schema.isFinite(),
  Schema.isGreaterThanOrEqualTo(0, {
    [MessageBilingual]: { ja: "0以上の数値で入力してください", en: "must be a number, 0 or more" }
  })
)

/** An observation's value, and its raw counts where they exist: reused by the public views and the open data. */
export const ObservationValue = NonNegative.annotate({ title: "Value", [LabelJa]: "値" })
export const ObservationNumerator = NonNegative.annotate({
  title: "Numerator",
  description: "e.g. deaths, respondents who answered yes",
  [LabelJa]: "分子"
})
export const ObservationDenominator = Schema.Number.check(Schema.isGreaterThan(0)).annotate({
  title: "Denominator",
  description: "e.g. population, respondents",
  [LabelJa]: "分母"
})
export const ObservationSource = Schema.String.annotate({ title: "Source", [LabelJa]: "出典" })

/** One measured value of a target's indicator, with its raw counts where they exist. */
export const Observation = Schema.Struct({
  year: ObservationYear,
  value: ObservationValue,
  numerator: Schema.optional(ObservationNumerator),
  denominator: Schema.optional(ObservationDenominator),
  source: Schema.optional(ObservationSource)
}).annotate({ identifier: "Observation", title: "Observation", [LabelJa]: "実績値" })
export type Observation = typeof Observation.Type

/**
 * The initiatives (Ｎｏ.) that serve the target: the link the city draws between what it does and
 * what it measures. Kept on the target (ADR 0010): one target has a handful, read and written with
 * it, versioned and audited as part of it. Absent (a target stored before links): none.
 */
export const TargetInitiativeNos = Schema.Array(InitiativeNo).annotate({
  title: "Initiatives",
  description: "the Nos. of the initiatives that serve this target, ascending",
  [LabelJa]: "関連する政策・事業"
})

/** 目標値: an indicator of the plan with its direction, baseline and target. */
export const Target = Schema.Struct({
  id: TargetId,
  policyNo: BasicPolicyNo,
  areaNo: AreaNo,
  objectiveNo: Schema.NullOr(ObjectiveNo).annotate({
    description:
      "the objective (within the area policyNo-areaNo) the target belongs to, or null when it measures the whole area",
    [LabelJa]: "取組方針"
  }),
  indicator: Schema.Trimmed.check(Schema.isNonEmpty()).annotate({
    title: "Indicator",
    [LabelJa]: "指標",
    examples: ["自殺死亡率の減少（人口10万人あたり）"]
  }),
  text: Schema.String.annotate({ title: "Text", description: "the ■ line as printed", [LabelJa]: "記載" }),
  unit: Schema.String.annotate({ title: "Unit", examples: ["人口10万人あたり", "％"], [LabelJa]: "単位" }),
  kind: IndicatorKind,
  direction: Direction,
  population: Schema.NullOr(Schema.String).annotate({
    title: "Population segment",
    examples: ["20代～50代男性"],
    [LabelJa]: "対象"
  }),
  per: Schema.optional(
    Schema.Number.check(Schema.isGreaterThan(0)).annotate({
      description: "the rate's base, e.g. 100000",
      [LabelJa]: "人口あたり"
    })
  ),
  targetValue: NonNegative.annotate({ title: "Target value", [LabelJa]: "目標値" }),
  targetYear: Schema.NullOr(ObservationYear).annotate({ title: "Target year", [LabelJa]: "目標年" }),
  baseline: Schema.NullOr(Observation).annotate({ title: "Baseline", [LabelJa]: "基準値" }),
  observations: Schema.Array(Observation).annotate({ title: "Observations", [LabelJa]: "実績値" }),
  method: Schema.optional(TargetRatingMethod),
  initiativeNos: Schema.optional(TargetInitiativeNos),
  since: Since,
  until: Until,
  version: Schema.optional(Schema.Int)
}).annotate({ identifier: "Target", title: "Target", [LabelJa]: "目標" })
export type Target = typeof Target.Type
