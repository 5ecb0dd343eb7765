import { codePointLabel } from "./CellText.ts"
import { columnLetter, CSV_SHEET } from "./CsvFormat.ts"
import type { CsvFlaw, CsvRecord } from "./CsvRecords.ts"
import type { ReportProblem } from "./RowCollector.ts"

// What is wrong with a CSV record as a record, before its cells are read: a broken quote, a
// shifted width, a control character.

/** A C0 control character other than tab and line breaks, or DEL: text typed by people has none. */
const controlCharacterIn = (text: string): string | undefined =>
  [...text].find((char) => {
    const code = char.charCodeAt(0)
    return (code < 0x20 && char !== "\t" && char !== "\n" && char !== "\r") || code === 0x7f
  })

/** A quote the parser found out of place, at the cell where the damage began. */
export const flawProblem = (flaw: CsvFlaw, problem: ReportProblem) => {
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

/** A record whose width differs from the heading row's: a broken quote or comma shifted its cells. */
export const widthProblem = (record: CsvRecord, width: number, problem: ReportProblem): boolean => {
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

/** Reports each field holding a control character; the row is still read. */
export const controlCharacterProblems = (record: CsvRecord, problem: ReportProblem): void =>
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
