import { defaultRatingPolicy, fiscalYear, type Measure, PlanId, type RatingPolicy } from "../src/index.ts"

export const planId = PlanId.make("test-plan")
export const policy: RatingPolicy = defaultRatingPolicy(planId, fiscalYear(2024))

export const measure = (fields: Partial<Measure> & Pick<Measure, "label">): Measure => ({
  unit: "人",
  comparator: "exact",
  ...fields
})
