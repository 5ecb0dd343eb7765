import { loadDataset } from "@sukoyaka/data-tomakomai"
import { fiscalYear } from "@sukoyaka/core"
import { expect } from "@effect/vitest"
import { Effect, Either } from "effect"
import ExcelJS from "exceljs"
import { crc32, deflateRawSync, inflateRawSync } from "node:zlib"
import {
  type ExportInput,
  type ImportDiff,
  type ParsedWorkbook,
  readCentralDirectory,
  readWorkbook,
  type ReadWorkbookOptions,
  type WorkbookRefused
} from "../src/index.ts"

export const dataset = loadDataset()
export const FY2024 = fiscalYear(2024)

export const exportInput = (extra: Partial<ExportInput> = {}): ExportInput => ({
  plan: dataset.plan,
  agencies: dataset.agencies,
  targets: dataset.targets,
  initiatives: dataset.initiatives,
  reviews: dataset.reviews,
  fiscalYear: FY2024,
  ...extra
})

export const current = {
  initiatives: dataset.initiatives,
  reviews: dataset.reviews,
  agencies: dataset.agencies,
  fiscalYear: FY2024
}

export const read = (
  buffer: Buffer,
  options?: ReadWorkbookOptions
): Promise<Either.Either<ParsedWorkbook, WorkbookRefused>> =>
  Effect.runPromise(Effect.either(readWorkbook(buffer, options)))

export const readOk = async (
  buffer: Buffer,
  options?: ReadWorkbookOptions
): Promise<ParsedWorkbook> => {
  const result = await read(buffer, options)
  if (Either.isLeft(result)) throw new Error(`refused: ${result.left.en}`)
  return result.right
}

export const loadExcel = async (buffer: Buffer): Promise<ExcelJS.Workbook> => {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer)
  return workbook
}

export const saveExcel = async (workbook: ExcelJS.Workbook): Promise<Buffer> =>
  Buffer.from(await workbook.xlsx.writeBuffer())

/** A plain zip writer for building hostile files: stored or deflated entries, honest or lying sizes. */
export interface ZipFile {
  readonly name: string
  readonly data: Buffer
  /** Defaults to deflate. */
  readonly store?: boolean
  /** Overrides the uncompressed size written into the headers (a lying directory). */
  readonly declaredSize?: number
}

export const zip = (files: ReadonlyArray<ZipFile>): Buffer => {
  const locals: Array<Buffer> = []
  const centrals: Array<Buffer> = []
  let offset = 0
  for (const file of files) {
    const name = Buffer.from(file.name, "utf8")
    const body = file.store ? file.data : deflateRawSync(file.data)
    const size = file.declaredSize ?? file.data.length
    const crc = crc32(file.data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(file.store ? 0 : 8, 8)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(body.length, 18)
    local.writeUInt32LE(size, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(file.store ? 0 : 8, 10)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(body.length, 20)
    central.writeUInt32LE(size, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, body)
    centrals.push(central, name)
    offset += local.length + name.length + body.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(files.length, 8)
  end.writeUInt16LE(files.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

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
export const rowWhere = (sheet: ExcelJS.Worksheet, test: (row: ExcelJS.Row) => boolean): number => {
  for (let number = 1; number <= sheet.rowCount; number++)
    if (test(sheet.getRow(number))) return number
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
    89: [
      { column: "G", before: "母子健康手帳交付：820人", after: "母子健康手帳交付：１，２００人" }
    ],
    91: [
      {
        column: "J",
        before: dataset.reviews.find((review) => review.initiativeNo === 91)!.ratingReason,
        after: newReason.replace("\r\n", "\n")
      }
    ]
  })
