import {
  achievementOf,
  type Comparator,
  defaultRatingPolicy,
  evaluateReview,
  fieldIssueParseOptions,
  fieldIssuesOf,
  type FiscalYear,
  formatPath,
  isBehind,
  Measure,
  measureKeyOf,
  type PlanId,
  type Rating,
  ReviewContent
} from "@sukoyaka/core"
import { Option, Result, Schema } from "effect"

/** A field error as the API's problem+json carries it: the path and both languages. */
export interface FieldError {
  readonly path: string
  readonly ja: string
  readonly en: string
}

/** The content fields a person chooses between on the conflict screen. */
export const contentFields = [
  "actions",
  "resultText",
  "plannedText",
  "measures",
  "selfRating",
  "ratingReason",
  "next"
] as const
export type ContentField = (typeof contentFields)[number]

/** A measure row as the form holds it: every figure as typed. */
export interface MeasureRow {
  /** The key stored with the measure; "" when it had none (its label and unit implied it). */
  key: string
  /** The key the measure had when the form opened (core measureKeyOf); "" for a new row. */
  openedAs: string
  label: string
  unit: string
  actual: string
  planned: string
  plannedUnit: string
  comparator: Comparator
  agency: string
}

export const emptyMeasureRow = (): MeasureRow => ({
  key: "",
  openedAs: "",
  label: "",
  unit: "",
  actual: "",
  planned: "",
  plannedUnit: "",
  comparator: "exact",
  agency: ""
})

export const measureRow = (measure: Measure): MeasureRow => ({
  key: measure.key ?? "",
  openedAs: measureKeyOf(measure),
  label: measure.label,
  unit: measure.unit,
  actual: measure.actual === undefined ? "" : String(measure.actual),
  planned: measure.planned === undefined ? "" : String(measure.planned),
  plannedUnit: measure.plannedUnit ?? "",
  comparator: measure.comparator,
  agency: measure.agency ?? ""
})

/** 「１，２００」 → 1200; an empty cell is no figure; anything else stays text for the schema to refuse. */
export const parseFigure = (text: string): number | string | undefined => {
  const compact = text.normalize("NFKC").replace(/[,\s]/g, "")
  if (compact === "") return undefined
  const value = Number(compact)
  return Number.isFinite(value) && /^-?\d*\.?\d+(e[+-]?\d+)?$/i.test(compact) ? value : text
}

const isBlank = (row: MeasureRow) =>
  [row.label, row.unit, row.actual, row.planned, row.plannedUnit].every((cell) => cell.trim() === "")

/** A measure as the form asks the schema to read it: a figure that is not a number stays text, for the schema to refuse. */
type MeasureCandidate = Omit<Measure, "actual" | "planned"> & {
  readonly actual?: number | string
  readonly planned?: number | string
}

/**
 * The measure as the schema reads it: absent figures are absent keys, never 0. A stored key stays;
 * a measure that had none gets the one it opened with once its label or unit is reworded, so that
 * it keeps its line across years (an unchanged measure is saved as it was).
 */
const rowToMeasure = (row: MeasureRow): MeasureCandidate => {
  const actual = parseFigure(row.actual)
  const planned = parseFigure(row.planned)
  const label = row.label.trim()
  const unit = row.unit.trim()
  const openedAs = row.openedAs.trim()
  const key = row.key.trim() || (openedAs !== "" && openedAs !== measureKeyOf({ label, unit }) ? openedAs : "")
  return {
    ...(key !== "" ? { key } : {}),
    label,
    unit,
    comparator: row.comparator,
    ...(actual !== undefined ? { actual } : {}),
    ...(planned !== undefined ? { planned } : {}),
    ...(row.plannedUnit.trim() ? { plannedUnit: row.plannedUnit.trim() } : {}),
    ...(row.agency.trim() ? { agency: row.agency.trim() } : {})
  }
}

/**
 * A row as the rules read it while it is typed: the core Measure, its figures decoded by the core
 * schema, but with any label and unit so far (those are checked when the review is saved).
 */
const TypedRow = Schema.Struct({ ...Measure.fields, label: Schema.String, unit: Schema.String })

/** The row's measure, or none while a figure is one the schema refuses (text, a negative number). */
const measureOfRow = (row: MeasureRow): Option.Option<Measure> =>
  Schema.decodeUnknownOption(TypedRow)(rowToMeasure(row))

/** The measures the suggestion counts while the form is typed: labelled rows with readable figures. */
export const typedMeasures = (rows: ReadonlyArray<MeasureRow>): ReadonlyArray<Measure> =>
  rows.flatMap((row) => Option.toArray(measureOfRow(row))).filter((measure) => measure.label !== "")

/** The achievement of a row while it is typed: the ratio, or why there is none. */
export const rowAchievement = (row: MeasureRow): { ratio: number } | { reason: string } =>
  Option.match(measureOfRow(row), {
    onNone: () => ({ reason: "invalid" }),
    onSome: (measure) => {
      const achievement = achievementOf(measure)
      return achievement._tag === "Computed" ? { ratio: achievement.ratio } : { reason: achievement.reason }
    }
  })

const comparators: ReadonlyArray<Comparator> = ["atLeast", "atMost", "approx", "exact"]

const measureRowsOf = (form: FormData, prefix: string): Array<MeasureRow> => {
  const count = Number(form.get(`${prefix}.count`) ?? 0)
  const rows: Array<MeasureRow> = []
  for (let i = 0; i < Math.min(count, 60); i++) {
    const text = (name: string) => String(form.get(`${prefix}[${i}].${name}`) ?? "")
    const comparator = text("comparator") as Comparator
    rows.push({
      key: text("key"),
      openedAs: text("openedAs"),
      label: text("label"),
      unit: text("unit"),
      actual: text("actual"),
      planned: text("planned"),
      plannedUnit: text("plannedUnit"),
      comparator: comparators.includes(comparator) ? comparator : "exact",
      agency: text("agency")
    })
  }
  return rows
}

/** What the form posted, in the form's own shape (figures as typed), for re-display. */
export interface ReviewFormState {
  actions: string
  resultText: string
  plannedText: string
  measures: Array<MeasureRow>
  selfRating: Rating | ""
  ratingReason: string
  next: { fiscalYear: number; actions: string; plannedText: string; measures: Array<MeasureRow> }
}

export const formStateOf = (form: FormData): ReviewFormState => {
  const text = (name: string) => String(form.get(name) ?? "")
  const rating = text("selfRating")
  return {
    actions: text("actions"),
    resultText: text("resultText"),
    plannedText: text("plannedText"),
    measures: measureRowsOf(form, "measures"),
    selfRating: (["A", "B", "C", "D"] as const).find((r) => r === rating) ?? "",
    ratingReason: text("ratingReason"),
    next: {
      fiscalYear: Number(text("next.fiscalYear")),
      actions: text("next.actions"),
      plannedText: text("next.plannedText"),
      measures: measureRowsOf(form, "next.measures")
    }
  }
}

export const formStateOfContent = (content: ReviewContent): ReviewFormState => ({
  actions: content.actions,
  resultText: content.resultText,
  plannedText: content.plannedText,
  measures: content.measures.map(measureRow),
  selfRating: content.selfRating ?? "",
  ratingReason: content.ratingReason,
  next: {
    fiscalYear: content.next.fiscalYear,
    actions: content.next.actions,
    plannedText: content.next.plannedText,
    measures: content.next.measures.map(measureRow)
  }
})

/**
 * The candidate body of PUT …/reviews/{year}. Blank measure rows are dropped; the indices of
 * the remaining rows are what error paths (`measures[0].actual`) refer to, so the form re-renders
 * the same compacted rows.
 */
export const candidateOf = (state: ReviewFormState) => ({
  actions: state.actions,
  resultText: state.resultText,
  plannedText: state.plannedText,
  measures: state.measures.filter((row) => !isBlank(row)).map(rowToMeasure),
  selfRating: state.selfRating === "" ? null : state.selfRating,
  ratingReason: state.ratingReason,
  next: {
    fiscalYear: state.next.fiscalYear,
    actions: state.next.actions,
    plannedText: state.next.plannedText,
    measures: state.next.measures.filter((row) => !isBlank(row)).map(rowToMeasure)
  }
})

export const compactState = (state: ReviewFormState): ReviewFormState => ({
  ...state,
  measures: state.measures.filter((row) => !isBlank(row)),
  next: { ...state.next, measures: state.next.measures.filter((row) => !isBlank(row)) }
})

/** The suggestion of the plan's default policy: what "inconsistent" means while typing. */
export const suggestionFor = (
  content: Pick<ReviewContent, "measures" | "selfRating" | "ratingReason">,
  planId: string,
  year: number
) => evaluateReview(content, defaultRatingPolicy(planId as PlanId, year as FiscalYear))

/**
 * Validates with the core schema (the API's own validator), then the review rule of the form:
 * a Ｃ/Ｄ rating, or one that differs from the figures' suggestion, needs its reason.
 */
export const validateReview = (
  candidate: Record<string, unknown>,
  planId: string,
  year: number
): Result.Result<ReviewContent, ReadonlyArray<FieldError>> => {
  const decoded = Schema.decodeUnknownResult(ReviewContent, fieldIssueParseOptions)(candidate)
  if (Result.isFailure(decoded)) {
    return Result.fail(
      fieldIssuesOf(decoded.failure).map((issue) => ({ path: formatPath(issue.path), ja: issue.ja, en: issue.en }))
    )
  }
  const content = decoded.success
  if (content.selfRating !== null && content.ratingReason.trim() === "") {
    if (isBehind(content.selfRating)) {
      return Result.fail([
        {
          path: "ratingReason",
          ja: "自己評価がＣ・Ｄのときは理由を記入してください",
          en: "a rating of C or D needs its reason"
        }
      ])
    }
    const evaluation = suggestionFor(content, planId, year)
    if (evaluation.suggestion._tag === "Suggested" && evaluation.suggestion.rating !== content.selfRating) {
      return Result.fail([
        {
          path: "ratingReason",
          ja: `実績からの目安（${evaluation.suggestion.rating}）と自己評価が異なるため、理由を記入してください`,
          en: `the rating differs from the figures' suggestion (${evaluation.suggestion.rating}): give the reason`
        }
      ])
    }
  }
  return Result.succeed(content)
}

/** The content fields where two versions differ: what the conflict screen asks about. */
export const differingFields = (mine: ReviewContent, theirs: ReviewContent): ReadonlyArray<ContentField> =>
  contentFields.filter((field) => JSON.stringify(mine[field]) !== JSON.stringify(theirs[field]))

/** The person's choice per differing field; fields not asked about are the same in both. */
export const merge = (
  mine: ReviewContent,
  theirs: ReviewContent,
  choices: Partial<Record<ContentField, "mine" | "theirs">>
): ReviewContent => {
  const chosen = (field: ContentField) => ((choices[field] ?? "mine") === "mine" ? mine : theirs)
  return {
    actions: chosen("actions").actions,
    resultText: chosen("resultText").resultText,
    plannedText: chosen("plannedText").plannedText,
    measures: chosen("measures").measures,
    selfRating: chosen("selfRating").selfRating,
    ratingReason: chosen("ratingReason").ratingReason,
    next: chosen("next").next
  }
}

/** Only the content fields of a review (the PUT body), in the order of `contentFields`. */
export const contentOf = ({
  actions,
  resultText,
  plannedText,
  measures,
  selfRating,
  ratingReason,
  next
}: ReviewContent): ReviewContent => ({
  actions,
  resultText,
  plannedText,
  measures,
  selfRating,
  ratingReason,
  next
})
