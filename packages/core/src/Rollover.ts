import { type FiscalYear, nextFiscalYear } from "./FiscalYear.ts"
import type { InitiativeNo } from "./Initiative.ts"
import { type Measure, withMeasureKey } from "./Measure.ts"
import type { PlanId } from "./Plan.ts"
import type { Review } from "./Review.ts"

/**
 * A planned figure carried into the new year: the plan stays, the actual is still to come, and the
 * key goes with it, so the two years' figures line up even if the label is reworded next year.
 */
const plannedOnly = ({ actual: _actual, ...measure }: Measure): Measure => withMeasureKey(measure)

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
    approvedVersion: null,
    // Every stored review starts at version 1, whether seeded, imported or rolled over.
    version: 1
  }
}

/**
 * The draft a year opens with for an initiative that has no review to roll over (new in the year,
 * or brought back): nothing planned, nothing reported, the workflow at draft.
 */
export const openingReview = (planId: PlanId, initiativeNo: InitiativeNo, fiscalYear: FiscalYear): Review => ({
  planId,
  initiativeNo,
  fiscalYear,
  plannedActions: "",
  actions: "",
  resultText: "",
  plannedText: "",
  measures: [],
  selfRating: null,
  ratingReason: "",
  next: { fiscalYear: nextFiscalYear(fiscalYear), actions: "", plannedText: "", measures: [] },
  status: "draft",
  statusComment: null,
  approvedVersion: null,
  version: 1
})
