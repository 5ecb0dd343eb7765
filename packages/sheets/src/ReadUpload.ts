import { Effect } from "effect"
import type { ImportLimits } from "./Limits.ts"
import type { ParsedWorkbook } from "./ParsedWorkbook.ts"
import { readCsv } from "./ReadCsv.ts"
import { readWorkbook } from "./ReadWorkbook.ts"
import { refuse, type WorkbookRefused } from "./WorkbookRefused.ts"

export interface UploadOptions {
  /** The name the file came with (multipart filename, CLI path); only its extension is used. */
  readonly filename?: string | undefined
  /** The content type it came with (multipart part's type), e.g. text/csv. */
  readonly contentType?: string | undefined
  readonly limits?: Partial<ImportLimits>
}

export type UploadFormat = "xlsx" | "csv" | "unknown"

const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]) // PK\x03\x04

/**
 * Which reader a returned file goes to. The content decides for an xlsx (a zip); a CSV has no
 * signature, so it is recognised by its name (.csv) or its content type (text/csv). A browser on
 * Windows often sends a .csv as application/vnd.ms-excel, hence the name first.
 */
export const uploadFormat = (
  bytes: Uint8Array,
  options: Pick<UploadOptions, "filename" | "contentType"> = {}
): UploadFormat => {
  if (Buffer.from(bytes.subarray(0, 4)).equals(ZIP_SIGNATURE)) return "xlsx"
  if (/\.csv$/i.test(options.filename?.trim() ?? "")) return "csv"
  const mediaType = (options.contentType ?? "").split(";")[0]!.trim().toLowerCase()
  return mediaType === "text/csv" ? "csv" : "unknown"
}

const neitherFormat = () =>
  refuse(
    "notXlsx",
    "Excelのブック（.xlsx）でもCSV（.csv）でもありません。Excelで「Excelブック (*.xlsx)」または「CSV UTF-8 (コンマ区切り) (*.csv)」として保存し直してください。",
    'This is neither an Excel workbook (.xlsx) nor a CSV file (.csv). Save it as "Excel Workbook (*.xlsx)" or "CSV UTF-8 (Comma delimited) (*.csv)" and try again.'
  )

/**
 * Reads a returned file, whatever front-end it came through (API, CLI, admin UI): an .xlsx with
 * `readWorkbook`, a CSV with `readCsv`, into the same ParsedWorkbook for `diffImport`. Anything else
 * goes to `readWorkbook` as before, which refuses it with the reason that fits (an old .xls or a
 * password-protected file is recognised there); "not an xlsx" then names both formats.
 */
export const readUpload = (
  bytes: Buffer,
  options: UploadOptions = {}
): Effect.Effect<ParsedWorkbook, WorkbookRefused> => {
  const readOptions = options.limits === undefined ? {} : { limits: options.limits }
  switch (uploadFormat(bytes, options)) {
    case "xlsx":
      return readWorkbook(bytes, readOptions)
    case "csv":
      return readCsv(bytes, readOptions)
    case "unknown":
      return readWorkbook(bytes, readOptions).pipe(
        Effect.mapError((refusal) => (refusal.reason === "notXlsx" ? neitherFormat() : refusal))
      )
  }
}
