import {
  countRatings,
  effectiveSpanOf,
  expectedIn,
  type FiscalYear,
  inEffect,
  type Initiative,
  isSmallCount,
  type Observation,
  objectivePlacesOf,
  onTrackShare,
  type PublicInitiative,
  type PublicObservation,
  type PublicPlan,
  type PublicTarget,
  type PublicTargets,
  type PublicYear,
  type Rating,
  type Review,
  type ReviewContent,
  YearNotPublished
} from "@sukoyaka/core"
import { Plans, PublishedYears, Targets } from "@sukoyaka/storage"
import { Effect } from "effect"
import { type OpenDataLicense } from "./Configuration.ts"
import { loadYear } from "./Views.ts"

/** What the public may see of the city's settings: the licence and the small-number threshold. */
export interface PublicSettings {
  readonly license: OpenDataLicense
  readonly smallCountThreshold: number
}

/** The published years of a plan, oldest first. */
export const publishedYearsOf = (planId: string) =>
  Effect.map(
    PublishedYears.use((years) => years.list(planId)),
    (rows) => rows.filter((row) => row.publishedAt !== null)
  )

/** The year's publication, or YearNotPublished (404): to the public an unpublished year does not exist. */
export const requirePublished = (planId: string, fiscalYear: number) =>
  Effect.gen(function* () {
    const row = (yield* publishedYearsOf(planId)).find((year) => year.fiscalYear === fiscalYear)
    if (row === undefined || row.publishedAt === null) return yield* new YearNotPublished({ planId, fiscalYear })
    return { ...row, publishedAt: row.publishedAt }
  })

const publicPlan = (
  plan: { id: string; city: string; title: string; vision: string; goal: string },
  years: ReadonlyArray<number>,
  settings: PublicSettings
): PublicPlan => ({
  id: plan.id as PublicPlan["id"],
  city: plan.city,
  title: plan.title,
  vision: plan.vision,
  goal: plan.goal,
  publishedYears: years as ReadonlyArray<FiscalYear>,
  license: settings.license
})

/** The plans with at least one published year. */
export const publicPlans = (settings: PublicSettings) =>
  Effect.gen(function* () {
    const plans = yield* (yield* Plans).list
    const out: Array<PublicPlan> = []
    for (const plan of plans) {
      const years = (yield* publishedYearsOf(plan.id)).map((row) => row.fiscalYear as number)
      if (years.length > 0) out.push(publicPlan(plan, years, settings))
    }
    return out
  }).pipe(Effect.withSpan("PublicViews.plans"))

/** One plan as the public sees it; a plan with no published year is not found (404) like one that does not exist. */
export const publicPlanOf = (planId: string, settings: PublicSettings) =>
  Effect.gen(function* () {
    const plan = yield* (yield* Plans).get(planId)
    const years = (yield* publishedYearsOf(planId)).map((row) => row.fiscalYear as number)
    if (years.length === 0) return yield* new YearNotPublished({ planId, fiscalYear: 0 })
    return publicPlan(plan, years, settings)
  }).pipe(Effect.withSpan("PublicViews.plan"))

/** Only what the agency wrote in columns F–L, and only once the secretariat approved it. */
export const publishedContent = (review: Review | undefined): ReviewContent | null =>
  review === undefined || review.status !== "approved"
    ? null
    : {
        actions: review.actions,
        resultText: review.resultText,
        plannedText: review.plannedText,
        measures: review.measures,
        selfRating: review.selfRating,
        ratingReason: review.ratingReason,
        next: review.next
      }

const tally = (initiatives: ReadonlyArray<PublicInitiative>) => {
  const ratings = countRatings(
    initiatives.flatMap((initiative) =>
      initiative.review === null ? [] : [initiative.review.selfRating as Rating | null]
    )
  )
  return { ratings, onTrackShare: onTrackShare(ratings) }
}

/** The year's initiatives (those with a review, or owed one) with their approved reviews and agencies' names. */
export const publicInitiativesOfYear = (planId: string, fiscalYear: number) =>
  Effect.gen(function* () {
    const { plan, initiatives, byNo } = yield* loadYear(planId, fiscalYear)
    const names = new Map((yield* (yield* Plans).agencies(planId)).map((agency) => [agency.id as string, agency.name]))
    const ofYear = initiatives.filter(
      (initiative: Initiative) => byNo.has(initiative.no) || expectedIn(initiative, fiscalYear)
    )
    return {
      plan,
      initiatives: ofYear.map((initiative) => ({
        initiative,
        view: {
          no: initiative.no,
          name: initiative.name,
          content: initiative.content,
          lifeStagesText: initiative.lifeStagesText,
          lifeStages: initiative.lifeStages,
          agencies: initiative.agencies.map((id) => names.get(id) ?? id),
          review: publishedContent(byNo.get(initiative.no))
        } satisfies PublicInitiative
      }))
    }
  })

/** A published year: its summary over approved reviews and its initiatives per policy, area and objective. */
export const publicYearOf = (planId: string, fiscalYear: number) =>
  Effect.gen(function* () {
    const published = yield* requirePublished(planId, fiscalYear)
    const { plan, initiatives } = yield* publicInitiativesOfYear(planId, fiscalYear)
    const places = objectivePlacesOf(plan).filter((place) => inEffect(effectiveSpanOf(place), fiscalYear))
    const policies = plan.basicPolicies.flatMap((policy) => {
      const areas = policy.areas.flatMap((area) => {
        const objectives = places
          .filter((place) => place.policy.no === policy.no && place.area.no === area.no)
          .flatMap(({ objective }) => {
            const ofObjective = initiatives
              .filter(
                ({ initiative }) =>
                  initiative.policyNo === policy.no &&
                  initiative.areaNo === area.no &&
                  initiative.objectiveNo === objective.no
              )
              .map(({ view }) => view)
            return ofObjective.length === 0
              ? []
              : [
                  {
                    no: objective.no,
                    title: objective.title,
                    statement: objective.statement,
                    ...tally(ofObjective),
                    initiatives: ofObjective
                  }
                ]
          })
        const all = objectives.flatMap((objective) => objective.initiatives)
        return objectives.length === 0 ? [] : [{ no: area.no, title: area.title, ...tally(all), objectives }]
      })
      const all = areas.flatMap((area) => area.objectives.flatMap((objective) => objective.initiatives))
      return areas.length === 0 ? [] : [{ no: policy.no, title: policy.title, ...tally(all), areas }]
    })
    const views = initiatives.map(({ view }) => view)
    const year: PublicYear = {
      planId: plan.id,
      fiscalYear: fiscalYear as FiscalYear,
      publishedAt: published.publishedAt,
      initiatives: views.length,
      approved: views.filter((view) => view.review !== null).length,
      ...tally(views),
      policies
    }
    return year
  }).pipe(Effect.withSpan("PublicViews.year"))

/** An observation as the public may see it: small counts withheld. */
export const publicObservation = (observation: Observation, threshold: number): PublicObservation => {
  const suppressed = isSmallCount(observation, threshold)
  return {
    year: observation.year,
    value: suppressed ? null : observation.value,
    numerator: suppressed ? null : (observation.numerator ?? null),
    denominator: suppressed ? null : (observation.denominator ?? null),
    suppressed,
    source: observation.source ?? null
  }
}

/**
 * The targets in effect in any published year, with their baseline and observations (small counts
 * suppressed). A plan with no published year has no public targets (404).
 */
export const publicTargetsOf = (planId: string, settings: PublicSettings) =>
  Effect.gen(function* () {
    yield* (yield* Plans).get(planId)
    const years = (yield* publishedYearsOf(planId)).map((row) => row.fiscalYear as number)
    if (years.length === 0) return yield* new YearNotPublished({ planId, fiscalYear: 0 })
    const threshold = settings.smallCountThreshold
    const targets = (yield* (yield* Targets).list(planId)).filter((target) =>
      years.some((year) => inEffect(target, year))
    )
    const view: PublicTargets = {
      planId: planId as PublicTargets["planId"],
      smallCountThreshold: threshold,
      targets: targets.map((target): PublicTarget => ({
        id: target.id,
        policyNo: target.policyNo,
        areaNo: target.areaNo,
        objectiveNo: target.objectiveNo,
        indicator: target.indicator,
        text: target.text,
        unit: target.unit,
        direction: target.direction,
        population: target.population,
        targetValue: target.targetValue,
        targetYear: target.targetYear,
        baseline: target.baseline === null ? null : publicObservation(target.baseline, threshold),
        observations: target.observations.map((observation) => publicObservation(observation, threshold))
      }))
    }
    return view
  }).pipe(Effect.withSpan("PublicViews.targets"))
