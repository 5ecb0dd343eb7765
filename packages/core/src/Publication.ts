import { Schema } from "effect"
import { LabelJa } from "./Bilingual.ts"
import { answersWith } from "./DomainError.ts"
import { FiscalYear } from "./FiscalYear.ts"
import { Initiative } from "./Initiative.ts"
import { PlanId } from "./Plan.ts"
import { RatingCounts } from "./Rating.ts"
import { ReviewContent } from "./Review.ts"
import {
  type Observation,
  ObservationDenominator,
  ObservationNumerator,
  ObservationSource,
  ObservationValue,
  ObservationYear,
  Target
} from "./Target.ts"

/**
 * Publishing (#21): the secretariat publishes a fiscal year of a plan; from then on its approved
 * reviews are public (the public API, the public pages, the open data). Withdrawing keeps the row
 * (and its version) with `publishedAt: null`.
 */
export const PublishedYear = Schema.Struct({
  planId: PlanId,
  fiscalYear: FiscalYear,
  publishedAt: Schema.NullOr(Schema.String).annotate({
    title: "Published at",
    description: "ISO 8601 date-time; null: withdrawn (not public)"
  }),
  version: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)).annotate({
    title: "Version",
    description: "increases with every publish and withdrawal; the ETag"
  })
}).annotate({ identifier: "PublishedYear", title: "Publication of a fiscal year", [LabelJa]: "公開" })
export type PublishedYear = typeof PublishedYear.Type

/** One year as the admin's 「公開」 page lists it: how many of its reviews are approved, and whether it is public. */
export const PublicationStatus = Schema.Struct({
  fiscalYear: FiscalYear,
  reviews: Schema.Int.annotate({ description: "the year's reviews" }),
  approved: Schema.Int.annotate({ description: "of them approved: what the public sees" }),
  publishedAt: Schema.NullOr(Schema.String).annotate({ description: "ISO 8601; null: not public" }),
  version: Schema.Int.annotate({ description: "the publication's version (its ETag); 0: never published" })
}).annotate({ identifier: "PublicationStatus", title: "Publication of a year" })
export type PublicationStatus = typeof PublicationStatus.Type

/**
 * The year is not public (never published, or withdrawn): to the public it does not exist.
 * `fiscalYear` 0: the plan has no published year at all (its plan-wide views are not public).
 */
export class YearNotPublished extends Schema.TaggedError<YearNotPublished>()(
  "YearNotPublished",
  { planId: Schema.String, fiscalYear: Schema.Number },
  answersWith(404)
) {
  override get message() {
    return this.fiscalYear === 0
      ? `plan ${this.planId} has no published year`
      : `FY${this.fiscalYear} of plan ${this.planId} is not published`
  }
}

/** A year without reviews has nothing to publish. */
export class NothingToPublish extends Schema.TaggedError<NothingToPublish>()(
  "NothingToPublish",
  { fiscalYear: Schema.Number },
  answersWith(422)
) {
  override get message() {
    return `FY${this.fiscalYear} has no reviews to publish`
  }
}

// ——— Small numbers ———

/**
 * An observation built from a count of 1 to `threshold - 1` (its numerator) is suppressed on every
 * public view and file: value, numerator and denominator alike (any two give the third). A zero is
 * shown (it identifies nobody); an observation without counts is shown as it is.
 */
export const isSmallCount = (observation: Pick<Observation, "numerator">, threshold: number): boolean =>
  observation.numerator !== undefined && observation.numerator > 0 && observation.numerator < threshold

/** The rule in words, as the public page and the datapackage state it. */
export const smallCountRule = (threshold: number) => ({
  ja: `小さな数の秘匿: 実績値の元になった件数（分子）が1〜${threshold - 1}のときは、個人が特定されないよう、値・分子・分母を公表しません（「秘匿」と表示します）。0件はそのまま公表します。`,
  en: `Small numbers: where an observation rests on a count (its numerator) of 1 to ${threshold - 1}, its value, numerator and denominator are not published ("suppressed"), so that nobody can be identified. A count of 0 is published.`
})

// ——— The public views ———

const Nullable = <S extends Schema.Top>(schema: S) => Schema.NullOr(schema)

export const PublicObservation = Schema.Struct({
  year: ObservationYear,
  value: Nullable(ObservationValue),
  numerator: Nullable(ObservationNumerator),
  denominator: Nullable(ObservationDenominator),
  suppressed: Schema.Boolean.annotate({
    title: "Suppressed",
    description: "true: built from a small count; value, numerator and denominator are withheld"
  }),
  source: Nullable(ObservationSource)
}).annotate({ identifier: "PublicObservation", title: "Observation (public)" })
export type PublicObservation = typeof PublicObservation.Type

export const PublicTarget = Schema.Struct({
  ...Target.mapFields((fields) => ({
    id: fields.id,
    policyNo: fields.policyNo,
    areaNo: fields.areaNo,
    objectiveNo: fields.objectiveNo,
    indicator: fields.indicator,
    text: fields.text,
    unit: fields.unit,
    direction: fields.direction,
    population: fields.population,
    targetValue: fields.targetValue,
    targetYear: fields.targetYear
  })).fields,
  baseline: Schema.NullOr(PublicObservation),
  observations: Schema.Array(PublicObservation)
}).annotate({ identifier: "PublicTarget", title: "Target (public)" })
export type PublicTarget = typeof PublicTarget.Type

export const PublicTargets = Schema.Struct({
  planId: PlanId,
  smallCountThreshold: Schema.Int.annotate({ description: "counts from 1 to this minus one are suppressed" }),
  targets: Schema.Array(PublicTarget)
}).annotate({ identifier: "PublicTargets", title: "Targets with their observations (public)" })
export type PublicTargets = typeof PublicTargets.Type

export const PublicPlan = Schema.Struct({
  id: PlanId,
  city: Schema.String,
  title: Schema.String,
  vision: Schema.String,
  goal: Schema.String,
  publishedYears: Schema.Array(FiscalYear).annotate({ description: "the published fiscal years, oldest first" }),
  license: Schema.Struct({ name: Schema.String, path: Schema.String, title: Schema.String }).annotate({
    description: "the open data's licence"
  })
}).annotate({ identifier: "PublicPlan", title: "Plan (public)" })
export type PublicPlan = typeof PublicPlan.Type

/** An initiative of a published year; `review` null: its review is not approved (「未公表」). */
export const PublicInitiative = Schema.Struct({
  ...Initiative.mapFields((fields) => ({
    no: fields.no,
    name: fields.name,
    content: fields.content,
    lifeStagesText: fields.lifeStagesText,
    lifeStages: fields.lifeStages
  })).fields,
  agencies: Schema.Array(Schema.String).annotate({ title: "Agencies", description: "names as the city writes them" }),
  review: Schema.NullOr(ReviewContent).annotate({
    description: "columns F–L as the agency wrote them and the secretariat approved; null: not published (未公表)"
  })
}).annotate({ identifier: "PublicInitiative", title: "Initiative of a published year" })
export type PublicInitiative = typeof PublicInitiative.Type

const Titled = { no: Schema.Int, title: Schema.String }
const Tally = { ratings: RatingCounts, onTrackShare: Schema.NullOr(Schema.Number) }

export const PublicObjective = Schema.Struct({
  ...Titled,
  statement: Schema.String,
  ...Tally,
  initiatives: Schema.Array(PublicInitiative)
}).annotate({ identifier: "PublicObjective" })

export const PublicArea = Schema.Struct({ ...Titled, ...Tally, objectives: Schema.Array(PublicObjective) }).annotate({
  identifier: "PublicArea"
})

export const PublicPolicy = Schema.Struct({ ...Titled, ...Tally, areas: Schema.Array(PublicArea) }).annotate({
  identifier: "PublicPolicy"
})

/**
 * A published year: the ratings of its approved reviews (the summary), and per policy, area and
 * objective its initiatives with those reviews.
 */
export const PublicYear = Schema.Struct({
  planId: PlanId,
  fiscalYear: FiscalYear,
  publishedAt: Schema.String,
  initiatives: Schema.Int.annotate({ description: "initiatives of the year" }),
  approved: Schema.Int.annotate({ description: "of them with an approved (published) review" }),
  ...Tally,
  policies: Schema.Array(PublicPolicy)
}).annotate({ identifier: "PublicYear", title: "A published year" })
export type PublicYear = typeof PublicYear.Type
