import { Schema } from "effect"
import { type Achievement, achievementOf } from "./Achievement.ts"
import type { Bilingual } from "./Bilingual.ts"
import { type Measure, hasUnitMismatch, plannedUnitOf } from "./Measure.ts"
import { isBehind, Rating, ratingLetter, ratingRank } from "./Rating.ts"
import type { RatingPolicy } from "./RatingPolicy.ts"
import type { Review } from "./Review.ts"

/** The figures of a review combined into one number and, through the policy, a suggested rating. */
export type Suggestion =
  | { readonly _tag: "Suggested"; readonly rating: Rating; readonly achievement: number; readonly measuresUsed: number }
  | { readonly _tag: "NotComputable" }

const aggregate = (values: ReadonlyArray<number>, how: RatingPolicy["aggregate"]): number => {
  if (how === "min") return Math.min(...values)
  if (how === "median") {
    const sorted = [...values].sort((a, b) => a - b)
    const mid = sorted.length >> 1
    return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
  }
  let sum = 0
  for (const value of values) sum += value
  return sum / values.length
}

export const ratingForAchievement = (achievement: number, policy: RatingPolicy): Rating =>
  achievement >= policy.thresholds.A
    ? "A"
    : achievement >= policy.thresholds.B
      ? "B"
      : achievement >= policy.thresholds.C
        ? "C"
        : "D"

/** The suggestion from the measures' achievements, each computed once (the rules' hot path). */
const suggestFrom = (achievements: ReadonlyArray<Achievement>, policy: RatingPolicy): Suggestion => {
  const ratios: Array<number> = []
  for (const achievement of achievements) {
    if (achievement._tag === "Computed") ratios.push(Math.min(achievement.ratio, policy.cap))
  }
  if (ratios.length === 0) return { _tag: "NotComputable" }
  const achievement = aggregate(ratios, policy.aggregate)
  return {
    _tag: "Suggested",
    rating: ratingForAchievement(achievement, policy),
    achievement,
    measuresUsed: ratios.length
  }
}

/** A review without any comparable figure is "not computable": it gets no suggestion. */
export const suggestRating = (measures: ReadonlyArray<Measure>, policy: RatingPolicy): Suggestion =>
  suggestFrom(measures.map(achievementOf), policy)

/**
 * What the secretariat should look at. The agency's own rating is reported, never changed. The API's
 * review view sends the flags with this schema; the rules build them as plain objects.
 */
export const ConsistencyFlag = Schema.TaggedUnion({
  RatingMissing: {},
  ReasonMissing: { rating: Rating },
  /** grades: positive when the agency rated itself better than its figures suggest. */
  RatingDiffers: { selfRating: Rating, suggested: Rating, grades: Schema.Int },
  UnitMismatch: { label: Schema.String, unit: Schema.String, plannedUnit: Schema.String }
}).annotate({ identifier: "ConsistencyFlag", title: "Consistency flag" })
export type ConsistencyFlag = typeof ConsistencyFlag.Type

/** The letter as Japanese text prints it (Ｂ), plain in English (B). */
const letterIn = (rating: Rating): Bilingual => ({ ja: ratingLetter[rating], en: rating })

/**
 * A flag as a sentence with its figures, for whoever reads one review (the dashboard's detail, the
 * data-quality report). The attention list's short word for each flag is `attentionReasonLabel`.
 */
export const consistencyFlagText = (flag: ConsistencyFlag): Bilingual =>
  ConsistencyFlag.match(flag, {
    RatingMissing: () => ({ ja: "自己評価が入力されていません", en: "No self-rating entered" }),
    ReasonMissing: ({ rating }) => ({
      ja: `自己評価 ${letterIn(rating).ja} の理由が書かれていません`,
      en: `No reason given for self-rating ${letterIn(rating).en}`
    }),
    RatingDiffers: ({ selfRating, suggested, grades }) => {
      const [self, figures, distance] = [letterIn(selfRating), letterIn(suggested), Math.abs(grades)]
      return {
        ja: `自己評価 ${self.ja} は実績からの提案 ${figures.ja} より ${distance} 段階${grades > 0 ? "高い" : "低い"}`,
        en: `Self-rating ${self.en} is ${distance} grade${distance === 1 ? "" : "s"} ${grades > 0 ? "above" : "below"} the suggestion ${figures.en} from the figures`
      }
    },
    UnitMismatch: ({ label, unit, plannedUnit }) => ({
      ja: `単位が一致しません: ${label}（実績 ${unit}／予定 ${plannedUnit}）`,
      en: `Units differ: ${label} (actual ${unit} / planned ${plannedUnit})`
    })
  })

export const consistencyFlags = (
  review: Pick<Review, "selfRating" | "ratingReason" | "measures">,
  suggestion: Suggestion
): ReadonlyArray<ConsistencyFlag> => {
  const flags: Array<ConsistencyFlag> = []
  const { selfRating } = review
  if (selfRating === null) flags.push({ _tag: "RatingMissing" })
  else if (isBehind(selfRating) && review.ratingReason.trim() === "")
    flags.push({ _tag: "ReasonMissing", rating: selfRating })
  if (selfRating !== null && suggestion._tag === "Suggested" && suggestion.rating !== selfRating) {
    flags.push({
      _tag: "RatingDiffers",
      selfRating,
      suggested: suggestion.rating,
      grades: ratingRank(suggestion.rating) - ratingRank(selfRating)
    })
  }
  for (const measure of review.measures) {
    if (hasUnitMismatch(measure)) {
      flags.push({
        _tag: "UnitMismatch",
        label: measure.label,
        unit: measure.unit,
        plannedUnit: plannedUnitOf(measure)
      })
    }
  }
  return flags
}

export interface MeasureEvaluation {
  readonly measure: Measure
  readonly achievement: Achievement
}

export interface ReviewEvaluation {
  readonly suggestion: Suggestion
  readonly measures: ReadonlyArray<MeasureEvaluation>
  readonly flags: ReadonlyArray<ConsistencyFlag>
  /** Ｃ/Ｄ, a missing rating, or any inconsistency. */
  readonly needsAttention: boolean
}

/**
 * The flags of a review alone, as `evaluateReview` gives them, without keeping each measure's
 * evaluation: what the year's roll-up (`summarizePlanYear`) needs of every review.
 */
export const reviewFlags = (
  review: Pick<Review, "selfRating" | "ratingReason" | "measures">,
  policy: RatingPolicy
): ReadonlyArray<ConsistencyFlag> => {
  const achievements: Array<Achievement> = []
  for (const measure of review.measures) achievements.push(achievementOf(measure))
  return consistencyFlags(review, suggestFrom(achievements, policy))
}

export const evaluateReview = (
  review: Pick<Review, "selfRating" | "ratingReason" | "measures">,
  policy: RatingPolicy
): ReviewEvaluation => {
  // One walk over the measures: each achievement computed once, kept for the suggestion and the view.
  const achievements: Array<Achievement> = []
  const measures: Array<MeasureEvaluation> = []
  for (const measure of review.measures) {
    const achievement = achievementOf(measure)
    achievements.push(achievement)
    measures.push({ measure, achievement })
  }
  const suggestion = suggestFrom(achievements, policy)
  const flags = consistencyFlags(review, suggestion)
  return {
    suggestion,
    measures,
    flags,
    needsAttention: flags.length > 0 || (review.selfRating !== null && isBehind(review.selfRating))
  }
}
