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
  /**
   * Cells (`<c>` elements) across all sheets. Rows alone do not bound the work: 95 sheets of 52
   * rows of 730 cells (3.6 million, 9.6 MB zipped) were within the row limit and took the parser
   * to 1.4 GB and 45 s. The city's sheet has 13 columns; this leaves room for 5,000 rows of 20.
   */
  readonly maxCells: number
  /** The XML parts inflated, added up: what the parser has to read, whatever the cells hold. */
  readonly maxXmlBytes: number
}

export const defaultImportLimits: ImportLimits = {
  maxFileBytes: 10 * 1024 * 1024,
  maxUncompressedBytes: 100 * 1024 * 1024,
  maxCompressionRatio: 200,
  maxEntries: 2_000,
  maxRows: 5_000,
  maxCells: 100_000,
  maxXmlBytes: 32 * 1024 * 1024
}

/** The file is over `maxFileBytes`: the same words whatever the format. */
export const tooLarge = (limits: ImportLimits): WorkbookRefused => {
  const mb = (limits.maxFileBytes / 1024 / 1024).toFixed(0)
  return refuse("tooLarge", `ファイルが大きすぎます（上限 ${mb} MB）。`, `The file is too large (limit ${mb} MB).`)
}

/** More rows (xlsx `<row>` elements, CSV records) than `maxRows`. */
export const tooManyRows = (limits: ImportLimits): WorkbookRefused =>
  refuse(
    "tooManyRows",
    `行数が多すぎます（上限 ${limits.maxRows} 行）。不要な行を削除してください。`,
    `Too many rows (limit ${limits.maxRows}). Delete the rows that are not needed.`
  )

/** More cells than `maxCells`, or more XML than `maxXmlBytes`: too much to read safely. */
export const tooManyCells = (limits: ImportLimits): WorkbookRefused =>
  refuse(
    "tooManyCells",
    `セルや書式の量が多すぎます（上限 ${limits.maxCells.toLocaleString("en")} セル、XML ${Math.round(limits.maxXmlBytes / 1024 / 1024)} MB）。不要なシート・行・列を削除してください。`,
    `The workbook holds too many cells or too much markup (limit ${limits.maxCells.toLocaleString("en")} cells, ${Math.round(limits.maxXmlBytes / 1024 / 1024)} MB of XML). Delete the sheets, rows and columns that are not needed.`
  )

/** The parse ran out of its time or memory: the same words, whichever it was. */
export const tooComplex = (): WorkbookRefused =>
  refuse(
    "tooComplex",
    "ブックが複雑すぎて、決められた時間とメモリの中で読み込めませんでした。不要なシート・行・列・書式を削除してから、もう一度お試しください。",
    "The workbook is too complex to read within the time and memory an import may take. Delete the sheets, rows, columns and formatting that are not needed, and retry."
  )
