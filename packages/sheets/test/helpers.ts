import { loadDataset } from "@sukoyaka/data-tomakomai"
import { fiscalYear } from "@sukoyaka/core"
import { expect } from "@effect/vitest"
import { Effect, Result } from "effect"
import { type Row, Workbook, type Worksheet } from "@cj-tech-master/excelts"
import { inflateRawSync } from "node:zlib"
import {
  type DiffOptions,
  type ExportOptions,
  type ImportDiff,
  type ParsedWorkbook,
  readCentralDirectory,
  readWorkbook,
  type ReadWorkbookOptions,
  type WorkbookRefused
} from "../src/index.ts"

export const dataset = loadDataset()
export const FY2024 = fiscalYear(2024)

/** Which sheet of the seed a test exports: the whole plan's for FY2024 unless it says otherwise. */
export const sheetOf = (options: Partial<ExportOptions> = {}): ExportOptions => ({
  fiscalYear: FY2024,
  ...options
})

/** The import diff of the tests compares with the seed's FY2024 reviews. */
export const inFY2024: DiffOptions = { fiscalYear: FY2024 }

export const read = (
  buffer: Buffer,
  options?: ReadWorkbookOptions
): Promise<Result.Result<ParsedWorkbook, WorkbookRefused>> =>
  Effect.runPromise(Effect.result(readWorkbook(buffer, options)))

export const readOk = async (buffer: Buffer, options?: ReadWorkbookOptions): Promise<ParsedWorkbook> => {
  const result = await read(buffer, options)
  if (Result.isFailure(result)) throw new Error(`refused: ${result.failure.en}`)
  return result.success
}

export const loadExcel = async (buffer: Buffer): Promise<Workbook> => {
  const workbook = new Workbook()
  await workbook.xlsx.load(buffer)
  return workbook
}

export const saveExcel = async (workbook: Workbook): Promise<Buffer> => Buffer.from(await workbook.xlsx.writeBuffer())

export { zip, type ZipFile } from "../src/testing.ts"
import type { ZipFile } from "../src/testing.ts"

/** The entries of a zip, inflated, with the package's own directory reader. */
export const unzip = (buffer: Buffer): Array<ZipFile> => {
  const entries = readCentralDirectory(buffer)
  if (!Array.isArray(entries)) throw new Error("not a zip")
  return entries.map((entry) => {
    const start =
      entry.localHeaderOffset +
      30 +
      buffer.readUInt16LE(entry.localHeaderOffset + 26) +
      buffer.readUInt16LE(entry.localHeaderOffset + 28)
    const body = buffer.subarray(start, start + entry.compressedSize)
    return { name: entry.name, data: entry.method === 0 ? Buffer.from(body) : inflateRawSync(body) }
  })
}

/** The number of the first row that satisfies `test`. */
export const rowWhere = (sheet: Worksheet, test: (row: Row) => boolean): number => {
  for (let number = 1; number <= sheet.rowCount; number++) if (test(sheet.getRow(number))) return number
  throw new Error(`no such row in ${sheet.name}`)
}

/** What importing an untouched export gives: every row unchanged, nothing else. */
export const expectNothingChanged = (diff: ImportDiff, rows = dataset.initiatives.length) => {
  expect(diff.updates).toEqual([])
  expect(diff.conflicts).toEqual([])
  expect(diff.newRows).toEqual([])
  expect(diff.missingRows).toEqual([])
  expect(diff.problems).toEqual([])
  expect(diff.unchanged).toHaveLength(rows)
  expect(diff.canApply).toBe(true)
}

/** The edits the agency tests make to 健康支援課's sheet: 88's rating, 89's result, 91's reason. */
export const expectAgencyEdits = (diff: ImportDiff, newReason: string) =>
  expect(Object.fromEntries(diff.updates.map((update) => [update.no, update.changes]))).toEqual({
    88: [{ column: "I", before: "Ｃ　やや遅れている", after: "Ｂ　やや順調" }],
    89: [{ column: "G", before: "母子健康手帳交付：820人", after: "母子健康手帳交付：１，２００人" }],
    91: [
      {
        column: "J",
        before: dataset.reviews.find((review) => review.initiativeNo === 91)!.ratingReason,
        after: newReason.replace("\r\n", "\n")
      }
    ]
  })
