import {
  fieldIssuesOf,
  InitiativeNo,
  NextYearPlan,
  type Rating,
  parseRatingCell,
  ReviewContent,
  sheetColumns,
  type SheetColumn
} from "@sukoyaka/core"
import { Effect, Either, Option, Schema } from "effect"
import ExcelJS from "exceljs"
import { readCell } from "./CellText.ts"
import { defaultImportLimits, type ImportLimits } from "./Limits.ts"
import type { Problem } from "./Problem.ts"
import {
  KEY_COLUMN,
  KEY_COLUMN_INDEX,
  META_SHEET_NAME,
  parseRowKey,
  type RowKey
} from "./RowKey.ts"
import { refuse, WorkbookRefused } from "./WorkbookRefused.ts"
import { inspectXlsx } from "./ZipInspection.ts"

/** One initiative's row as found in a returned sheet, its cells as text (line breaks as \n). */
export interface ParsedRow {
  readonly sheet: string
  readonly row: number
  readonly no: number
  /** The hidden key of the exported row; null when the row was typed or pasted without it. */
  readonly key: RowKey | null
  readonly cells: Record<SheetColumn, string>
  /** Column I read with core's parseRatingCell; null when empty or unreadable (see problems). */
  readonly selfRating: Rating | null
}

export interface WorkbookMetaFound {
  readonly sheet: string
  readonly planId: string | null
  readonly fiscalYear: number | null
  readonly agencyId: string | null
}

export interface ParsedWorkbook {
  readonly rows: ReadonlyArray<ParsedRow>
  readonly problems: ReadonlyArray<Problem>
  readonly meta: WorkbookMetaFound | null
}

export interface ReadWorkbookOptions {
  readonly limits?: Partial<ImportLimits>
}

/** The core schema each text column is checked with (length limits, with the core's messages). */
const textSchemas: Partial<Record<SheetColumn, Schema.Schema<string, string>>> = {
  F: ReviewContent.fields.actions,
  G: ReviewContent.fields.resultText,
  H: ReviewContent.fields.plannedText,
  J: ReviewContent.fields.ratingReason,
  K: NextYearPlan.fields.actions,
  L: NextYearPlan.fields.plannedText
}

/** 「５７」「No.57」「Ｎｏ．５７」 → 57; anything else is not a number. */
const readNo = (text: string): number | undefined => {
  const compact = text
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/^No\.?/i, "")
  return /^\d+$/.test(compact) ? Number(compact) : undefined
}

const isHeadingRow = (cells: Record<SheetColumn, string>): boolean =>
  cells.B.normalize("NFKC").replace(/\s+/g, "") === "No." || cells.C.trim() === "政策・事業"

const findFormulas = (workbook: ExcelJS.Workbook): ReadonlyArray<string> => {
  const found: Array<string> = []
  workbook.eachSheet((sheet) => {
    sheet.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.type === ExcelJS.ValueType.Formula) found.push(`${sheet.name}!${cell.address}`)
      })
    })
  })
  return found
}

const readMeta = (workbook: ExcelJS.Workbook): WorkbookMetaFound | null => {
  const sheet = workbook.getWorksheet(META_SHEET_NAME)
  if (sheet === undefined) return null
  const facts = new Map<string, string>()
  sheet.eachRow((row) => {
    const name = readCell(row.getCell(1))
    const value = readCell(row.getCell(2))
    if ("text" in name && "text" in value) facts.set(name.text, value.text)
  })
  const year = Number(facts.get("fiscalYear"))
  return {
    sheet: sheet.name,
    planId: facts.get("planId") || null,
    fiscalYear: Number.isInteger(year) ? year : null,
    agencyId: facts.get("agencyId") || null
  }
}

const loadWorkbook = (buffer: Buffer) =>
  Effect.tryPromise({
    try: async () => {
      const workbook = new ExcelJS.Workbook()
      await workbook.xlsx.load(buffer as unknown as ArrayBuffer)
      return workbook
    },
    catch: () =>
      refuse(
        "unreadable",
        "ブックを読み込めませんでした。Excelで開いて保存し直してから、もう一度お試しください。",
        "The workbook could not be read. Open it in Excel, save it again and retry."
      )
  })

/**
 * Reads a returned workbook into rows and problems. Refuses the whole file (a WorkbookRefused with
 * Japanese and English) when it is not a safe plain .xlsx; a flaw in a cell is a problem with its
 * sheet, row and column instead, so that one typo does not hide the rest of the sheet.
 *
 * Formulas are refused: every cell of the city's sheet is text typed by a person, and a formula's
 * cached value is whatever the last program that saved the file wrote there, not necessarily what
 * the formula computes — importing it would be importing an unverified number.
 */
export const readWorkbook = (
  buffer: Buffer,
  options: ReadWorkbookOptions = {}
): Effect.Effect<ParsedWorkbook, WorkbookRefused> =>
  Effect.gen(function* () {
    const limits = { ...defaultImportLimits, ...options.limits }
    const inspection = inspectXlsx(buffer, limits)
    if (inspection instanceof WorkbookRefused) return yield* Effect.fail(inspection)
    const workbook = yield* loadWorkbook(buffer)
    const formulas = findFormulas(workbook)
    if (formulas.length > 0) {
      const shown = formulas.slice(0, 5).join(", ") + (formulas.length > 5 ? " …" : "")
      return yield* Effect.fail(
        refuse(
          "formulas",
          `数式を含むセルがあります（${shown}）。数式は受け付けられません。セルをコピーして「値として貼り付け」をしてから保存してください。`,
          `Cells contain formulas (${shown}); formulas are not accepted. Copy the cells and "Paste Values", then save.`
        )
      )
    }
    return parseSheets(workbook)
  })

const parseSheets = (workbook: ExcelJS.Workbook): ParsedWorkbook => {
  const rows: Array<ParsedRow> = []
  const problems: Array<Problem> = []
  const seen = new Map<number, ParsedRow>()
  workbook.eachSheet((sheet) => {
    if (sheet.name === META_SHEET_NAME) return
    let afterHeadings = false
    for (let rowNumber = 1; rowNumber <= sheet.rowCount; rowNumber++) {
      const row = sheet.getRow(rowNumber)
      const problem = (
        column: string,
        severity: Problem["severity"],
        code: string,
        ja: string,
        en: string
      ) => problems.push({ severity, code, sheet: sheet.name, row: rowNumber, column, ja, en })
      const cells = {} as Record<SheetColumn, string>
      sheetColumns.forEach((column, index) => {
        const reading = readCell(row.getCell(index + 1))
        if ("error" in reading) {
          problem(
            column,
            "error",
            "cellError",
            `セルがエラー値（${reading.error}）です`,
            `the cell holds the error value ${reading.error}`
          )
        }
        cells[column] = "text" in reading ? reading.text : ""
      })
      const keyReading = readCell(row.getCell(KEY_COLUMN_INDEX))
      const keyText = "text" in keyReading ? keyReading.text : ""
      const key = keyText === "" ? null : (parseRowKey(keyText) ?? null)
      if (keyText !== "" && key === null) {
        problem(
          KEY_COLUMN,
          "warning",
          "badKey",
          "非表示の行キーが読めないため、Ｎｏ.で照合します",
          "the hidden row key is unreadable; the row is matched by its No."
        )
      }
      if (isHeadingRow(cells)) {
        afterHeadings = true
        continue
      }
      if (sheetColumns.every((column) => cells[column].trim() === "")) continue // a blank row

      const typedNo = readNo(cells.B)
      const no = key?.no ?? typedNo
      if (no === undefined) {
        const hasReviewText = (["F", "G", "H", "I", "J", "K", "L"] as const).some(
          (column) => cells[column].trim() !== ""
        )
        if (afterHeadings && hasReviewText) {
          problem(
            "B",
            "error",
            "noNumber",
            `Ｎｏ.がない行です（「${cells.B}」）。この行は取り込みません。`,
            `the row has no No. ("${cells.B}"); it is not imported`
          )
        }
        continue
      }
      if (key !== null && typedNo !== undefined && typedNo !== key.no) {
        problem(
          "B",
          "error",
          "noChanged",
          `Ｎｏ.が書き換えられています（出力時 ${key.no}、現在 ${typedNo}）`,
          `No. was changed (exported as ${key.no}, now ${typedNo})`
        )
      }
      const decodedNo = decodeWith(InitiativeNo, no)
      if (Either.isLeft(decodedNo)) {
        for (const issue of decodedNo.left) problem("B", "error", "invalidNo", issue.ja, issue.en)
        continue
      }
      for (const column of sheetColumns) {
        const schema = textSchemas[column]
        if (schema === undefined) continue
        const result = decodeWith(schema, cells[column])
        if (Either.isLeft(result))
          for (const issue of result.left)
            problem(column, "error", "invalidText", issue.ja, issue.en)
      }
      const rating = parseRatingCell(cells.I)
      if (Option.isNone(rating) && cells.I.trim() !== "") {
        problem(
          "I",
          "error",
          "invalidRating",
          `「${cells.I}」は自己評価として読めません（Ａ　順調／Ｂ　やや順調／Ｃ　やや遅れている／Ｄ　遅れている）`,
          `"${cells.I}" is not a rating (A, B, C or D)`
        )
      }
      const parsed: ParsedRow = {
        sheet: sheet.name,
        row: rowNumber,
        no,
        key,
        cells,
        selfRating: Option.getOrNull(rating)
      }
      const earlier = seen.get(no)
      if (earlier !== undefined) {
        problem(
          "B",
          "error",
          "duplicateNo",
          `Ｎｏ.${no} が重複しています（シート「${earlier.sheet}」${earlier.row}行にもあります）`,
          `No. ${no} appears twice (also in sheet "${earlier.sheet}" row ${earlier.row})`
        )
        continue
      }
      seen.set(no, parsed)
      rows.push(parsed)
    }
  })
  return { rows, problems, meta: readMeta(workbook) }
}

/** Decodes with a core schema and turns its issues into the core's bilingual messages. */
const decodeWith = <A, I>(schema: Schema.Schema<A, I>, value: unknown) =>
  Either.mapLeft(Schema.decodeUnknownEither(schema)(value), fieldIssuesOf)
