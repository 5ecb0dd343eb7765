import { Workbook } from "@cj-tech-master/excelts"
import { CSV_BOM, neutraliseFormula, quoteField } from "./CsvFormat.ts"
import { parseCsvRecords } from "./CsvRecords.ts"
import { decodeCsvText } from "./CsvText.ts"
import { refuse, WorkbookRefused } from "./WorkbookRefused.ts"

type Table = { readonly header: ReadonlyArray<string>; readonly rows: ReadonlyArray<ReadonlyArray<string>> }

/** A plain table as CSV: UTF-8 with a BOM and CRLF, formulas neutralised, as the other exports. */
export const tableCsv = ({ header, rows }: Table): Buffer => {
  const line = (fields: ReadonlyArray<string>) => fields.map((field) => quoteField(neutraliseFormula(field))).join(",")
  return Buffer.from(CSV_BOM + [header, ...rows].map(line).join("\r\n") + "\r\n", "utf8")
}

/** A plain table as one xlsx sheet, its header bold and frozen. */
export const tableWorkbook = async ({ header, rows }: Table, sheetName: string): Promise<Buffer> => {
  const workbook = new Workbook()
  const sheet = workbook.addWorksheet(sheetName)
  sheet.addRow([...header]).font = { bold: true }
  for (const row of rows) sheet.addRow([...row])
  sheet.views = [{ state: "frozen", ySplit: 1 }]
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/**
 * A small CSV file (a framework's measures, a column map) as its records of fields: UTF-8 or
 * Shift_JIS, at most `maxRecords`; a broken quote or too many records is refused, not guessed at.
 */
export const readTableCsv = (
  bytes: Uint8Array,
  maxRecords = 5000
): ReadonlyArray<ReadonlyArray<string>> | WorkbookRefused => {
  const decoded = decodeCsvText(bytes)
  if (decoded instanceof WorkbookRefused) return decoded
  const parsed = parseCsvRecords(decoded.text, maxRecords)
  if (parsed.tooManyRecords)
    return refuse("tooManyRows", `${maxRecords}行を超えています。`, `more than ${maxRecords} records`)
  const flaw = parsed.flaws[0]
  if (flaw !== undefined)
    return refuse("unreadable", `${flaw.row}行目の引用符が正しくありません。`, `a broken quote on record ${flaw.row}`)
  return parsed.records.map((record) => record.fields).filter((fields) => fields.some((field) => field.trim() !== ""))
}
