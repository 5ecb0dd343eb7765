import { Schema } from "effect"
import type { Bilingual } from "./Bilingual.ts"
import { ALPHA, poissonRatioPValue } from "./ExactTest.ts"
import type { Observation, Target, TargetRatingMethod } from "./Target.ts"

/** The grades of 健康日本21's final evaluation. B* improves, but slower than the line to the target. */
export const TargetGrade = Schema.Literals(["A", "B", "B*", "C", "D", "E"]).annotate({
  identifier: "TargetGrade",
  title: "Target grade"
})
export type TargetGrade = typeof TargetGrade.Type

export const targetGradeLabel: Record<TargetGrade, Bilingual> = {
  A: { ja: "目標値に達した", en: "Target reached" },
  B: { ja: "現時点で目標値に達していないが、改善傾向にある", en: "Improving" },
  "B*": {
    ja: "改善傾向にあるが、目標年度までに目標到達が危ぶまれる",
    en: "Improving, but behind the path to the target"
  },
  C: { ja: "変わらない", en: "No change" },
  D: { ja: "悪化している", en: "Worsening" },
  E: { ja: "評価困難", en: "Cannot be evaluated" }
}

/** Which rule judged the change from the baseline: the label shown beside every grade. */
export type TargetMethod = "poissonExact" | "twoProportion" | "relativeChange" | "none"

export const targetMethodLabel: Record<TargetMethod, Bilingual> = {
  poissonExact: {
    ja: "正確検定（2つのポアソン計数の条件付き二項検定、両側5%）",
    en: "Exact test (conditional binomial test of two Poisson counts, two-sided 5 %)"
  },
  twoProportion: { ja: "2つの割合の差の検定（両側5%）", en: "Two-proportion z-test (two-sided 5 %)" },
  relativeChange: {
    ja: "相対変化率（±5%以上を変化とみなす、検定なし）",
    en: "Relative change (±5 % or more is a change, no test)"
  },
  none: { ja: "判定できるデータがありません", en: "Not enough data" }
}

/** The method a target asks for (its `method` option), as the admin UI offers it. */
export const targetRatingMethodLabel: Record<TargetRatingMethod, Bilingual> = {
  test: { ja: "検定（計数があるとき。ないときは5%ルール）", en: "Test (where counts exist; otherwise the 5 % rule)" },
  relativeChange: {
    ja: "5%ルール（最終評価の全数調査の方法）",
    en: "5 % rule (the final evaluation's rule for complete counts)"
  }
}

/**
 * Where an improving value stands against the straight line from the baseline to the target: what
 * tells Ｂ from Ｂ*. `noTargetYear`: there is no line, so Ｂ* cannot be judged and the grade stays Ｂ.
 */
export type TargetPace = "onPath" | "behindPath" | "targetYearPassed" | "noTargetYear"

export const targetPaceLabel: Record<TargetPace, Bilingual> = {
  onPath: { ja: "目標への直線上またはそれより先", en: "On or ahead of the line to the target" },
  behindPath: { ja: "目標への直線より遅れている", en: "Behind the line to the target" },
  targetYearPassed: { ja: "目標年を過ぎて未達成", en: "Target year passed without reaching the target" },
  noTargetYear: {
    ja: "目標年がないためＢ*かどうか判定できません",
    en: "No target year: whether it is B* cannot be judged"
  }
}

/**
 * Open SDG's anticipated progress: observed growth against the growth the target requires. Its own
 * words — 「順調」 is the self-rating label of Ａ and is not used here.
 */
export type ProgressCategory = "targetAchieved" | "onTrack" | "moderate" | "limited" | "deterioration"

export const progressLabel: Record<ProgressCategory, Bilingual> = {
  targetAchieved: { ja: "目標達成", en: "Target achieved" },
  onTrack: { ja: "目標年までに達成する見込み", en: "Substantial progress, on pace for the target" },
  moderate: { ja: "進んでいるが加速が必要", en: "Moderate progress, acceleration needed" },
  limited: { ja: "ほとんど進んでいない", en: "Limited or no progress" },
  deterioration: { ja: "目標から遠ざかっている", en: "Moving away from the target" }
}

export interface AnticipatedProgress {
  readonly category: ProgressCategory
  /**
   * direction × observed CAGR / |required CAGR| (sdg-build's progress measure); null when the
   * target is already achieved, or when the baseline sat on the target (no growth was required).
   */
  readonly ratio: number | null
  readonly observedCagr: number | null
  readonly requiredCagr: number | null
}

export interface TargetEvaluation {
  readonly grade: TargetGrade
  /** The rule that judged the change (for Ａ: the one that would have; Ａ itself needs no test). */
  readonly method: TargetMethod
  readonly baseline: Observation | null
  readonly latest: Observation | null
  /** (latest − baseline) / baseline */
  readonly relativeChange: number | null
  readonly significant: boolean | null
  /** Two-sided p-value of the test; null under the relative rule. */
  readonly pValue: number | null
  /** Poisson 95 % intervals of the baseline and latest rates, in the target's unit. */
  readonly intervals: { readonly baseline: Interval; readonly latest: Interval } | null
  /** latest rate / baseline rate, from the counts. */
  readonly rateRatio: number | null
  /** Ｂ against Ｂ*: set for an improving target that has not reached its value. */
  readonly pace: TargetPace | null
  readonly progress: AnticipatedProgress | null
}

export type Interval = readonly [number, number]

export interface TargetRatingOptions {
  /** |relative change| of this much or more counts as a change (「5%以上」) when no test is used. */
  readonly relativeChangeThreshold: number
}

export const defaultTargetRatingOptions: TargetRatingOptions = { relativeChangeThreshold: 0.05 }

/**
 * 「5%以上」 with floating point in mind: (1.05 − 1.00) / 1.00 is 0.050000000000000044, but
 * (0.105 − 0.1) / 0.1 is 0.049999999999999906 and (1.425 − 1.5) / 1.5 is −0.04999999999999997.
 * A relative slack of 1e-9 is far below any figure a plan prints and far above rounding error.
 */
export const isRelativeChange = (relativeChange: number, threshold: number): boolean =>
  Math.abs(relativeChange) >= threshold * (1 - 1e-9)

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

type Counted = Observation & { numerator: number; denominator: number }

const hasCounts = (o: Observation): o is Counted => o.numerator !== undefined && o.denominator !== undefined

/** The exact test needs whole events; an age-adjusted "count" is not one. */
const hasWholeCounts = (o: Observation): o is Counted => hasCounts(o) && Number.isInteger(o.numerator)

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
  readonly pValue: number | null
  readonly intervals: TargetEvaluation["intervals"]
  readonly rateRatio: number | null
}

const poissonTest = (target: Target, base: Counted, last: Counted): ChangeTest => {
  const per = target.per ?? 1
  const pValue = poissonRatioPValue(base.numerator, base.denominator, last.numerator, last.denominator)
  const scale = (o: Counted, [lo, hi]: Interval): Interval => [(lo / o.denominator) * per, (hi / o.denominator) * per]
  return {
    method: "poissonExact",
    significant: pValue < ALPHA,
    pValue,
    intervals: {
      baseline: scale(base, poissonInterval(base.numerator)),
      latest: scale(last, poissonInterval(last.numerator))
    },
    rateRatio: base.numerator === 0 ? null : last.numerator / last.denominator / (base.numerator / base.denominator)
  }
}

/** Normal upper tail, by the Abramowitz–Stegun 7.1.26 erfc approximation (|error| < 1.5e-7). */
const normalUpperTail = (z: number): number => {
  const x = Math.abs(z) / Math.SQRT2
  const t = 1 / (1 + 0.3275911 * x)
  const erfc =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-x * x)
  return erfc / 2
}

const twoProportionTest = (base: Counted, last: Counted): ChangeTest => {
  const p0 = base.numerator / base.denominator
  const p1 = last.numerator / last.denominator
  const pooled = (base.numerator + last.numerator) / (base.denominator + last.denominator)
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / base.denominator + 1 / last.denominator))
  const pValue = se === 0 ? (p0 === p1 ? 1 : 0) : Math.min(1, 2 * normalUpperTail((p1 - p0) / se))
  return { method: "twoProportion", significant: pValue < ALPHA, pValue, intervals: null, rateRatio: null }
}

const relativeRule = (
  baseline: Observation,
  latest: Observation,
  relativeChange: number | null,
  options: TargetRatingOptions
): ChangeTest => ({
  method: "relativeChange",
  // From 0 any change is infinite; from 0 to 0 none.
  significant:
    relativeChange === null
      ? latest.value !== baseline.value
      : isRelativeChange(relativeChange, options.relativeChangeThreshold),
  pValue: null,
  intervals: null,
  rateRatio: null
})

/** The test the target's method and data allow. */
const changeTest = (
  target: Target,
  baseline: Observation,
  latest: Observation,
  relativeChange: number | null,
  options: TargetRatingOptions
): ChangeTest => {
  const method: TargetRatingMethod = target.method ?? "test"
  if (method === "test") {
    if (target.kind === "rate" && hasWholeCounts(baseline) && hasWholeCounts(latest))
      return poissonTest(target, baseline, latest)
    if (target.kind === "proportion" && hasCounts(baseline) && hasCounts(latest))
      return twoProportionTest(baseline, latest)
  }
  return relativeRule(baseline, latest, relativeChange, options)
}

/** Compound annual growth from `from` to `to` over `years`. */
const cagr = (from: number, to: number, years: number): number => Math.pow(to / from, 1 / years) - 1

/**
 * Open SDG's anticipated progress (sdg-build's progress measure): the observed compound annual
 * growth against the growth the target requires, signed by the direction so that moving away from
 * the target is always negative — also when the baseline was already past the target.
 */
export const anticipatedProgress = (
  target: Target,
  baseline: Observation,
  latest: Observation
): AnticipatedProgress | null => {
  const years = latest.year - baseline.year
  const canGrow = baseline.value > 0 && years > 0
  const observedCagr = canGrow ? cagr(baseline.value, latest.value, years) : null
  const requiredYears = target.targetYear === null ? 0 : target.targetYear - baseline.year
  const requiredCagr = canGrow && requiredYears > 0 ? cagr(baseline.value, target.targetValue, requiredYears) : null
  // Reached is reached, whatever the target value (0 deaths included) and whether or not growth can be computed.
  if (reached(target, latest.value)) return { category: "targetAchieved", ratio: null, observedCagr, requiredCagr }
  if (observedCagr === null || requiredCagr === null) return null
  // The baseline sat on the target and the latest value has left it: it moved the wrong way.
  if (requiredCagr === 0) return { category: "deterioration", ratio: null, observedCagr, requiredCagr }
  const sign = target.direction === "increase" ? 1 : -1
  const ratio = (sign * observedCagr) / Math.abs(requiredCagr)
  const category: ProgressCategory =
    ratio >= 0.95 ? "onTrack" : ratio >= 0.6 ? "moderate" : ratio >= 0 ? "limited" : "deterioration"
  return { category, ratio, observedCagr, requiredCagr }
}

/**
 * Rates a target as 健康日本21（第二次）'s final evaluation does: Ａ reached (no test needed); Ｂ
 * improving (Ｂ* when the latest value lies behind the straight line from baseline to target, or
 * the target year passed); Ｃ no change; Ｄ worse; Ｅ when there is nothing to compare. Whether a
 * change counts follows the target's `method`: `test` — an exact Poisson test for rates from whole
 * counts (a city of 170,000 has ~25 suicides a year: ±40 % is noise), two proportions for survey
 * shares, the 5 % rule where no counts exist; `relativeChange` — the report's own rule for 全数調査,
 * a relative change of 5 % or more, no test.
 */
export const evaluateTarget = (
  target: Target,
  options: TargetRatingOptions = defaultTargetRatingOptions
): TargetEvaluation => {
  const { baseline, latest } = baselineAndLatest(target)
  if (baseline === null || latest === null) {
    return {
      grade: "E",
      method: "none",
      baseline,
      latest,
      relativeChange: null,
      significant: null,
      pValue: null,
      intervals: null,
      rateRatio: null,
      pace: null,
      progress: null
    }
  }
  const relativeChange = baseline.value === 0 ? null : (latest.value - baseline.value) / baseline.value
  const progress = anticipatedProgress(target, baseline, latest)
  const test = changeTest(target, baseline, latest, relativeChange, options)
  const base = {
    method: test.method,
    baseline,
    latest,
    relativeChange,
    significant: test.significant,
    pValue: test.pValue,
    intervals: test.intervals,
    rateRatio: test.rateRatio,
    progress
  }
  if (reached(target, latest.value)) return { grade: "A", pace: null, ...base }
  if (!test.significant) return { grade: "C", pace: null, ...base }
  if (!better(target, latest.value, baseline.value)) return { grade: "D", pace: null, ...base }
  const pace = paceOf(target, baseline, latest)
  return { grade: pace === "behindPath" || pace === "targetYearPassed" ? "B*" : "B", pace, ...base }
}

/** Where the latest value lies against the straight line from the baseline to the target. */
const paceOf = (target: Target, baseline: Observation, latest: Observation): TargetPace => {
  if (target.targetYear === null || target.targetYear <= baseline.year) return "noTargetYear"
  if (latest.year > target.targetYear) return "targetYearPassed"
  const share = (latest.year - baseline.year) / (target.targetYear - baseline.year)
  const expected = baseline.value + (target.targetValue - baseline.value) * share
  return better(target, expected, latest.value) ? "behindPath" : "onPath"
}
