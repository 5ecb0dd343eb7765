import type { Rating } from "./Rating.ts"
import type { SurveyColumn, SurveyField } from "./FrameworkSettings.ts"

/** What one initiative's year says for the survey, before the column map picks and orders it. */
export interface SurveyFacts {
  readonly cityCode: string
  readonly fiscalYear: number
  readonly initiativeNo: number
  readonly initiativeName: string
  readonly agencies: ReadonlyArray<string>
  readonly objective: string
  readonly tags: ReadonlyArray<{ readonly frameworkId: string; readonly measureCode: string }>
  readonly carriedOut: boolean | null
  readonly figures: string
  readonly rating: Rating | null
  readonly ratingReason: string
  readonly continues: boolean
}

const cell = (facts: SurveyFacts, field: SurveyField, framework: string | undefined): string => {
  switch (field) {
    case "cityCode":
      return facts.cityCode
    case "fiscalYear":
      return String(facts.fiscalYear)
    case "initiativeNo":
      return String(facts.initiativeNo)
    case "initiativeName":
      return facts.initiativeName
    case "agencies":
      return facts.agencies.join("、")
    case "objective":
      return facts.objective
    case "measureCodes":
      return facts.tags
        .filter((tag) => framework === undefined || tag.frameworkId === framework)
        .map((tag) => (framework === undefined ? `${tag.frameworkId}:${tag.measureCode}` : tag.measureCode))
        .join(";")
    case "carriedOut":
      return facts.carriedOut === null ? "" : facts.carriedOut ? "実施" : "未実施"
    case "figures":
      return facts.figures
    case "rating":
      return facts.rating ?? ""
    case "ratingReason":
      return facts.ratingReason
    case "continuation":
      return facts.continues ? "継続" : "終了"
  }
}

/** The header and the rows, in the column map's order: the survey export's table. */
export const surveyTable = (
  columns: ReadonlyArray<SurveyColumn>,
  rows: ReadonlyArray<SurveyFacts>
): { readonly header: ReadonlyArray<string>; readonly rows: ReadonlyArray<ReadonlyArray<string>> } => ({
  header: columns.map((column) => column.heading),
  rows: rows.map((facts) => columns.map((column) => cell(facts, column.field, column.framework)))
})
