import {
  type FieldIssue,
  type FiscalYear,
  nextFiscalYear,
  type Review,
  ReviewContent,
  type SheetColumn
} from "@sukoyaka/core"
import { Schema } from "effect"
import { carryMeasures } from "./Figures.ts"
import type { ParsedRow } from "./ParsedWorkbook.ts"

/** The review content a row asks to write, and the figures a person has to check afterwards. */
export interface BuiltContent {
  /** Not yet decoded: `decodeReviewContent` checks it against the core schema. */
  readonly content: unknown
  /** Columns whose figures changed in a way the structured measures could not follow. */
  readonly measuresToReview: ReadonlyArray<"G" | "H" | "L">
}

/**
 * The review content from the row's cells, carrying the stored structured measures through the
 * figures typed in G, H and L.
 */
export const buildContent = (row: ParsedRow, review: Review | undefined, fiscalYear: number | null): BuiltContent => {
  const g = carryMeasures(review?.measures ?? [], review?.resultText ?? "", row.cells.G, "actual")
  const h = carryMeasures(g.measures, review?.plannedText ?? "", row.cells.H, "planned")
  const l = carryMeasures(review?.next.measures ?? [], review?.next.plannedText ?? "", row.cells.L, "planned")
  const measuresToReview = (
    [
      ["G", g],
      ["H", h],
      ["L", l]
    ] as const
  ).flatMap(([column, carried]) => (carried.update === "needsReview" ? [column] : []))
  const content = {
    actions: row.cells.F,
    resultText: row.cells.G,
    plannedText: row.cells.H,
    measures: h.measures,
    selfRating: row.selfRating,
    ratingReason: row.cells.J,
    next: {
      fiscalYear: review?.next.fiscalYear ?? (fiscalYear === null ? null : nextFiscalYear(fiscalYear as FiscalYear)),
      actions: row.cells.K,
      plannedText: row.cells.L,
      measures: l.measures
    }
  }
  return { content, measuresToReview }
}

/** The first issue only, as before; reportInput keeps the rejected value for the message. */
export const decodeReviewContent = Schema.decodeUnknownResult(ReviewContent, { reportInput: true })

/** Which column a path into ReviewContent (or a new row's InitiativeCreate) came from, for the problem's place. */
export const columnOfPath = (issue: FieldIssue): SheetColumn => {
  const [head, sub] = issue.path
  switch (head) {
    case "actions":
      return "F"
    case "resultText":
    case "measures":
      return "G"
    case "plannedText":
      return "H"
    case "selfRating":
      return "I"
    case "ratingReason":
      return "J"
    case "next":
      return sub === "actions" ? "K" : "L"
    case "lifeStagesText":
    case "lifeStages":
      return "A"
    case "no":
      return "B"
    case "name":
      return "C"
    case "content":
      return "D"
    case "agencies":
      return "E"
    default:
      return "F"
  }
}
