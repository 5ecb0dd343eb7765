import { sheetColumns, type SheetColumn } from "@sukoyaka/core"
import { Effect } from "effect"
import { type Cell, ValueType, Workbook } from "@cj-tech-master/excelts"
import { readCell } from "./CellText.ts"
import { defaultImportLimits, type ImportLimits } from "./Limits.ts"
import type { ParsedWorkbook, WorkbookMetaFound } from "./ParsedWorkbook.ts"
import { rowCollector } from "./RowCollector.ts"
import { KEY_COLUMN, KEY_COLUMN_INDEX, META_SHEET_NAME, parseRowKey } from "./RowKey.ts"
import { placesList, refuse, WorkbookRefused } from "./WorkbookRefused.ts"
import { inspectXlsx } from "./ZipInspection.ts"

export interface ReadWorkbookOptions {
  readonly limits?: Partial<ImportLimits>
}

/**
 * A formula that also carries a hyperlink is a Hyperlink cell to excelts, whose text is the
 * formula's cached result; its model still holds the formula, and that is what is refused.
 */
const isFormula = (cell: Cell): boolean => {
  if (cell.type === ValueType.Formula) return true
  const { formula, sharedFormula } = cell.model
  return formula !== undefined || sharedFormula !== undefined
}

const findFormulas = (workbook: Workbook): ReadonlyArray<string> => {
  const found: Array<string> = []
  workbook.eachSheet((sheet) => {
    sheet.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (isFormula(cell)) found.push(`${sheet.name}!${cell.address}`)
      })
    })
  })
  return found
}

const readMeta = (workbook: Workbook): WorkbookMetaFound | null => {
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
      const workbook = new Workbook()
      await workbook.xlsx.load(buffer)
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
      const shown = placesList(formulas)
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

const parseSheets = (workbook: Workbook): ParsedWorkbook => {
  const collector = rowCollector()
  workbook.eachSheet((sheet) => {
    if (sheet.name === META_SHEET_NAME) return
    collector.startSheet()
    for (let rowNumber = 1; rowNumber <= sheet.rowCount; rowNumber++) {
      const row = sheet.getRow(rowNumber)
      const at = (column: string) => ({ sheet: sheet.name, row: rowNumber, column })
      const cells = {} as Record<SheetColumn, string>
      sheetColumns.forEach((column, index) => {
        const reading = readCell(row.getCell(index + 1))
        if ("error" in reading) {
          collector.problem(
            at(column),
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
        collector.problem(
          at(KEY_COLUMN),
          "warning",
          "badKey",
          "非表示の行キーが読めないため、Ｎｏ.で照合します",
          "the hidden row key is unreadable; the row is matched by its No."
        )
      }
      collector.add({ sheet: sheet.name, row: rowNumber, cells, key })
    }
  })
  return collector.result(readMeta(workbook))
}
