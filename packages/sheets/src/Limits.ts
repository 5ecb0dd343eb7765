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
  /** Rows across all sheets, blank formatted rows included. */
  readonly maxRows: number
}

export const defaultImportLimits: ImportLimits = {
  maxFileBytes: 10 * 1024 * 1024,
  maxUncompressedBytes: 100 * 1024 * 1024,
  maxCompressionRatio: 200,
  maxEntries: 2_000,
  maxRows: 5_000
}
