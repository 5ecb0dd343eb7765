import { sheetColumns, sheetHeadings } from "@sukoyaka/core"
import { type ExportInput, rowsByObjective } from "./ExportInput.ts"

const BOM = "\uFEFF"

/**
 * A CSV cell that starts with = + - @ (or a tab / carriage return) is run as a formula by Excel
 * (CSV injection). Such a cell gets a leading apostrophe, OWASP's advice; no seed cell needs it.
 */
const neutraliseFormula = (value: string): string =>
  /^[=+\-@\t\r]/.test(value) ? `'${value}` : value

/** RFC 4180: quote when the field holds a quote, a comma or a line break; double inner quotes. */
const quote = (value: string): string =>
  /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value

const line = (fields: ReadonlyArray<string>): string =>
  fields.map((field) => quote(neutraliseFormula(field))).join(",")

/**
 * Columns A–L under the sheet's headings, then the keys import would match on. UTF-8 with a BOM so
 * that Excel opens Japanese text correctly; records end in CRLF, line breaks inside cells stay LF.
 */
export const exportCsv = (input: ExportInput): Buffer => {
  const headings = sheetHeadings(input.fiscalYear)
  const header = [
    ...sheetColumns.map((column) => headings[column].ja),
    "計画ID (planId)",
    "年度 (fiscalYear)",
    "版 (reviewVersion)"
  ]
  const records = rowsByObjective(input).flatMap(({ rows }) =>
    rows.map((row) => [
      ...sheetColumns.map((column) => row.cells[column]),
      row.initiative.planId,
      String(input.fiscalYear),
      row.review === undefined ? "" : String(row.review.version)
    ])
  )
  return Buffer.from(BOM + [header, ...records].map(line).join("\r\n") + "\r\n", "utf8")
}
