/**
 * The CSV that Sukoyaka writes and reads back, in one place so that the two stay each other's
 * inverse: the key columns after A–L, the formula neutralisation and its undoing, RFC 4180 quoting.
 */

export const CSV_BOM = "\uFEFF"

/** The sheet name a CSV's problems are placed in: a CSV has one sheet, and no name for it. */
export const CSV_SHEET = "CSV"

/**
 * The key columns after L: the RowKey field each one holds, then 実施機関ID, the agency a
 * per-agency export was made for (the same id on every row; no such column in the whole plan's).
 */
export const csvKeyHeadings = {
  planId: "計画ID (planId)",
  fiscalYear: "年度 (fiscalYear)",
  reviewVersion: "版 (reviewVersion)",
  agencyId: "実施機関ID (agencyId)"
} as const
export type CsvKeyField = keyof typeof csvKeyHeadings
/** The key columns that make a row's RowKey. */
export type CsvRowKeyField = Exclude<CsvKeyField, "agencyId">

/**
 * A CSV cell that starts with = + - @ (or a tab / carriage return) is run as a formula by Excel
 * (CSV injection), so it gets a leading apostrophe (OWASP's advice). Apostrophes already in front
 * of such a start get one more, so that `restoreNeutralised` is an exact inverse: a cell that was
 * `'=x` is written `''=x` and reads back `'=x`, not `=x`.
 */
const NEUTRALISED = /^'*[=+\-@\t\r]/

export const neutraliseFormula = (value: string): string => (NEUTRALISED.test(value) ? `'${value}` : value)

/** Undoes `neutraliseFormula`: one apostrophe comes off a cell it would have neutralised. */
export const restoreNeutralised = (value: string): string => (/^'+[=+\-@\t\r]/.test(value) ? value.slice(1) : value)

/** RFC 4180: quote when the field holds a quote, a comma or a line break; double inner quotes. */
export const quoteField = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)

/**
 * Excel reads these as a number or as plain text, never as a formula: 「-5」「+1.5」「-3%」「1,200」
 * after a sign, and a cell of nothing but signs (「-」「－」 is full-width and never matches anyway).
 */
const NOT_A_FORMULA = /^[+-]?\d[\d,]*(\.\d+)?%?$|^[=+\-@\s]+$/

/**
 * A field, as written in the file, that Excel would run as a formula: it starts with = + - @ and
 * has no apostrophe in front (so it was not written by Sukoyaka's export, or someone removed it).
 */
export const looksLikeFormula = (value: string): boolean => /^[=+\-@]/.test(value) && !NOT_A_FORMULA.test(value.trim())

/** 0 → A, 25 → Z, 26 → AA: the column letter Excel shows for a CSV field. */
export const columnLetter = (index: number): string => {
  let letters = ""
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters
  return letters
}
