import {
  fieldIssuesOf,
  InitiativeNo,
  NextYearPlan,
  parseRatingCell,
  ReviewContent,
  sheetColumns,
  type SheetColumn
} from "@sukoyaka/core"
import { Option, Result, Schema } from "effect"
import type { ParsedRow, ParsedWorkbook, WorkbookMetaFound } from "./ParsedWorkbook.ts"
import type { Problem } from "./Problem.ts"
import type { RowKey } from "./RowKey.ts"

/**
 * What a reader (xlsx or CSV) found in one row before it is interpreted: the twelve cells as text
 * and the row's key. Everything after that (headings, numbers, validation, duplicates) is the same
 * for every format, so it lives here once.
 */
export interface FoundRow {
  readonly sheet: string
  readonly row: number
  readonly cells: Record<SheetColumn, string>
  readonly key: RowKey | null
}

/** Reports a problem at one place of the file; the reader's own findings go through it too. */
export type ReportProblem = (
  place: { readonly sheet: string; readonly row: number; readonly column: string },
  severity: Problem["severity"],
  code: string,
  ja: string,
  en: string
) => void

export interface RowCollector {
  readonly problem: ReportProblem
  /** A new sheet begins: until its heading row, rows belong to the header block. */
  readonly startSheet: () => void
  readonly add: (found: FoundRow) => void
  readonly result: (meta: WorkbookMetaFound | null, extra?: Pick<ParsedWorkbook, "lossyEncoding">) => ParsedWorkbook
}

/** The core schema each text column is checked with (length limits, with the core's messages). */
const textSchemas: Partial<Record<SheetColumn, Schema.Codec<string, string>>> = {
  F: ReviewContent.fields.actions,
  G: ReviewContent.fields.resultText,
  H: ReviewContent.fields.plannedText,
  J: ReviewContent.fields.ratingReason,
  K: NextYearPlan.fields.actions,
  L: NextYearPlan.fields.plannedText
}

/** 「５７」「No.57」「Ｎｏ．５７」 → 57; anything else is not a number. */
export const readNo = (text: string): number | undefined => {
  const compact = text
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/^No\.?/i, "")
  return /^\d+$/.test(compact) ? Number(compact) : undefined
}

export const isHeadingRow = (cells: Record<SheetColumn, string>): boolean =>
  cells.B.normalize("NFKC").replace(/\s+/g, "") === "No." || cells.C.trim() === "政策・事業"

/**
 * Decodes with a core schema and turns its issues into the core's bilingual messages. The first
 * issue only, as before; reportInput keeps the rejected value, which effect 4 drops unless asked.
 */
const decodeWith = <A, I>(schema: Schema.Codec<A, I>, value: unknown) =>
  Result.mapError(Schema.decodeUnknownResult(schema, { reportInput: true })(value), fieldIssuesOf)

/**
 * Collects the rows of one file, in the order they are read. Rows are matched by their key's No.,
 * else by the No. typed in B; each No. may appear once across all sheets.
 */
export const rowCollector = (): RowCollector => {
  const rows: Array<ParsedRow> = []
  const problems: Array<Problem> = []
  const seen = new Map<number, ParsedRow>()
  let afterHeadings = false

  const problem: ReportProblem = (place, severity, code, ja, en) =>
    problems.push({
      severity,
      code,
      sheet: place.sheet,
      row: place.row,
      column: place.column,
      ja,
      en
    })

  const add = ({ sheet, row: rowNumber, cells, key }: FoundRow): void => {
    const at = (column: string) => ({ sheet, row: rowNumber, column })
    if (isHeadingRow(cells)) {
      afterHeadings = true
      return
    }
    if (sheetColumns.every((column) => cells[column].trim() === "")) return // a blank row

    const typedNo = readNo(cells.B)
    const no = key?.no ?? typedNo
    if (no === undefined) {
      const hasReviewText = (["F", "G", "H", "I", "J", "K", "L"] as const).some((column) => cells[column].trim() !== "")
      if (afterHeadings && hasReviewText) {
        problem(
          at("B"),
          "error",
          "noNumber",
          `Ｎｏ.がない行です（「${cells.B}」）。この行は取り込みません。`,
          `the row has no No. ("${cells.B}"); it is not imported`
        )
      }
      return
    }
    if (key !== null && typedNo !== undefined && typedNo !== key.no) {
      problem(
        at("B"),
        "error",
        "noChanged",
        `Ｎｏ.が書き換えられています（出力時 ${key.no}、現在 ${typedNo}）`,
        `No. was changed (exported as ${key.no}, now ${typedNo})`
      )
    }
    const decodedNo = decodeWith(InitiativeNo, no)
    if (Result.isFailure(decodedNo)) {
      for (const issue of decodedNo.failure) problem(at("B"), "error", "invalidNo", issue.ja, issue.en)
      return
    }
    for (const column of sheetColumns) {
      const schema = textSchemas[column]
      if (schema === undefined) continue
      const result = decodeWith(schema, cells[column])
      if (Result.isFailure(result))
        for (const issue of result.failure) problem(at(column), "error", "invalidText", issue.ja, issue.en)
    }
    const rating = parseRatingCell(cells.I)
    if (Option.isNone(rating) && cells.I.trim() !== "") {
      problem(
        at("I"),
        "error",
        "invalidRating",
        `「${cells.I}」は自己評価として読めません（Ａ　順調／Ｂ　やや順調／Ｃ　やや遅れている／Ｄ　遅れている）`,
        `"${cells.I}" is not a rating (A, B, C or D)`
      )
    }
    const parsed: ParsedRow = {
      sheet,
      row: rowNumber,
      no,
      key,
      cells,
      selfRating: Option.getOrNull(rating)
    }
    const earlier = seen.get(no)
    if (earlier !== undefined) {
      problem(
        at("B"),
        "error",
        "duplicateNo",
        `Ｎｏ.${no} が重複しています（シート「${earlier.sheet}」${earlier.row}行にもあります）`,
        `No. ${no} appears twice (also in sheet "${earlier.sheet}" row ${earlier.row})`
      )
      return
    }
    seen.set(no, parsed)
    rows.push(parsed)
  }

  return {
    problem,
    startSheet: () => {
      afterHeadings = false
    },
    add,
    result: (meta, extra = {}) => ({ rows, problems, meta, ...extra })
  }
}
