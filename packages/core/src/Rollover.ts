import { nextFiscalYear } from "./FiscalYear.ts"
import type { Measure } from "./Measure.ts"
import type { Review } from "./Review.ts"

/** A planned figure carried into the new year: the plan stays, the actual is still to come. */
const plannedOnly = ({ actual: _actual, ...measure }: Measure): Measure => measure

/**
 * Year N+1's draft from year N's review: the planned side (H and the plan behind F) is what N
 * wrote in K and L; everything the agency reports is empty, the workflow starts at draft.
 */
export const rolloverReview = (review: Review): Review => {
  const year = nextFiscalYear(review.fiscalYear)
  return {
    planId: review.planId,
    initiativeNo: review.initiativeNo,
    fiscalYear: year,
    plannedActions: review.next.actions,
    actions: "",
    resultText: "",
    plannedText: review.next.plannedText,
    measures: review.next.measures.map(plannedOnly),
    selfRating: null,
    ratingReason: "",
    next: { fiscalYear: nextFiscalYear(year), actions: "", plannedText: "", measures: [] },
    status: "draft",
    statusComment: null,
    // Every stored review starts at version 1, whether seeded, imported or rolled over.
    version: 1
  }
}
