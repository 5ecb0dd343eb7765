import { expectedIn, type FiscalYear } from "@sukoyaka/core"
import {
  exportInitiativeYears,
  exportMeasureYears,
  exportYearsWorkbook as writeYearsWorkbook,
  type LongYearRow
} from "@sukoyaka/sheets"
import { Plans, Reviews } from "@sukoyaka/storage"
import { Effect } from "effect"
import { initiativesOfYear } from "./Views.ts"
import { exportContentTypes, readPlanSnapshot } from "./Workbook.ts"

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
      const byNo = new Map(
        (yield* reviews.listByYear(planId, fiscalYear)).map((review) => [review.initiativeNo, review])
      )
      for (const initiative of yield* initiativesOfYear(planId, fiscalYear)) {
        const review = byNo.get(initiative.no) ?? null
        if (review !== null || expectedIn(initiative, fiscalYear)) lines.push({ fiscalYear, initiative, review })
      }
    }
    const body = rows === "initiatives" ? exportInitiativeYears(lines) : exportMeasureYears(lines)
    const span = years.length === 0 ? "" : `-FY${years[0]}-FY${years.at(-1)}`
    return { body, filename: `${planId}${span}-${rows}.csv`, contentType: exportContentTypes.csv }
  }).pipe(Effect.withSpan("ExportYears.exportYears"))

/** Every fiscal year with reviews in one workbook, a sheet per year (the yearly export's A–L rows). */
export const exportYearsWorkbook = (planId: string) =>
  Effect.gen(function* () {
    yield* (yield* Plans).get(planId)
    const years = yield* (yield* Reviews).fiscalYears(planId)
    const snapshots = yield* Effect.forEach(years, (year) =>
      Effect.map(readPlanSnapshot(planId, year as FiscalYear), (snapshot) => ({
        snapshot,
        fiscalYear: year as FiscalYear
      }))
    )
    const body = yield* Effect.promise(() => writeYearsWorkbook(snapshots))
    const span = years.length === 0 ? "" : `-FY${years[0]}-FY${years.at(-1)}`
    return { body, filename: `${planId}${span}.xlsx`, contentType: exportContentTypes.xlsx }
  }).pipe(Effect.withSpan("ExportYears.exportYearsWorkbook"))
