import {
  fieldIssueParseOptions,
  fieldIssuesOf,
  formatPath,
  type Observation,
  parseYearInput,
  TargetUpdate,
  yearInputError
} from "@sukoyaka/core"
import { Result, Schema } from "effect"
import { parseFigure } from "./review-form.ts"
import type { FieldError } from "./review-form.ts"

/** An observation (or the baseline) as the form holds it: every cell as typed. */
export interface ObservationRow {
  year: string
  value: string
  numerator: string
  denominator: string
  source: string
}

/** The target page's form as typed: what comes back unchanged when something is refused. */
export interface TargetFormState {
  baseline: ObservationRow
  targetYear: string
  rows: Array<ObservationRow>
  method: string
  initiativeNos: Array<number>
}

export const emptyObservationRow = (): ObservationRow => ({
  year: "",
  value: "",
  numerator: "",
  denominator: "",
  source: ""
})

const isBlank = (row: ObservationRow) => Object.values(row).every((cell) => cell === "")

/** A stored observation as the form shows it: the year in 西暦, as the page reads it back beside. */
export const rowOf = (observation: Observation | null): ObservationRow =>
  observation === null
    ? emptyObservationRow()
    : {
        year: String(observation.year),
        value: String(observation.value),
        numerator: observation.numerator === undefined ? "" : String(observation.numerator),
        denominator: observation.denominator === undefined ? "" : String(observation.denominator),
        source: observation.source ?? ""
      }

const MAX_ROWS = 200

/** Reads the posted form; blank observation rows are dropped (the page always offers one empty row). */
export const readTargetForm = (form: FormData): TargetFormState => {
  const text = (name: string) => String(form.get(name) ?? "").trim()
  const row = (prefix: string): ObservationRow => ({
    year: text(`${prefix}.year`),
    value: text(`${prefix}.value`),
    numerator: text(`${prefix}.numerator`),
    denominator: text(`${prefix}.denominator`),
    source: text(`${prefix}.source`)
  })
  const count = Math.min(Math.max(0, Number(form.get("count") ?? 0) || 0), MAX_ROWS)
  const rows = Array.from({ length: count }, (_, i) => row(`observations[${i}]`)).filter((r) => !isBlank(r))
  const initiativeNos = form
    .getAll("initiativeNos")
    .map((value) => Number(value))
    .filter((no) => Number.isInteger(no))
  return {
    baseline: row("baseline"),
    targetYear: text("targetYear"),
    rows,
    method: text("method") || "test",
    initiativeNos
  }
}

/**
 * What the typed form asks the API to save, checked with core's schema: years may be typed as
 * 西暦 or 和暦 (core's `parseYearInput`), figures as the city writes them (１２.５, 1,234). Errors
 * name the input they concern, in both languages; a year that cannot be read is said once.
 */
export const targetUpdateOf = (
  state: TargetFormState,
  targetValue: number
): Result.Result<typeof TargetUpdate.Type, ReadonlyArray<FieldError>> => {
  const yearErrors: Array<FieldError> = []
  const year = (text: string, path: string): number | string => {
    const parsed = parseYearInput(text)
    if (Result.isSuccess(parsed)) return parsed.success
    yearErrors.push({ path, ...yearInputError })
    return text
  }
  const observation = (row: ObservationRow, path: string) => ({
    year: year(row.year, `${path}.year`),
    value: parseFigure(row.value),
    ...(row.numerator ? { numerator: parseFigure(row.numerator) } : {}),
    ...(row.denominator ? { denominator: parseFigure(row.denominator) } : {}),
    ...(row.source ? { source: row.source } : {})
  })
  const candidate = {
    baseline: isBlank(state.baseline) ? null : observation(state.baseline, "baseline"),
    observations: state.rows.map((row, i) => observation(row, `observations[${i}]`)),
    targetValue,
    targetYear: state.targetYear === "" ? null : year(state.targetYear, "targetYear"),
    method: state.method,
    initiativeNos: state.initiativeNos
  }
  const decoded = Schema.decodeUnknownResult(TargetUpdate, fieldIssueParseOptions)(candidate)
  const reported = new Set(yearErrors.map((error) => error.path))
  const schemaErrors = Result.isFailure(decoded)
    ? fieldIssuesOf(decoded.failure)
        .map((issue) => ({ path: formatPath(issue.path), ja: issue.ja, en: issue.en }))
        .filter((error) => !reported.has(error.path))
    : []
  const errors = [...yearErrors, ...schemaErrors]
  return Result.isSuccess(decoded) && errors.length === 0 ? Result.succeed(decoded.success) : Result.fail(errors)
}
