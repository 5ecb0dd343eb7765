import { CSV_BOM, neutraliseFormula, quoteField } from "./CsvFormat.ts"

type Cell = string | number | boolean | null

/**
 * Tidy records as CSV (the open data, #21): a header of the field names, one line per record in
 * the fields' order; null is an empty cell, booleans `true`/`false`. UTF-8 with a BOM (Excel opens
 * Japanese text correctly), CRLF between records; text that Excel would run as a formula gets the
 * export's leading apostrophe (numbers never do).
 */
export const recordsCsv = (
  fieldNames: ReadonlyArray<string>,
  records: ReadonlyArray<{ readonly [field: string]: Cell | undefined }>
): Buffer => {
  const cell = (value: Cell | undefined): string =>
    value === null || value === undefined
      ? ""
      : typeof value === "string"
        ? quoteField(neutraliseFormula(value))
        : String(value)
  const lines = [
    fieldNames.map(quoteField).join(","),
    ...records.map((record) => fieldNames.map((name) => cell(record[name])).join(","))
  ]
  return Buffer.from(CSV_BOM + lines.join("\r\n") + "\r\n", "utf8")
}
