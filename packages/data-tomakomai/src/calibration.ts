import { type RatingPolicy, type Review, suggestRating } from "@sukoyaka/core"

export interface CalibrationResult {
  readonly policy: Pick<RatingPolicy, "aggregate" | "cap" | "thresholds">
  /** reviews with a self-rating and at least one comparable figure */
  readonly computable: number
  readonly agree: number
  readonly withinOneGrade: number
}

const grid = (from: number, to: number, step: number) =>
  Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => Math.round((from + i * step) * 100) / 100)

/** How often a policy's suggestion equals the agencies' own rating. */
export const agreement = (reviews: ReadonlyArray<Review>, policy: CalibrationResult["policy"]): CalibrationResult => {
  let computable = 0
  let agree = 0
  let withinOneGrade = 0
  const order = "ABCD"
  for (const review of reviews) {
    if (review.selfRating === null) continue
    const suggestion = suggestRating(review.measures, policy as RatingPolicy)
    if (suggestion._tag === "NotComputable") continue
    computable += 1
    if (suggestion.rating === review.selfRating) agree += 1
    if (Math.abs(order.indexOf(suggestion.rating) - order.indexOf(review.selfRating)) <= 1) withinOneGrade += 1
  }
  return { policy, computable, agree, withinOneGrade }
}

/**
 * Every candidate policy on a coarse grid, best first: most agreement, then most within one grade;
 * among equals, C nearest the conventional half-way mark, then the strictest A (a suggested Ａ should
 * mean the plan was met), then the strictest B. The grid order (mean first) settles the rest.
 */
export const calibrate = (reviews: ReadonlyArray<Review>): ReadonlyArray<CalibrationResult> => {
  const results: Array<CalibrationResult> = []
  for (const aggregate of ["mean", "median", "min"] as const)
    for (const cap of [1, 1.2])
      for (const A of grid(0.8, 1, 0.05))
        for (const B of grid(0.5, 0.9, 0.05))
          for (const C of grid(0.3, 0.7, 0.1)) {
            if (!(A >= B && B >= C)) continue
            results.push(agreement(reviews, { aggregate, cap, thresholds: { A, B, C } }))
          }
  return results.sort(
    (x, y) =>
      y.agree - x.agree ||
      y.withinOneGrade - x.withinOneGrade ||
      Math.abs(x.policy.thresholds.C - 0.5) - Math.abs(y.policy.thresholds.C - 0.5) ||
      y.policy.thresholds.A - x.policy.thresholds.A ||
      y.policy.thresholds.B - x.policy.thresholds.B
  )
}
