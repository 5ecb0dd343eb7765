import type { Cell, CellValue } from "@cj-tech-master/excelts"

/** What a cell holds as text, or why it cannot be read as text. */
export type CellReading = { readonly text: string } | { readonly error: string } | { readonly formula: string }

const pad = (n: number) => String(n).padStart(2, "0")

/**
 * Excel turns 「5/1」 into a date; it is read back the way Japanese Excel shows it (2025/5/1), since
 * the original keystrokes are gone.
 */
const dateText = (date: Date): string =>
  date.getUTCHours() === 0 && date.getUTCMinutes() === 0
    ? `${date.getUTCFullYear()}/${date.getUTCMonth() + 1}/${date.getUTCDate()}`
    : `${date.getUTCFullYear()}/${date.getUTCMonth() + 1}/${date.getUTCDate()} ${date.getUTCHours()}:${pad(date.getUTCMinutes())}`

/** 「U+2003」: how a character is named in a message when it may be invisible or lost. */
export const codePointLabel = (char: string): string =>
  `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`

/** Line breaks as the domain stores them: \n only (Excel on Windows may write \r\n). */
export const normaliseLineBreaks = (text: string): string => text.replace(/\r\n?/g, "\n")

const valueText = (value: CellValue): CellReading => {
  if (value === null || value === undefined) return { text: "" }
  if (typeof value === "string") return { text: normaliseLineBreaks(value) }
  if (typeof value === "number") return { text: String(value) }
  if (typeof value === "boolean") return { text: value ? "TRUE" : "FALSE" }
  if (value instanceof Date) return { text: dateText(value) }
  if ("formula" in value || "sharedFormula" in value)
    return { formula: String((value as { formula?: string }).formula ?? "") }
  if ("richText" in value) return { text: normaliseLineBreaks(value.richText.map((run) => run.text).join("")) }
  if ("error" in value) return { error: value.error }
  if ("text" in value) return valueText(value.text)
  return { text: "" }
}

/**
 * Reads a cell as the text people see. A cell covered by a merge reads its master's value only
 * when the master is in the same column (a vertical merge means "this applies to every row");
 * cells covered from the left read empty, or G:H merged would copy G's text into H.
 */
export const readCell = (cell: Cell): CellReading => {
  if (cell.isMerged && cell.master !== cell && cell.master.col !== cell.col) return { text: "" }
  const source = cell.isMerged ? cell.master : cell
  return valueText(source.value)
}
