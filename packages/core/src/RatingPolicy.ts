import { Schema } from "effect"
import { LabelJa, MessageBilingual } from "./Bilingual.ts"
import { FiscalYear } from "./FiscalYear.ts"
import { PlanId } from "./Plan.ts"

const Ratio = Schema.Number.check(Schema.isFinite(), Schema.isBetween({ minimum: 0, maximum: 10 }))

/**
 * How a review's figures turn into a suggested rating. Per plan and versioned: the secretariat may
 * change the thresholds, and a report always says which version it used.
 *
 * The aggregate achievement (each measure's ratio, capped so that one overshoot cannot hide a
 * miss) is compared with the thresholds: ≥ a → A, ≥ b → B, ≥ c → C, else D.
 */
export const RatingPolicy = Schema.Struct({
  planId: PlanId,
  version: Schema.Int.check(Schema.isGreaterThan(0)).annotate({ title: "Version", [LabelJa]: "版" }),
  effectiveFrom: FiscalYear.annotate({ title: "Effective from", [LabelJa]: "適用開始年度" }),
  aggregate: Schema.Literals(["mean", "median", "min"]).annotate({
    title: "Aggregate",
    description: "how the measures of one review combine",
    [LabelJa]: "集計方法"
  }),
  cap: Ratio.annotate({ title: "Cap", description: "a measure's ratio counts at most this much", [LabelJa]: "上限" }),
  thresholds: Schema.Struct({
    A: Ratio.annotate({ title: "A from", [LabelJa]: "Ａの下限" }),
    B: Ratio.annotate({ title: "B from", [LabelJa]: "Ｂの下限" }),
    C: Ratio.annotate({ title: "C from", [LabelJa]: "Ｃの下限" })
  }).check(
    Schema.makeFilter((t) => t.A >= t.B && t.B >= t.C, {
      [MessageBilingual]: {
        ja: "しきい値は Ａ ≧ Ｂ ≧ Ｃ の順にしてください",
        en: "thresholds must satisfy A ≥ B ≥ C"
      }
    })
  ),
  note: Schema.String.annotate({ title: "Note", description: "why this version", [LabelJa]: "メモ" })
})
  .check(
    // A cap below the Ａ threshold makes Ａ impossible: every ratio is cut below the line it must reach.
    Schema.makeFilter((policy) => policy.cap >= policy.thresholds.A, {
      [MessageBilingual]: {
        ja: "上限はＡの下限以上にしてください（上限がＡの下限より低いとＡになりません）",
        en: "the cap must be at least the A threshold (below it, no review can be rated A)"
      }
    })
  )
  .annotate({ identifier: "RatingPolicy", title: "Rating policy", [LabelJa]: "評価基準" })
export type RatingPolicy = typeof RatingPolicy.Type

/**
 * The defaults, calibrated against the Tomakomai FY2024 self-ratings (docs/rating-calibration.md,
 * checked by the data package's calibration test): of the candidates tried, these agree most often
 * with what the agencies rated themselves — 23 of the 29 reviews that have figures, all 29 within
 * one grade. The capped mean lets a small overshoot make up for a small miss but not a large one.
 */
export const defaultRatingThresholds = { A: 0.95, B: 0.65, C: 0.5 } as const

export const defaultRatingPolicy = (planId: PlanId, effectiveFrom: FiscalYear): RatingPolicy => ({
  planId,
  version: 1,
  effectiveFrom,
  aggregate: "mean",
  cap: 1.2,
  thresholds: defaultRatingThresholds,
  note: "default: calibrated against the Tomakomai FY2024 self-ratings"
})
