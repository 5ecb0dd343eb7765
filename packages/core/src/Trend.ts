import type { Comparator, Measure } from "./Measure.ts"
import { measureKeyOf } from "./Measure.ts"
import type { AreaNo, BasicPolicyNo, ObjectiveNo } from "./Plan.ts"
import { areaKey, objectiveKey } from "./Plan.ts"
import { emptyRatingCounts, type RatingCounts } from "./Rating.ts"
import type { YearSummary } from "./Rollup.ts"
import type { Observation, Target } from "./Target.ts"

/** One year of a roll-up: the mix of ratings and the share on track ((Ａ+Ｂ) / rated), as summarizeYear counts them. */
export interface RatingPoint {
  readonly fiscalYear: number
  readonly ratings: RatingCounts
  readonly onTrackShare: number | null
}

type Roll = Pick<YearSummary, "ratings" | "onTrackShare" | "byPolicy" | "byArea" | "byObjective">

export interface RatingTrends {
  /** the years on the axis, ascending: every series has one point per year */
  readonly years: ReadonlyArray<number>
  readonly plan: ReadonlyArray<RatingPoint>
  readonly byPolicy: ReadonlyArray<{ readonly policyNo: BasicPolicyNo; readonly points: ReadonlyArray<RatingPoint> }>
  readonly byArea: ReadonlyArray<{
    readonly policyNo: BasicPolicyNo
    readonly areaNo: AreaNo
    readonly points: ReadonlyArray<RatingPoint>
  }>
  readonly byObjective: ReadonlyArray<{
    readonly policyNo: BasicPolicyNo
    readonly areaNo: AreaNo
    readonly objectiveNo: ObjectiveNo
    readonly points: ReadonlyArray<RatingPoint>
  }>
}

const compareNumbers = (x: ReadonlyArray<number>, y: ReadonlyArray<number>): number => {
  const differs = x.findIndex((n, i) => n !== y[i])
  return differs < 0 ? 0 : x[differs]! - y[differs]!
}

/**
 * Lines the groups of each year's roll-up up by their key. A group absent in a year (a policy with
 * no initiative counted then) gets an empty point, so that every series shares the years' axis and
 * a chart or table never shifts a year into its neighbour's column.
 */
const seriesOf = <K extends object>(
  years: ReadonlyArray<{
    readonly fiscalYear: number
    readonly rows: ReadonlyArray<K & Omit<RatingPoint, "fiscalYear">>
  }>,
  keyOf: (row: K) => string,
  numbersOf: (row: K) => ReadonlyArray<number>,
  pick: (row: K) => K
): Array<K & { readonly points: ReadonlyArray<RatingPoint> }> => {
  const groups = new Map<string, { readonly numbers: K; readonly byYear: Map<number, RatingPoint> }>()
  for (const { fiscalYear, rows } of years)
    for (const row of rows) {
      const key = keyOf(row)
      let group = groups.get(key)
      if (group === undefined) groups.set(key, (group = { numbers: pick(row), byYear: new Map() }))
      group.byYear.set(fiscalYear, { fiscalYear, ratings: row.ratings, onTrackShare: row.onTrackShare })
    }
  return [...groups.values()]
    .sort((a, b) => compareNumbers(numbersOf(a.numbers), numbersOf(b.numbers)))
    .map(({ numbers, byYear }) => ({
      ...numbers,
      points: years.map(
        ({ fiscalYear }) => byYear.get(fiscalYear) ?? { fiscalYear, ratings: emptyRatingCounts, onTrackShare: null }
      )
    }))
}

/**
 * The ratings across years for the plan and each basic policy, area and objective, from each
 * year's summary (summarizeYear): the share on track is the summary's own, never counted again.
 */
export const ratingTrends = (
  years: ReadonlyArray<{ readonly fiscalYear: number; readonly summary: Roll }>
): RatingTrends => {
  const sorted = [...years].sort((a, b) => a.fiscalYear - b.fiscalYear)
  return {
    years: sorted.map((year) => year.fiscalYear),
    plan: sorted.map(({ fiscalYear, summary }) => ({
      fiscalYear,
      ratings: summary.ratings,
      onTrackShare: summary.onTrackShare
    })),
    byPolicy: seriesOf<{ policyNo: BasicPolicyNo }>(
      sorted.map(({ fiscalYear, summary }) => ({ fiscalYear, rows: summary.byPolicy })),
      (row) => String(row.policyNo),
      (row) => [row.policyNo],
      ({ policyNo }) => ({ policyNo })
    ),
    byArea: seriesOf<{ policyNo: BasicPolicyNo; areaNo: AreaNo }>(
      sorted.map(({ fiscalYear, summary }) => ({ fiscalYear, rows: summary.byArea })),
      areaKey,
      (row) => [row.policyNo, row.areaNo],
      ({ policyNo, areaNo }) => ({ policyNo, areaNo })
    ),
    byObjective: seriesOf<{ policyNo: BasicPolicyNo; areaNo: AreaNo; objectiveNo: ObjectiveNo }>(
      sorted.map(({ fiscalYear, summary }) => ({ fiscalYear, rows: summary.byObjective })),
      objectiveKey,
      (row) => [row.policyNo, row.areaNo, row.objectiveNo],
      ({ policyNo, areaNo, objectiveNo }) => ({ policyNo, areaNo, objectiveNo })
    )
  }
}

/** One year of a measure: its actual against what was planned for that year, as the review recorded them. */
export interface MeasurePoint {
  readonly fiscalYear: number
  readonly actual: number | null
  readonly planned: number | null
  readonly comparator: Comparator
}

export interface MeasureTrend {
  /** measureKeyOf: what makes it the same measure in two years */
  readonly key: string
  /** its label and unit as the latest year names it */
  readonly label: string
  readonly unit: string
  /** one point per year of the axis; null figures where the year has no such measure */
  readonly points: ReadonlyArray<MeasurePoint>
}

/**
 * An initiative's measures across years, lined up by their key (measureKeyOf), not by their label:
 * a measure renamed in a later year stays one line. Measures are ordered as they first appear.
 */
export const measureTrends = (
  reviews: ReadonlyArray<{ readonly fiscalYear: number; readonly measures: ReadonlyArray<Measure> }>
): { readonly years: ReadonlyArray<number>; readonly measures: ReadonlyArray<MeasureTrend> } => {
  const sorted = [...reviews].sort((a, b) => a.fiscalYear - b.fiscalYear)
  const years = sorted.map((review) => review.fiscalYear)
  const lines = new Map<string, { latest: Measure; byYear: Map<number, Measure> }>()
  for (const review of sorted)
    for (const measure of review.measures) {
      const key = measureKeyOf(measure)
      const line = lines.get(key)
      if (line === undefined) lines.set(key, { latest: measure, byYear: new Map([[review.fiscalYear, measure]]) })
      // A second figure with the same key in one year (two agencies' sections) keeps the first.
      else if (!line.byYear.has(review.fiscalYear)) {
        line.byYear.set(review.fiscalYear, measure)
        line.latest = measure
      }
    }
  return {
    years,
    measures: [...lines].map(([key, { latest, byYear }]) => ({
      key,
      label: latest.label,
      unit: latest.unit,
      points: years.map((fiscalYear) => {
        const measure = byYear.get(fiscalYear)
        return {
          fiscalYear,
          actual: measure?.actual ?? null,
          planned: measure?.planned ?? null,
          comparator: measure?.comparator ?? latest.comparator
        }
      })
    }))
  }
}

export interface TargetTrend {
  /** every year from the earliest observation (or baseline) to the latest or the target year, ascending */
  readonly years: ReadonlyArray<number>
  readonly baseline: Observation | null
  /** the observations after the baseline's, by year */
  readonly observations: ReadonlyArray<Pick<Observation, "year" | "value">>
  /** the straight line from the baseline to the target value at the target year, one value per year on it */
  readonly path: ReadonlyArray<{ readonly year: number; readonly value: number }>
  readonly targetValue: number
  readonly targetYear: number | null
}

/**
 * A target's course: its observations beside the straight line the plan drew from the baseline to
 * the target value in the target year. No line without a baseline or a target year after it.
 */
export const targetTrend = (target: Pick<Target, "baseline" | "observations" | "targetValue" | "targetYear">) => {
  const { baseline, targetValue, targetYear } = target
  const observations = [...target.observations]
    .filter((observation) => baseline === null || observation.year !== baseline.year)
    .sort((a, b) => a.year - b.year)
    .map(({ year, value }) => ({ year, value }))
  const path: Array<{ year: number; value: number }> = []
  if (baseline !== null && targetYear !== null && targetYear > baseline.year) {
    const span = targetYear - baseline.year
    for (let year = baseline.year; year <= targetYear; year++)
      path.push({ year, value: baseline.value + ((targetValue - baseline.value) * (year - baseline.year)) / span })
  }
  const known = [
    ...(baseline === null ? [] : [baseline.year]),
    ...observations.map((o) => o.year),
    ...(targetYear === null ? [] : [targetYear])
  ]
  const years: Array<number> = []
  if (known.length > 0) for (let year = Math.min(...known); year <= Math.max(...known); year++) years.push(year)
  const trend: TargetTrend = { years, baseline, observations, path, targetValue, targetYear }
  return trend
}
