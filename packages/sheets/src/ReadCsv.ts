import { fiscalYear, sheetColumns, sheetHeadings, type SheetColumn } from "@sukoyaka/core"
import { Effect } from "effect"
import { codePointLabel, normaliseLineBreaks } from "./CellText.ts"
import {
  columnLetter,
  csvKeyHeadings,
  type CsvKeyField,
  type CsvRowKeyField,
  looksLikeFormula,
  restoreNeutralised
} from "./CsvFormat.ts"
import { type CsvFlaw, type CsvRecord, parseCsvRecords } from "./CsvRecords.ts"
import { decodeCsvText } from "./CsvText.ts"
import { defaultImportLimits, type ImportLimits, tooLarge, tooManyRows } from "./Limits.ts"
import type { ParsedWorkbook, WorkbookMetaFound } from "./ParsedWorkbook.ts"
import { isHeadingRow, readNo, type ReportProblem, rowCollector } from "./RowCollector.ts"
import { KEY_COLUMN_INDEX, parseRowKey, type RowKey } from "./RowKey.ts"
import { placesList, refuse, WorkbookRefused } from "./WorkbookRefused.ts"

export interface ReadCsvOptions {
  readonly limits?: Partial<ImportLimits>
}

/** The sheet name a CSV's problems are placed in: a CSV has one sheet, and no name for it. */
export const CSV_SHEET = "CSV"

/** Where each key column is (0-based), as found by its heading; absent when it was deleted. */
type KeyColumns = Partial<Record<CsvKeyField, number>>

/** A C0 control character other than tab and line breaks, or DEL: text typed by people has none. */
const controlCharacterIn = (text: string): string | undefined =>
  [...text].find((char) => {
    const code = char.charCodeAt(0)
    return (code < 0x20 && char !== "\t" && char !== "\n" && char !== "\r") || code === 0x7f
  })

/** A field as the sheet means it: the export's apostrophe undone, line breaks as \n. */
const readField = (raw: string): string => normaliseLineBreaks(restoreNeutralised(raw))

const cellsOf = (fields: ReadonlyArray<string>): Record<SheetColumn, string> =>
  Object.fromEntries(sheetColumns.map((column, index) => [column, fields[index] ?? ""])) as Record<
    SheetColumn,
    string
  >

const compact = (text: string) => text.normalize("NFKC").replace(/\s+/g, "")

/**
 * A heading without its year label (「令和６年度実施結果」 → 「実施結果」): the year is the one part
 * that differs between years, and it is checked through the key columns instead.
 */
const headingCore = (text: string) => compact(text).replace(/^.*?年度/, "")

const expectedHeadings = sheetHeadings(fiscalYear(2024))

/** A key column is known by its whole heading, its Japanese or its English part: 「年度」, fiscalYear. */
const namesOf = (heading: string): ReadonlyArray<string> => {
  const [ja = "", en = ""] = heading.replace(")", "").split(" (")
  return [heading, ja, en].map((name) => compact(name).toLowerCase())
}
const keyHeadingNames: Record<CsvKeyField, ReadonlyArray<string>> = {
  planId: namesOf(csvKeyHeadings.planId),
  fiscalYear: namesOf(csvKeyHeadings.fiscalYear),
  reviewVersion: namesOf(csvKeyHeadings.reviewVersion),
  agencyId: namesOf(csvKeyHeadings.agencyId)
}

const findKeyColumns = (heading: ReadonlyArray<string>): KeyColumns => {
  const found: KeyColumns = {}
  heading.forEach((text, index) => {
    if (index < sheetColumns.length) return
    const name = compact(text).toLowerCase()
    for (const field of Object.keys(keyHeadingNames) as Array<CsvKeyField>)
      if (found[field] === undefined && keyHeadingNames[field].includes(name)) found[field] = index
  })
  return found
}

const flawProblem = (flaw: CsvFlaw, problem: ReportProblem) => {
  const at = { sheet: CSV_SHEET, row: flaw.row, column: columnLetter(flaw.field) }
  if (flaw.kind === "unterminatedQuote") {
    problem(
      at,
      "error",
      "unterminatedQuote",
      `このセルで始まる「"」が閉じられていないため、ここから後ろを読めません（ファイルの${flaw.line}行目）。`,
      `the quote that opens this cell is never closed, so nothing after it can be read (line ${flaw.line} of the file)`
    )
  } else {
    problem(
      at,
      "error",
      "strayQuote",
      `「"」の位置が正しくありません（ファイルの${flaw.line}行目）。「"」を含むセルは全体を「"」で囲み、中の「"」は「""」と重ねてください。`,
      `a quote is out of place (line ${flaw.line} of the file): a cell holding " must be enclosed in quotes, with each inner " doubled`
    )
  }
}

/**
 * How rows carry their keys: all three key columns (a version check needs 版), or, without any key
 * column, the hidden column M of the exported workbook when one of its sheets was saved as CSV.
 */
type KeySource =
  | { readonly kind: "columns"; readonly columns: Record<CsvRowKeyField, number> }
  | { readonly kind: "workbookKey" }
  | { readonly kind: "none" }

const keySourceOf = (found: KeyColumns, heading: CsvRecord, problem: ReportProblem): KeySource => {
  const { planId, fiscalYear, reviewVersion } = found
  if (planId !== undefined && fiscalYear !== undefined && reviewVersion !== undefined)
    return { kind: "columns", columns: { planId, fiscalYear, reviewVersion } }
  const present = [planId, fiscalYear, reviewVersion].filter((index) => index !== undefined)
  if (present.length === 0) return { kind: "workbookKey" }
  problem(
    { sheet: CSV_SHEET, row: heading.row, column: columnLetter(Math.min(...present)) },
    "warning",
    "keyColumnsMissing",
    "行キーの列（計画ID・年度・版）の一部がないため、行キーを使わずＮｏ.で照合します（版の確認はできません）",
    "some of the key columns (planId, fiscalYear, reviewVersion) are missing, so rows are matched by their No. without a version check"
  )
  return { kind: "none" }
}

/**
 * The row's key: plan, year and version as exported, and the No. typed in B (a CSV has no other).
 * null for a typed row; an unreadable key is a warning and the row is matched by its No.
 */
const readKey = (
  record: CsvRecord,
  cells: Record<SheetColumn, string>,
  source: KeySource,
  problem: ReportProblem
): RowKey | null => {
  if (source.kind === "none") return null
  if (source.kind === "workbookKey") {
    const text = record.fields[KEY_COLUMN_INDEX - 1] ?? ""
    return text.startsWith("sukoyaka:") ? (parseRowKey(text) ?? null) : null
  }
  const fieldOf = (field: CsvRowKeyField) => compact(record.fields[source.columns[field]] ?? "")
  const planId = fieldOf("planId")
  const year = fieldOf("fiscalYear")
  const version = fieldOf("reviewVersion")
  if (planId === "" && year === "" && version === "") return null
  const no = readNo(cells.B)
  if (no === undefined) return null // the collector reports a row without a No.
  const bad = (field: CsvRowKeyField): null => {
    problem(
      { sheet: CSV_SHEET, row: record.row, column: columnLetter(source.columns[field]) },
      "warning",
      "badKey",
      "行キー（計画ID・年度・版）が読めないため、Ｎｏ.で照合します",
      "the row key (planId, fiscalYear, reviewVersion) is unreadable; the row is matched by its No."
    )
    return null
  }
  if (planId === "") return bad("planId")
  if (!/^\d+$/.test(year)) return bad("fiscalYear")
  if (version !== "" && !/^\d+$/.test(version)) return bad("reviewVersion")
  return {
    planId,
    fiscalYear: Number(year),
    no,
    reviewVersion: version === "" ? null : Number(version)
  }
}

/**
 * The agency a per-agency export was made for: the id its 実施機関ID column holds on every row.
 * Rows left empty there (typed or pasted ones) do not count; a row naming another agency is an
 * error, since the file then holds two agencies' rows and cannot say which it should hold.
 */
const agencyReader = (column: number | undefined, problem: ReportProblem) => {
  let first: { readonly id: string; readonly row: number } | undefined
  let mixed = false
  return {
    read: (record: CsvRecord): void => {
      if (column === undefined) return
      const id = compact(record.fields[column] ?? "")
      if (id === "") return
      if (first === undefined) first = { id, row: record.row }
      else if (id !== first.id) {
        mixed = true
        problem(
          { sheet: CSV_SHEET, row: record.row, column: columnLetter(column) },
          "error",
          "agencyMixed",
          `実施機関IDが他の行と違います（この行「${id}」、${first.row}行目「${first.id}」）。一つの機関のCSVには、その機関の行だけを入れてください。`,
          `the agency id differs from the other rows' ("${id}" here, "${first.id}" in row ${first.row}): one agency's CSV holds only that agency's rows`
        )
      }
    },
    /** The one agency when every row that names one agrees; null otherwise. */
    agencyId: (): string | null => (mixed ? null : (first?.id ?? null))
  }
}

/** Plan and year from the rows' keys when they all agree (null where they do not), and the agency. */
const metaOf = (
  keyed: ReadonlyArray<{ key: RowKey; row: number }>,
  source: KeySource,
  agencyId: string | null
): WorkbookMetaFound | null => {
  const first = keyed[0]
  if (first === undefined)
    return agencyId === null ? null : { sheet: CSV_SHEET, planId: null, fiscalYear: null, agencyId }
  const only = <A>(values: ReadonlyArray<A>): A | null =>
    new Set(values).size === 1 ? values[0]! : null
  return {
    sheet: CSV_SHEET,
    planId: only(keyed.map(({ key }) => key.planId)),
    fiscalYear: only(keyed.map(({ key }) => key.fiscalYear)),
    agencyId,
    yearPlace: {
      row: first.row,
      column: columnLetter(
        source.kind === "columns" ? source.columns.fiscalYear : KEY_COLUMN_INDEX - 1
      )
    }
  }
}

/** A record whose width differs from the heading row's: a broken quote or comma shifted its cells. */
const widthProblem = (record: CsvRecord, width: number, problem: ReportProblem): boolean => {
  const extra = record.fields.findIndex((field, index) => index >= width && field.trim() !== "")
  if (record.fields.length >= width && extra < 0) return false
  problem(
    {
      sheet: CSV_SHEET,
      row: record.row,
      column: columnLetter(extra < 0 ? record.fields.length : extra)
    },
    "error",
    "columnCount",
    `この行は列の数が見出しと違います（見出し ${width} 列、この行 ${record.fields.length} 列）。セル内の「,」や「"」が崩れていないか確認してください。この行は取り込みません。`,
    `the row has ${record.fields.length} columns, the headings ${width}: check for a comma or quote that broke a cell; the row is not imported`
  )
  return true
}

const interpret = (
  records: ReadonlyArray<CsvRecord>,
  flaws: ReadonlyArray<CsvFlaw>,
  extra: Pick<ParsedWorkbook, "lossyEncoding">
): ParsedWorkbook => {
  const collector = rowCollector()
  const { problem } = collector
  collector.startSheet()
  for (const flaw of flaws) flawProblem(flaw, problem)

  const heading = records.find((record) => isHeadingRow(cellsOf(record.fields)))
  if (heading === undefined) {
    problem(
      { sheet: CSV_SHEET, row: 1, column: "A" },
      "error",
      "noHeadings",
      "見出しの行（ライフステージ、Ｎｏ.、政策・事業…）が見つかりません。出力したCSVの見出しの行を残して取り込んでください。",
      "the heading row (Life stage, No., Initiative …) is missing: keep the exported heading row"
    )
    return collector.result(null, extra)
  }
  const changedHeadings = sheetColumns.filter(
    (column, index) =>
      headingCore(heading.fields[index] ?? "") !== headingCore(expectedHeadings[column].ja)
  )
  for (const column of changedHeadings) {
    problem(
      { sheet: CSV_SHEET, row: heading.row, column },
      "error",
      "headingChanged",
      `見出しが「${expectedHeadings[column].ja.replace(/^.*?年度/, "")}」ではありません（「${heading.fields[sheetColumns.indexOf(column)] ?? ""}」）。列を削除・追加・移動していないか確認してください。`,
      `the heading is not "${expectedHeadings[column].en.replace(/^FY\d+ /, "")}": check that no column was deleted, added or moved`
    )
  }
  if (changedHeadings.length > 0) return collector.result(null, extra)

  const keyColumns = findKeyColumns(heading.fields)
  const keySource = keySourceOf(keyColumns, heading, problem)
  const agency = agencyReader(keyColumns.agencyId, problem)
  const keyed: Array<{ key: RowKey; row: number }> = []
  for (const record of records) {
    if (record.fields.every((field) => field.trim() === "")) continue // a blank line
    if (record.row > heading.row && widthProblem(record, heading.fields.length, problem)) continue
    record.fields.forEach((field, index) => {
      const control = controlCharacterIn(field)
      if (control === undefined) return
      const code = codePointLabel(control)
      problem(
        { sheet: CSV_SHEET, row: record.row, column: columnLetter(index) },
        "error",
        "controlCharacter",
        `セルに制御文字（${code}）が含まれています。テキストでないデータが混ざっていないか確認してください。`,
        `the cell holds a control character (${code}); check for data that is not text`
      )
    })
    const cells = cellsOf(record.fields)
    if (record.row > heading.row) agency.read(record)
    const key = readKey(record, cells, keySource, problem)
    if (key !== null) keyed.push({ key, row: record.row })
    collector.add({ sheet: CSV_SHEET, row: record.row, cells, key })
  }
  return collector.result(metaOf(keyed, keySource, agency.agencyId()), extra)
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
 * the agency when the rows agree on it, so that `diffImport` treats the file as that agency's. Formulas are refused as in a workbook: Sukoyaka's export puts
 * an apostrophe before any cell starting with = + - @, which is taken off again here, so a cell
 * that still starts that way was not written by the export and would run as a formula in Excel.
 */
export const readCsv = (
  bytes: Buffer,
  options: ReadCsvOptions = {}
): Effect.Effect<ParsedWorkbook, WorkbookRefused> =>
  Effect.gen(function* () {
    const limits = { ...defaultImportLimits, ...options.limits }
    if (bytes.length > limits.maxFileBytes) return yield* Effect.fail(tooLarge(limits))
    const decoded = decodeCsvText(bytes)
    if (decoded instanceof WorkbookRefused) return yield* Effect.fail(decoded)
    const parsed = parseCsvRecords(decoded.text, limits.maxRows)
    if (parsed.tooManyRecords) return yield* Effect.fail(tooManyRows(limits))
    // Checked before the export's apostrophe comes off: that apostrophe is what makes a cell safe.
    const formulas = parsed.records.flatMap((record) =>
      record.fields.flatMap((field, index) =>
        looksLikeFormula(field) ? [`${CSV_SHEET}!${columnLetter(index)}${record.row}`] : []
      )
    )
    if (formulas.length > 0) {
      const shown = placesList(formulas)
      return yield* Effect.fail(
        refuse(
          "formulas",
          `数式として扱われるセルがあります（${shown}）。数式は受け付けられません。文字として取り込むには、先頭に ' （アポストロフィ）を付けてください。`,
          `Cells would run as formulas (${shown}); formulas are not accepted. To import such a text, put an apostrophe (') in front of it.`
        )
      )
    }
    const records = parsed.records.map((record) => ({
      ...record,
      fields: record.fields.map(readField)
    }))
    return interpret(
      records,
      parsed.flaws,
      decoded.encoding === "shift_jis" ? { lossyEncoding: "shift_jis" } : {}
    )
  })
