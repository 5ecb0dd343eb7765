import {
  expectedIn,
  type Initiative,
  splitContent,
  type SurveyColumn,
  type SurveyFacts,
  surveyTable,
  tagInEffect
} from "@sukoyaka/core"
import { tableCsv, tableWorkbook } from "@sukoyaka/sheets"
import { FrameworkSettingsStore, InitiativeTagSets, Plans } from "@sukoyaka/storage"
import { Effect } from "effect"
import { loadYear } from "./Views.ts"

export type SurveyFormat = "csv" | "xlsx"

/** The facts of each initiative of the year (in effect, or reviewed), in number order. */
const surveyFacts = (planId: string, fiscalYear: number) =>
  Effect.gen(function* () {
    const { initiatives, byNo } = yield* loadYear(planId, fiscalYear)
    const names = new Map((yield* (yield* Plans).agencies(planId)).map((agency) => [agency.id as string, agency.name]))
    const tagsByNo = yield* (yield* InitiativeTagSets).listByPlan(planId)
    const settings = yield* (yield* FrameworkSettingsStore).get(planId)
    const facts: Array<SurveyFacts> = []
    for (const initiative of initiatives as ReadonlyArray<Initiative>) {
      const review = byNo.get(initiative.no)
      if (review === undefined && !expectedIn(initiative, fiscalYear)) continue
      facts.push({
        cityCode: settings.cityCode,
        fiscalYear,
        initiativeNo: initiative.no,
        initiativeName: initiative.name,
        agencies: initiative.agencies.map((id) => names.get(id) ?? id),
        objective: splitContent(initiative.content).summary,
        tags: (tagsByNo.get(initiative.no) ?? []).filter((tag) => tagInEffect(tag, fiscalYear)),
        carriedOut: review === undefined ? null : review.actions.trim() !== "",
        figures: review?.resultText ?? "",
        rating: review?.selfRating ?? null,
        ratingReason: review?.ratingReason ?? "",
        continues: expectedIn(initiative, fiscalYear + 1)
      })
    }
    return { facts: facts.sort((a, b) => a.initiativeNo - b.initiativeNo), columns: settings.surveyColumns }
  })

/**
 * The export for the national survey (自殺対策推進状況調査): one row per initiative of the year,
 * through the plan's column map, or `columns` when the caller passes one (a file of the city's).
 */
export const surveyExport = (
  planId: string,
  fiscalYear: number,
  format: SurveyFormat,
  columns?: ReadonlyArray<SurveyColumn>
) =>
  Effect.gen(function* () {
    const { facts, columns: planColumns } = yield* surveyFacts(planId, fiscalYear)
    const table = surveyTable(columns ?? planColumns, facts)
    return format === "csv" ? tableCsv(table) : yield* Effect.promise(() => tableWorkbook(table, `調査 ${fiscalYear}`))
  }).pipe(Effect.withSpan("surveyExport"))
