import { loadDataset } from "@sukoyaka/data-tomakomai"
import { fiscalYear } from "@sukoyaka/core"
import { Effect, Either } from "effect"
import ExcelJS from "exceljs"
import { type ExportInput, type ParsedWorkbook, readWorkbook, type ReadWorkbookOptions, type WorkbookRefused } from "../src/index.ts"

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

export const current = { initiatives: dataset.initiatives, reviews: dataset.reviews, agencies: dataset.agencies, fiscalYear: FY2024 }

export const read = (buffer: Buffer, options?: ReadWorkbookOptions): Promise<Either.Either<ParsedWorkbook, WorkbookRefused>> =>
  Effect.runPromise(Effect.either(readWorkbook(buffer, options)))

export const readOk = async (buffer: Buffer, options?: ReadWorkbookOptions): Promise<ParsedWorkbook> => {
  const result = await read(buffer, options)
  if (Either.isLeft(result)) throw new Error(`refused: ${result.left.en}`)
  return result.right
}

export const loadExcel = async (buffer: Buffer): Promise<ExcelJS.Workbook> => {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer)
  return workbook
}

export const saveExcel = async (workbook: ExcelJS.Workbook): Promise<Buffer> => Buffer.from(await workbook.xlsx.writeBuffer())
