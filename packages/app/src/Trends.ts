import {
  expectedIn,
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
import { exportInitiativeYears, exportMeasureYears, type LongYearRow } from "@sukoyaka/sheets"
import { Initiatives, Plans, Reviews, Targets } from "@sukoyaka/storage"
import { Effect } from "effect"
import { initiativesOfYear, summaryOf } from "./Views.ts"
import { exportContentTypes } from "./Workbook.ts"

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

/** What the long export writes: one row per initiative × year, or one per measure × year. */
export type LongExport = "initiatives" | "measures"

/**
 * Every fiscal year with reviews in long format for analysts: the initiatives of each year as that
 * year knew them (initiativesOfYear), those in effect or with a review, each with its review.
 */
export const exportYears = (planId: string, rows: LongExport) =>
  Effect.gen(function* () {
    yield* (yield* Plans).get(planId)
    const reviews = yield* Reviews
    const years = yield* reviews.fiscalYears(planId)
    const lines: Array<LongYearRow> = []
    for (const fiscalYear of years) {
      const byNo = new Map((yield* reviews.listByYear(planId, fiscalYear)).map((review) => [review.initiativeNo, review]))
      for (const initiative of yield* initiativesOfYear(planId, fiscalYear)) {
        const review = byNo.get(initiative.no) ?? null
        if (review !== null || expectedIn(initiative, fiscalYear)) lines.push({ fiscalYear, initiative, review })
      }
    }
    const body = rows === "initiatives" ? exportInitiativeYears(lines) : exportMeasureYears(lines)
    const span = years.length === 0 ? "" : `-FY${years[0]}-FY${years.at(-1)}`
    return { body, filename: `${planId}${span}-${rows}.csv`, contentType: exportContentTypes.csv }
  }).pipe(Effect.withSpan("Trends.exportYears"))
