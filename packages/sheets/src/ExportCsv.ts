import { type PlanSnapshot, sheetColumns, sheetHeadings } from "@sukoyaka/core"
import { CSV_BOM, csvKeyHeadings, neutraliseFormula, quoteField } from "./CsvFormat.ts"
import { type ExportOptions, rowsByObjective } from "./SheetRows.ts"

const line = (fields: ReadonlyArray<string>): string =>
  fields.map((field) => quoteField(neutraliseFormula(field))).join(",")

/**
 * Columns A–L under the sheet's headings, then the keys import would match on. One agency's export
 * (`agencyId`) adds 実施機関ID with that agency's id on every row, so that import knows whose rows
 * the file should hold; the whole plan's has no such column. UTF-8 with a BOM so that Excel opens
 * Japanese text correctly; records end in CRLF, line breaks inside cells stay LF. `readCsv` reads
 * it back.
 */
export const exportCsv = (snapshot: PlanSnapshot, options: ExportOptions): Buffer => {
  const { fiscalYear, agencyId } = options
  const headings = sheetHeadings(fiscalYear)
  const header = [
    ...sheetColumns.map((column) => headings[column].ja),
    csvKeyHeadings.planId,
    csvKeyHeadings.fiscalYear,
    csvKeyHeadings.reviewVersion,
    ...(agencyId === undefined ? [] : [csvKeyHeadings.agencyId])
  ]
  const records = rowsByObjective(snapshot, options).flatMap(({ rows }) =>
    rows.map((row) => [
      ...sheetColumns.map((column) => row.cells[column]),
      row.initiative.planId,
      String(fiscalYear),
      row.review === undefined ? "" : String(row.review.version),
      ...(agencyId === undefined ? [] : [agencyId])
    ])
  )
  return Buffer.from(CSV_BOM + [header, ...records].map(line).join("\r\n") + "\r\n", "utf8")
}
