/** The city's workbook as an agency returns it: exported by the API, changed in its cells with excelts. */
import { type Row, Workbook, type Worksheet } from "@cj-tech-master/excelts"
import { call } from "./http.ts"
import { PLAN, V1 } from "./harness.ts"

export const exportXlsx = async (api: string, token: string, fiscalYear: number): Promise<Buffer> => {
  const response = await fetch(`${api}${V1}/plans/${PLAN}/export?format=xlsx&fiscalYear=${fiscalYear}`, {
    headers: { authorization: `Bearer ${token}` }
  })
  if (response.status !== 200) throw new Error(`export: ${response.status} ${await response.text()}`)
  return Buffer.from(await response.arrayBuffer())
}

/** The data rows of every sheet: column B holds the initiative's number. */
const dataRows = (book: Workbook) =>
  book.worksheets
    .filter((sheet) => sheet.state !== "hidden" && sheet.state !== "veryHidden")
    .flatMap((sheet) => {
      const rows: Array<{ sheet: Worksheet; row: Row; no: number }> = []
      sheet.eachRow((row) => {
        const value = row.getCell(2).value
        const no = typeof value === "number" ? value : Number(String(value ?? "").trim())
        if (Number.isInteger(no) && no > 0 && no < 10000 && String(value ?? "").trim() !== "")
          rows.push({ sheet, row, no })
      })
      return rows
    })

/**
 * The workbook with the text cells of every row (or of the rows `only` names) replaced by
 * `text(no, column)`; returns it with the numbers changed. Columns: F actions, G results text,
 * J reason, K next year's actions.
 */
export const rewriteWorkbook = async (
  file: Buffer,
  text: (no: number, column: "F" | "G" | "J" | "K") => string | undefined,
  only?: ReadonlySet<number>
): Promise<{ file: Buffer; rows: Array<number> }> => {
  const book = new Workbook()
  await book.xlsx.load(file)
  const changed: Array<number> = []
  for (const { row, no } of dataRows(book)) {
    if (only && !only.has(no)) continue
    let touched = false
    for (const column of ["F", "G", "J", "K"] as const) {
      const value = text(no, column)
      if (value === undefined) continue
      row.getCell(column).value = value
      touched = true
    }
    if (touched) changed.push(no)
  }
  return { file: Buffer.from(await book.xlsx.writeBuffer()), rows: changed }
}

/** POST /imports as multipart, the file under the name given (which a hostile client chooses). */
export const postImport = (
  api: string,
  token: string,
  file: Uint8Array,
  options: { dryRun?: boolean; filename?: string; fiscalYear?: number } = {}
) => {
  const form = new FormData()
  form.append("file", new Blob([new Uint8Array(file)]), options.filename ?? "returned.xlsx")
  const query = new URLSearchParams({
    dryRun: String(options.dryRun ?? true),
    ...(options.fiscalYear ? { fiscalYear: String(options.fiscalYear) } : {})
  })
  return call(api, "POST", `${V1}/plans/${PLAN}/imports?${query}`, {
    token,
    raw: form,
    timeoutMs: 60_000
  })
}
