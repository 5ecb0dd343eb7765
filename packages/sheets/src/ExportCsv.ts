import { sheetColumns, sheetHeadings } from "@sukoyaka/core"
import { CSV_BOM, csvKeyHeadings, neutraliseFormula, quoteField } from "./CsvFormat.ts"
import { type ExportInput, rowsByObjective } from "./ExportInput.ts"

const line = (fields: ReadonlyArray<string>): string =>
  fields.map((field) => quoteField(neutraliseFormula(field))).join(",")

/**
 * Columns A–L under the sheet's headings, then the keys import would match on. UTF-8 with a BOM so
 * that Excel opens Japanese text correctly; records end in CRLF, line breaks inside cells stay LF.
 * `readCsv` reads it back.
 */
export const exportCsv = (input: ExportInput): Buffer => {
  const headings = sheetHeadings(input.fiscalYear)
  const header = [
    ...sheetColumns.map((column) => headings[column].ja),
    csvKeyHeadings.planId,
    csvKeyHeadings.fiscalYear,
    csvKeyHeadings.reviewVersion
  ]
  const records = rowsByObjective(input).flatMap(({ rows }) =>
    rows.map((row) => [
      ...sheetColumns.map((column) => row.cells[column]),
      row.initiative.planId,
      String(input.fiscalYear),
      row.review === undefined ? "" : String(row.review.version)
    ])
  )
  return Buffer.from(CSV_BOM + [header, ...records].map(line).join("\r\n") + "\r\n", "utf8")
}
