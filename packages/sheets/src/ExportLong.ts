import { type Initiative, type Measure, measureKeyOf, type Review } from "@sukoyaka/core"
import { CSV_BOM, neutraliseFormula, quoteField } from "./CsvFormat.ts"

/** One initiative in one fiscal year, as the long export reads it: the initiative as that year knew it, and its review. */
export interface LongYearRow {
  readonly fiscalYear: number
  readonly initiative: Pick<Initiative, "planId" | "no" | "name" | "policyNo" | "areaNo" | "objectiveNo" | "agencies">
  readonly review: Pick<Review, "status" | "selfRating" | "measures"> | null
}

const csv = (header: ReadonlyArray<string>, records: ReadonlyArray<ReadonlyArray<string>>): Buffer => {
  const line = (fields: ReadonlyArray<string>) => fields.map((field) => quoteField(neutraliseFormula(field))).join(",")
  return Buffer.from(CSV_BOM + [header, ...records].map(line).join("\r\n") + "\r\n", "utf8")
}

const figure = (value: number | undefined) => (value === undefined ? "" : String(value))

/** The columns of the initiative × year file, in order: tidy names an analyst's tools read as they are. */
export const initiativeYearColumns = [
  "plan_id",
  "fiscal_year",
  "initiative_no",
  "initiative_name",
  "policy_no",
  "area_no",
  "objective_no",
  "agencies",
  "review_status",
  "self_rating",
  "on_track"
] as const

/** The columns of the measure × year file. */
export const measureYearColumns = [
  "plan_id",
  "fiscal_year",
  "initiative_no",
  "measure_key",
  "measure_label",
  "unit",
  "actual",
  "planned",
  "planned_unit",
  "comparator"
] as const

/**
 * One row per initiative × fiscal year (long format, for analysts): its place in the plan, its
 * agencies (ids separated by 「;」), the review's status (`missing` without one) and self-rating, and
 * on_track (1 for Ａ/Ｂ, 0 for Ｃ/Ｄ, empty unrated) as the summary counts the share on track. UTF-8
 * with a BOM and CRLF records, as the year's CSV export.
 */
export const exportInitiativeYears = (rows: ReadonlyArray<LongYearRow>): Buffer =>
  csv(
    initiativeYearColumns,
    rows.map(({ fiscalYear, initiative, review }) => {
      const rating = review?.selfRating ?? null
      return [
        initiative.planId,
        String(fiscalYear),
        String(initiative.no),
        initiative.name,
        String(initiative.policyNo),
        String(initiative.areaNo),
        String(initiative.objectiveNo),
        initiative.agencies.join(";"),
        review?.status ?? "missing",
        rating ?? "",
        rating === null ? "" : rating === "A" || rating === "B" ? "1" : "0"
      ]
    })
  )

/**
 * One row per measure × fiscal year: the measure's key (measureKeyOf, the same across years and
 * renames), its label and unit that year, the actual and planned figures (empty where none was
 * given, never 0) and how the plan is meant (comparator).
 */
export const exportMeasureYears = (rows: ReadonlyArray<LongYearRow>): Buffer =>
  csv(
    measureYearColumns,
    rows.flatMap(({ fiscalYear, initiative, review }) =>
      (review?.measures ?? []).map((measure: Measure) => [
        initiative.planId,
        String(fiscalYear),
        String(initiative.no),
        measureKeyOf(measure),
        measure.label,
        measure.unit,
        figure(measure.actual),
        figure(measure.planned),
        measure.plannedUnit ?? "",
        measure.comparator
      ])
    )
  )
