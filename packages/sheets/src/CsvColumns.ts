import { fiscalYear, type SheetColumn, sheetColumns, sheetHeadings } from "@sukoyaka/core"
import { CSV_SHEET, csvKeyHeadings, type CsvKeyField } from "./CsvFormat.ts"
import type { CsvRecord } from "./CsvRecords.ts"
import { isHeadingRow, type ReportProblem } from "./RowCollector.ts"

// Which field of a CSV record is which column: the sheet's twelve columns A–L in their places,
// checked against the heading row, then the key columns in any order, found by their headings.

/** The sheet's twelve cells of a record; a short record's missing fields read empty. */
export const cellsOf = (fields: ReadonlyArray<string>): Record<SheetColumn, string> =>
  Object.fromEntries(sheetColumns.map((column, index) => [column, fields[index] ?? ""])) as Record<SheetColumn, string>

/** Where each key column is (0-based), as found by its heading; absent when it was deleted. */
export type KeyColumns = Partial<Record<CsvKeyField, number>>

/** Full-width as half-width, without white space: how headings and keys are compared. */
export const compact = (text: string) => text.normalize("NFKC").replace(/\s+/g, "")

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

export const findKeyColumns = (heading: ReadonlyArray<string>): KeyColumns => {
  const found: KeyColumns = {}
  heading.forEach((text, index) => {
    if (index < sheetColumns.length) return
    const name = compact(text).toLowerCase()
    for (const field of Object.keys(keyHeadingNames) as Array<CsvKeyField>)
      if (found[field] === undefined && keyHeadingNames[field].includes(name)) found[field] = index
  })
  return found
}

/**
 * The heading row, known by its No. and 政策・事業 headings wherever it is; when there is none,
 * that is reported and undefined returned.
 */
export const findHeading = (records: ReadonlyArray<CsvRecord>, problem: ReportProblem): CsvRecord | undefined => {
  const heading = records.find((record) => isHeadingRow(cellsOf(record.fields)))
  if (heading === undefined) {
    problem(
      { sheet: CSV_SHEET, row: 1, column: "A" },
      "error",
      "noHeadings",
      "見出しの行（ライフステージ、Ｎｏ.、政策・事業…）が見つかりません。出力したCSVの見出しの行を残して取り込んでください。",
      "the heading row (Life stage, No., Initiative …) is missing: keep the exported heading row"
    )
  }
  return heading
}

/**
 * Reports each of the twelve headings that is not where the export put it: a deleted, added or
 * moved column would read every row into the wrong fields. True when any was reported.
 */
export const headingsChanged = (heading: CsvRecord, problem: ReportProblem): boolean => {
  const changed = sheetColumns.filter(
    (column, index) => headingCore(heading.fields[index] ?? "") !== headingCore(expectedHeadings[column].ja)
  )
  for (const column of changed) {
    problem(
      { sheet: CSV_SHEET, row: heading.row, column },
      "error",
      "headingChanged",
      `見出しが「${expectedHeadings[column].ja.replace(/^.*?年度/, "")}」ではありません（「${heading.fields[sheetColumns.indexOf(column)] ?? ""}」）。列を削除・追加・移動していないか確認してください。`,
      `the heading is not "${expectedHeadings[column].en.replace(/^FY\d+ /, "")}": check that no column was deleted, added or moved`
    )
  }
  return changed.length > 0
}
