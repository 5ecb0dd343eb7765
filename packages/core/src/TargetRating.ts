import { Schema } from "effect"
import type { Bilingual } from "./Bilingual.ts"
import type { Observation, Target } from "./Target.ts"

/** The grades of 健康日本21's final evaluation. B* improves, but slower than the line to the target. */
export const TargetGrade = Schema.Literal("A", "B", "B*", "C", "D", "E").annotations({
  identifier: "TargetGrade",
  title: "Target grade"
})
export type TargetGrade = typeof TargetGrade.Type

export const targetGradeLabel: Record<TargetGrade, Bilingual> = {
  A: { ja: "目標値に達した", en: "Target reached" },
  B: { ja: "現時点で目標値に達していないが、改善傾向にある", en: "Improving" },
  "B*": { ja: "改善傾向にあるが、目標年度までに目標到達が危ぶまれる", en: "Improving, but behind the path to the target" },
  C: { ja: "変わらない", en: "No change" },
  D: { ja: "悪化している", en: "Worsening" },
  E: { ja: "評価困難", en: "Cannot be evaluated" }
}

/** How the change was judged: a test where the counts allow one, else the relative-change rule. */
export type TargetMethod = "poisson" | "twoProportion" | "relativeChange" | "none"

export const targetMethodLabel: Record<TargetMethod, Bilingual> = {
  poisson: { ja: "ポアソン分布による検定（率比の95%信頼区間）", en: "Poisson test (95% interval of the rate ratio)" },
  twoProportion: { ja: "2つの割合の差の検定（95%）", en: "Two-proportion z-test (95%)" },
  relativeChange: { ja: "相対変化率による判定", en: "Relative change against the threshold" },
  none: { ja: "判定できるデータがありません", en: "Not enough data" }
}

/** Open SDG's anticipated progress: observed growth against the growth the target requires. */
export type ProgressCategory = "targetAchieved" | "onTrack" | "moderate" | "limited" | "deterioration"

export const progressLabel: Record<ProgressCategory, Bilingual> = {
  targetAchieved: { ja: "目標達成", en: "Target achieved" },
  onTrack: { ja: "順調", en: "On track" },
  moderate: { ja: "一定の進捗", en: "Moderate progress" },
  limited: { ja: "進捗が限定的", en: "Limited progress" },
  deterioration: { ja: "悪化", en: "Deterioration" }
}

export interface AnticipatedProgress {
  readonly category: ProgressCategory
  /** observed CAGR / required CAGR; null when the target is already achieved */
  readonly ratio: number | null
  readonly observedCagr: number
  readonly requiredCagr: number
}

export interface TargetEvaluation {
  readonly grade: TargetGrade
  readonly method: TargetMethod
  readonly baseline: Observation | null
  readonly latest: Observation | null
  /** (latest − baseline) / baseline */
  readonly relativeChange: number | null
  readonly significant: boolean | null
  /** Poisson 95 % intervals of the baseline and latest rates, in the target's unit. */
  readonly intervals: { readonly baseline: Interval; readonly latest: Interval } | null
  readonly ratio: { readonly estimate: number; readonly interval: Interval } | null
  readonly progress: AnticipatedProgress | null
}

export type Interval = readonly [number, number]

export interface TargetRatingOptions {
  /** |relative change| above this counts as a change when no test is possible. */
  readonly relativeChangeThreshold: number
}

export const defaultTargetRatingOptions: TargetRatingOptions = { relativeChangeThreshold: 0.05 }

const Z95 = 1.959963984540054

/**
 * 95 % interval of a Poisson count, by Byar's approximation (within 1 % of the exact interval from
 * a handful of events up; exact at 0 for the lower bound).
 */
export const poissonInterval = (count: number, z: number = Z95): Interval => {
  const lower = count === 0 ? 0 : count * Math.pow(1 - 1 / (9 * count) - z / (3 * Math.sqrt(count)), 3)
  const upper = (count + 1) * Math.pow(1 - 1 / (9 * (count + 1)) + z / (3 * Math.sqrt(count + 1)), 3)
  return [Math.max(0, lower), upper]
}

const hasCounts = (o: Observation): o is Observation & { numerator: number; denominator: number } =>
  o.numerator !== undefined && o.denominator !== undefined

/** Whether `value` is on the good side of `reference` for this direction (ties are not better). */
const better = (target: Target, value: number, reference: number): boolean =>
  target.direction === "increase" ? value > reference : value < reference

const reached = (target: Target, value: number): boolean =>
  target.direction === "increase" ? value >= target.targetValue : value <= target.targetValue

/** The observation the evaluation starts from and the latest one after it. */
export const baselineAndLatest = (target: Target): { baseline: Observation | null; latest: Observation | null } => {
  const baseline = target.baseline
  if (baseline === null) return { baseline: null, latest: null }
  const after = target.observations.filter((o) => o.year > baseline.year)
  const latest = after.reduce<Observation | null>((acc, o) => (acc === null || o.year > acc.year ? o : acc), null)
  return { baseline, latest }
}

interface ChangeTest {
  readonly method: TargetMethod
  readonly significant: boolean
  readonly intervals: TargetEvaluation["intervals"]
  readonly ratio: TargetEvaluation["ratio"]
}

const poissonTest = (target: Target, base: Observation & { numerator: number; denominator: number }, last: Observation & { numerator: number; denominator: number }): ChangeTest => {
  const per = target.per ?? 1
  // A zero count gets the usual half-event correction so that the log ratio stays finite.
  const x0 = Math.max(base.numerator, 0.5)
  const x1 = Math.max(last.numerator, 0.5)
  const estimate = x1 / last.denominator / (x0 / base.denominator)
  const se = Math.sqrt(1 / x0 + 1 / x1)
  const interval: Interval = [estimate * Math.exp(-Z95 * se), estimate * Math.exp(Z95 * se)]
  const scale = (o: typeof base, [lo, hi]: Interval): Interval => [(lo / o.denominator) * per, (hi / o.denominator) * per]
  return {
    method: "poisson",
    significant: interval[0] > 1 || interval[1] < 1,
    intervals: { baseline: scale(base, poissonInterval(base.numerator)), latest: scale(last, poissonInterval(last.numerator)) },
    ratio: { estimate, interval }
  }
}

const twoProportionTest = (base: Observation & { numerator: number; denominator: number }, last: Observation & { numerator: number; denominator: number }): ChangeTest => {
  const p0 = base.numerator / base.denominator
  const p1 = last.numerator / last.denominator
  const pooled = (base.numerator + last.numerator) / (base.denominator + last.denominator)
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / base.denominator + 1 / last.denominator))
  const significant = se === 0 ? p0 !== p1 : Math.abs(p1 - p0) / se > Z95
  return { method: "twoProportion", significant, intervals: null, ratio: null }
}

/** Open SDG: ratio of observed to required compound annual growth. */
export const anticipatedProgress = (target: Target, baseline: Observation, latest: Observation): AnticipatedProgress | null => {
  if (target.targetYear === null || target.targetYear <= baseline.year || latest.year <= baseline.year) return null
  if (baseline.value <= 0 || latest.value < 0 || target.targetValue <= 0) return null
  const observedCagr = Math.pow(latest.value / baseline.value, 1 / (latest.year - baseline.year)) - 1
  const requiredCagr = Math.pow(target.targetValue / baseline.value, 1 / (target.targetYear - baseline.year)) - 1
  if (reached(target, latest.value)) return { category: "targetAchieved", ratio: null, observedCagr, requiredCagr }
  if (requiredCagr === 0) return null
  const ratio = observedCagr / requiredCagr
  const category: ProgressCategory = ratio >= 0.95 ? "onTrack" : ratio >= 0.6 ? "moderate" : ratio >= 0 ? "limited" : "deterioration"
  return { category, ratio, observedCagr, requiredCagr }
}

/**
 * Rates a target as 健康日本21's final evaluation does: A reached; B improving (B* when the latest
 * value lies behind the straight line from baseline to target); C no change; D worse; E when there
 * is nothing to compare. A change counts when a test finds it significant at 95 % — Poisson for
 * rates from counts (a city of 170,000 has ~25 suicides a year: ±40 % is noise), two proportions
 * for survey shares — and, where no counts exist, when it exceeds the relative threshold.
 */
export const evaluateTarget = (target: Target, options: TargetRatingOptions = defaultTargetRatingOptions): TargetEvaluation => {
  const { baseline, latest } = baselineAndLatest(target)
  if (baseline === null || latest === null) {
    return { grade: "E", method: "none", baseline, latest, relativeChange: null, significant: null, intervals: null, ratio: null, progress: null }
  }
  const relativeChange = baseline.value === 0 ? null : (latest.value - baseline.value) / baseline.value
  const progress = anticipatedProgress(target, baseline, latest)
  const test: ChangeTest =
    hasCounts(baseline) && hasCounts(latest) && target.kind === "rate"
      ? poissonTest(target, baseline, latest)
      : hasCounts(baseline) && hasCounts(latest) && target.kind === "proportion"
        ? twoProportionTest(baseline, latest)
        : {
            method: "relativeChange",
            significant: relativeChange === null ? latest.value !== baseline.value : Math.abs(relativeChange) > options.relativeChangeThreshold,
            intervals: null,
            ratio: null
          }
  const base = { method: test.method, baseline, latest, relativeChange, significant: test.significant, intervals: test.intervals, ratio: test.ratio, progress }
  if (reached(target, latest.value)) return { grade: "A", ...base }
  if (!test.significant) return { grade: "C", ...base }
  if (!better(target, latest.value, baseline.value)) return { grade: "D", ...base }
  return { grade: behindPath(target, baseline, latest) ? "B*" : "B", ...base }
}

/** Whether the latest value lies behind the straight line from the baseline to the target. */
const behindPath = (target: Target, baseline: Observation, latest: Observation): boolean => {
  if (target.targetYear === null || target.targetYear <= baseline.year) return false
  const share = Math.min(1, (latest.year - baseline.year) / (target.targetYear - baseline.year))
  const expected = baseline.value + (target.targetValue - baseline.value) * share
  return better(target, expected, latest.value)
}
