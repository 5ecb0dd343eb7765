import {
  findArea,
  findObjectivePlace,
  findPolicy,
  measureTrends,
  ratingTrends,
  targetTrend,
  type FiscalYear,
  type MeasureTrendsView,
  type RatingTrendsView,
  type TargetTrendView
} from "@sukoyaka/core"
import { Initiatives, Plans, Reviews, Targets } from "@sukoyaka/storage"
import { Effect } from "effect"
import { summaryOf } from "./Views.ts"

/**
 * The plan's ratings across every fiscal year with reviews: each year's summary (summaryOf, the
 * roll-up the year's page shows), lined up per basic policy, area and objective, with their titles.
 */
export const planTrends = (planId: string) =>
  Effect.gen(function* () {
    const plan = yield* (yield* Plans).get(planId)
    const years = yield* (yield* Reviews).fiscalYears(planId)
    const summaries = yield* Effect.forEach(years, (fiscalYear) =>
      Effect.map(summaryOf(planId, fiscalYear), (summary) => ({ fiscalYear, summary }))
    )
    const trends = ratingTrends(summaries)
    const view: RatingTrendsView = {
      planId,
      years: trends.years as ReadonlyArray<FiscalYear>,
      plan: trends.plan as RatingTrendsView["plan"],
      byPolicy: trends.byPolicy.map((series) => ({
        ...series,
        points: series.points as RatingTrendsView["plan"],
        title: findPolicy(plan, series.policyNo)?.title ?? ""
      })),
      byArea: trends.byArea.map((series) => ({
        ...series,
        points: series.points as RatingTrendsView["plan"],
        title: findArea(plan, series)?.title ?? ""
      })),
      byObjective: trends.byObjective.map((series) => ({
        ...series,
        points: series.points as RatingTrendsView["plan"],
        title: findObjectivePlace(plan, series)?.objective.title ?? ""
      }))
    }
    return view
  }).pipe(Effect.withSpan("Trends.planTrends"))

/** An initiative's measures across the years it has reviews, lined up by their key. */
export const initiativeTrends = (planId: string, no: number) =>
  Effect.gen(function* () {
    yield* (yield* Plans).get(planId)
    const initiative = yield* (yield* Initiatives).get(planId, no)
    const reviews = yield* (yield* Reviews).listForInitiative(planId, no)
    const trends = measureTrends(reviews)
    const view: MeasureTrendsView = {
      initiativeNo: initiative.no,
      years: trends.years as ReadonlyArray<FiscalYear>,
      measures: trends.measures.map((measure) => ({
        ...measure,
        points: measure.points.map((point) => ({ ...point, fiscalYear: point.fiscalYear as FiscalYear }))
      }))
    }
    return view
  }).pipe(Effect.withSpan("Trends.initiativeTrends"))

/** A target's observations beside the straight line from its baseline to the target value. */
export const targetTrendOf = (planId: string, targetId: string) =>
  Effect.gen(function* () {
    const target = yield* (yield* Targets).get(planId, targetId)
    const trend = targetTrend(target)
    const view: TargetTrendView = {
      targetId: target.id,
      indicator: target.indicator,
      unit: target.unit,
      ...trend,
      baseline: trend.baseline && { year: trend.baseline.year, value: trend.baseline.value }
    }
    return view
  }).pipe(Effect.withSpan("Trends.targetTrendOf"))
