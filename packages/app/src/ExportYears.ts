import { expectedIn } from "@sukoyaka/core"
import { exportInitiativeYears, exportMeasureYears, type LongYearRow } from "@sukoyaka/sheets"
import { Plans, Reviews } from "@sukoyaka/storage"
import { Effect } from "effect"
import { initiativesOfYear } from "./Views.ts"
import { exportContentTypes } from "./Workbook.ts"

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
