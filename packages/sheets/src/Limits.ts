import { refuse, type WorkbookRefused } from "./WorkbookRefused.ts"

/**
 * What an import accepts. The seed workbook is about 60 KB with some 120 rows, so these leave a
 * city room for a hundred times more while keeping a hostile file from exhausting the server.
 */
export interface ImportLimits {
  /** The file as uploaded. */
  readonly maxFileBytes: number
  /** All zip entries inflated, added up. */
  readonly maxUncompressedBytes: number
  /** Inflated ÷ compressed size of one entry; XML compresses well, a zip bomb much better. */
  readonly maxCompressionRatio: number
  readonly maxEntries: number
  /** Rows across all sheets, blank formatted rows included; for a CSV, its records. */
  readonly maxRows: number
}

export const defaultImportLimits: ImportLimits = {
  maxFileBytes: 10 * 1024 * 1024,
  maxUncompressedBytes: 100 * 1024 * 1024,
  maxCompressionRatio: 200,
  maxEntries: 2_000,
  maxRows: 5_000
}

/** The file is over `maxFileBytes`: the same words whatever the format. */
export const tooLarge = (limits: ImportLimits): WorkbookRefused => {
  const mb = (limits.maxFileBytes / 1024 / 1024).toFixed(0)
  return refuse(
    "tooLarge",
    `ファイルが大きすぎます（上限 ${mb} MB）。`,
    `The file is too large (limit ${mb} MB).`
  )
}

/** More rows (xlsx `<row>` elements, CSV records) than `maxRows`. */
export const tooManyRows = (limits: ImportLimits): WorkbookRefused =>
  refuse(
    "tooManyRows",
    `行数が多すぎます（上限 ${limits.maxRows} 行）。不要な行を削除してください。`,
    `Too many rows (limit ${limits.maxRows}). Delete the rows that are not needed.`
  )
