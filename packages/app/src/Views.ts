import {
  areasOf,
  coverageMatrix,
  effectiveSpanOf,
  evaluateReview,
  evaluateTarget,
  findPolicy,
  inEffect,
  type Initiative,
  initiativeAsOf,
  objectivePlacesOf,
  progressOf,
  type RatingPolicy,
  splitContent,
  type Review,
  type ReviewView,
  type Stamped,
  summarizePlanYear,
  type Target,
  toReviewEvaluationView,
  type YearSummaryView
} from "@sukoyaka/core"
import { Initiatives, Plans, RatingPolicies, Reviews, Targets } from "@sukoyaka/storage"
import { Effect } from "effect"

export const reviewView = (review: Review & Stamped, policy: RatingPolicy): ReviewView => ({
  ...review,
  progress: progressOf(review),
  evaluation: toReviewEvaluationView(evaluateReview(review, policy))
})

export const targetView = (target: Target) => {
  const evaluation = evaluateTarget(target)
  return {
    ...target,
    initiativeNos: target.initiativeNos ?? [],
    evaluation: {
      grade: evaluation.grade,
      method: evaluation.method,
      relativeChange: evaluation.relativeChange,
      significant: evaluation.significant,
      pValue: evaluation.pValue,
      pace: evaluation.pace,
      progress: evaluation.progress && { category: evaluation.progress.category, ratio: evaluation.progress.ratio }
    }
  }
}

/** The latest fiscal year with reviews: what "this year" means when a request does not say. */
export const latestFiscalYear = (planId: string) =>
  Effect.flatMap(Reviews, (reviews) =>
    Effect.map(reviews.fiscalYears(planId), (years) => years.at(-1) ?? new Date().getFullYear())
  )

/** The plan's initiatives as FY `fiscalYear` knew them: renamed or moved later, they read as they were then. */
export const initiativesOfYear = (planId: string, fiscalYear: number) =>
  Effect.gen(function* () {
    const initiatives = yield* Initiatives
    const revisions = yield* initiatives.revisions(planId)
    return (yield* initiatives.list(planId)).map((initiative) => initiativeAsOf(initiative, revisions, fiscalYear))
  })

/** Everything a year's views are computed from, read once per request. */
export const loadYear = (planId: string, fiscalYear: number) =>
  Effect.gen(function* () {
    const plan = yield* (yield* Plans).get(planId)
    const initiatives = yield* initiativesOfYear(planId, fiscalYear)
    const reviews = yield* (yield* Reviews).listByYear(planId, fiscalYear)
    const policy = yield* (yield* RatingPolicies).forYear(planId, fiscalYear)
    return {
      plan,
      initiatives,
      reviews,
      policy,
      byNo: new Map(reviews.map((review) => [review.initiativeNo as number, review]))
    }
  })

/** The year's initiatives, each with column D split and its review evaluated: the list before filters. */
export const initiativeItems = (planId: string, fiscalYear: number) =>
  Effect.map(loadYear(planId, fiscalYear), ({ initiatives, byNo, policy }) =>
    initiatives.map((initiative) => {
      const review = byNo.get(initiative.no)
      return { ...initiative, ...splitContent(initiative.content), review: review ? reviewView(review, policy) : null }
    })
  )

/** One initiative with every year's review, each evaluated with the policy of its year. */
export const initiativeDetail = (planId: string, no: number) =>
  Effect.gen(function* () {
    yield* (yield* Plans).get(planId)
    const initiative = yield* (yield* Initiatives).get(planId, no)
    const reviews = yield* (yield* Reviews).listForInitiative(planId, no)
    const policies = yield* RatingPolicies
    const views: Array<ReviewView> = []
    for (const review of reviews) views.push(reviewView(review, yield* policies.forYear(planId, review.fiscalYear)))
    return { ...initiative, ...splitContent(initiative.content), reviews: views }
  })

export const summaryOf = (planId: string, fiscalYear: number) =>
  Effect.gen(function* () {
    const { plan, initiatives, byNo, policy } = yield* loadYear(planId, fiscalYear)
    const previous = yield* (yield* Reviews).listByYear(planId, fiscalYear - 1)
    const targets = yield* (yield* Targets).list(planId)
    const agencies = yield* (yield* Plans).agencies(planId)
    // Each review evaluated as it is counted: one pass over the year (issue #23).
    const summary = summarizePlanYear(
      initiatives,
      (initiative: Initiative) => byNo.get(initiative.no) ?? null,
      previous,
      policy,
      fiscalYear
    )
    const names = new Map(agencies.map((agency) => [agency.id as string, agency.name]))
    const areas = areasOf(plan)
    const view: YearSummaryView = {
      planId,
      fiscalYear: fiscalYear as YearSummaryView["fiscalYear"],
      ratingPolicyVersion: policy.version,
      ...summary,
      byPolicy: summary.byPolicy.map((row) => ({ ...row, title: findPolicy(plan, row.policyNo)?.title ?? "" })),
      byArea: summary.byArea.map((row) => ({
        ...row,
        title: areas.find(({ policy, area }) => policy.no === row.policyNo && area.no === row.areaNo)?.area.title ?? ""
      })),
      byAgency: summary.byAgency.map((row) => ({ ...row, name: names.get(row.agencyId) ?? row.agencyId })),
      // The objectives of the year: those in effect in it (within their area's and policy's years).
      coverage: coverageMatrix(
        objectivePlacesOf(plan)
          .filter((place) => inEffect(effectiveSpanOf(place), fiscalYear))
          .map((place) => place.ref),
        initiatives,
        fiscalYear
      ),
      targets: targets
        .filter((target) => inEffect(target, fiscalYear))
        .map((target) => {
          const { evaluation } = targetView(target)
          return {
            id: target.id,
            indicator: target.indicator,
            population: target.population,
            targetValue: target.targetValue,
            unit: target.unit,
            evaluation
          }
        })
    }
    return view
  })
