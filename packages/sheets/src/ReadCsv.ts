import { Effect } from "effect"
import { normaliseLineBreaks } from "./CellText.ts"
import { cellsOf, findHeading, findKeyColumns, headingsChanged } from "./CsvColumns.ts"
import { columnLetter, CSV_SHEET, looksLikeFormula, restoreNeutralised } from "./CsvFormat.ts"
import { controlCharacterProblems, flawProblem, widthProblem } from "./CsvRecordChecks.ts"
import { type CsvFlaw, type CsvRecord, parseCsvRecords } from "./CsvRecords.ts"
import { agencyReader, keySourceOf, metaOf, readKey } from "./CsvRowKeys.ts"
import { decodeCsvText } from "./CsvText.ts"
import { defaultImportLimits, type ImportLimits, tooLarge, tooManyRows } from "./Limits.ts"
import type { ParsedWorkbook } from "./ParsedWorkbook.ts"
import { rowCollector } from "./RowCollector.ts"
import type { RowKey } from "./RowKey.ts"
import { placesList, refuse, WorkbookRefused } from "./WorkbookRefused.ts"

export { CSV_SHEET } from "./CsvFormat.ts"

export interface ReadCsvOptions {
  readonly limits?: Partial<ImportLimits>
}

/** A field as the sheet means it: the export's apostrophe undone, line breaks as \n. */
const readField = (raw: string): string => normaliseLineBreaks(restoreNeutralised(raw))

/** The records, read as the rows of the sheet: headings, keys, then each row's cells. */
const interpret = (
  records: ReadonlyArray<CsvRecord>,
  flaws: ReadonlyArray<CsvFlaw>,
  extra: Pick<ParsedWorkbook, "lossyEncoding">
): ParsedWorkbook => {
  const collector = rowCollector()
  const { problem } = collector
  collector.startSheet()
  for (const flaw of flaws) flawProblem(flaw, problem)

  const heading = findHeading(records, problem)
  if (heading === undefined || headingsChanged(heading, problem)) return collector.result(null, extra)

  const keyColumns = findKeyColumns(heading.fields)
  const keySource = keySourceOf(keyColumns, heading, problem)
  const agency = agencyReader(keyColumns.agencyId, problem)
  const keyed: Array<{ key: RowKey; row: number }> = []
  for (const record of records) {
    if (record.fields.every((field) => field.trim() === "")) continue // a blank line
    if (record.row > heading.row && widthProblem(record, heading.fields.length, problem)) continue
    controlCharacterProblems(record, problem)
    const cells = cellsOf(record.fields)
    if (record.row > heading.row) agency.read(record)
    const key = readKey(record, cells, keySource, problem)
    if (key !== null) keyed.push({ key, row: record.row })
    collector.add({ sheet: CSV_SHEET, row: record.row, cells, key })
  }
  return collector.result(metaOf(keyed, keySource, agency.agencyId()), extra)
}

/**
 * The places of fields that Excel would run as formulas. Checked before the export's apostrophe
 * comes off: that apostrophe is what makes a cell safe.
 */
const formulaPlaces = (records: ReadonlyArray<CsvRecord>): ReadonlyArray<string> =>
  records.flatMap((record) =>
    record.fields.flatMap((field, index) =>
      looksLikeFormula(field) ? [`${CSV_SHEET}!${columnLetter(index)}${record.row}`] : []
    )
  )

const formulasRefused = (places: ReadonlyArray<string>): WorkbookRefused => {
  const shown = placesList(places)
  return refuse(
    "formulas",
    `数式として扱われるセルがあります（${shown}）。数式は受け付けられません。文字として取り込むには、先頭に ' （アポストロフィ）を付けてください。`,
    `Cells would run as formulas (${shown}); formulas are not accepted. To import such a text, put an apostrophe (') in front of it.`
  )
}

/**
 * Reads a CSV (Sukoyaka's export, or the same table saved by Excel as UTF-8 or Shift_JIS) into the
 * rows and problems `readWorkbook` gives for a workbook, so that `diffImport` takes either. The
 * whole file is refused (a WorkbookRefused) when it is too large, has too many rows, cannot be
 * decoded or holds a formula; a flaw in a record is a problem with its row and column instead.
 *
 * Rows are CSV records, numbered as Excel shows them (a cell's line breaks do not count), and the
 * columns are Excel's letters: A–L the sheet, then the key columns 計画ID, 年度 and 版, and 実施機関ID
 * in one agency's export (found by their headings, in any order, or missing): `meta.agencyId` is
 * the agency when the rows agree on it, so that `diffImport` treats the file as that agency's.
 * Formulas are refused as in a workbook: Sukoyaka's export puts an apostrophe before any cell
 * starting with = + - @, which is taken off again here, so a cell that still starts that way was
 * not written by the export and would run as a formula in Excel.
 */
export const readCsv = (bytes: Buffer, options: ReadCsvOptions = {}): Effect.Effect<ParsedWorkbook, WorkbookRefused> =>
  Effect.gen(function* () {
    const limits = { ...defaultImportLimits, ...options.limits }
    if (bytes.length > limits.maxFileBytes) return yield* Effect.fail(tooLarge(limits))
    const decoded = decodeCsvText(bytes)
    if (decoded instanceof WorkbookRefused) return yield* Effect.fail(decoded)
    const parsed = parseCsvRecords(decoded.text, limits.maxRows)
    if (parsed.tooManyRecords) return yield* Effect.fail(tooManyRows(limits))
    const formulas = formulaPlaces(parsed.records)
    if (formulas.length > 0) return yield* Effect.fail(formulasRefused(formulas))
    const records = parsed.records.map((record) => ({
      ...record,
      fields: record.fields.map(readField)
    }))
    return interpret(records, parsed.flaws, decoded.encoding === "shift_jis" ? { lossyEncoding: "shift_jis" } : {})
  })
