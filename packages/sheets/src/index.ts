export * from "./DiffImport.ts"
export * from "./ExportCsv.ts"
export * from "./ExportJson.ts"
export * from "./ExportWorkbook.ts"
export * from "./Layout.ts"
export * from "./Limits.ts"
export * from "./ParsedWorkbook.ts"
export * from "./Problem.ts"
export * from "./ReadCsv.ts"
export { defaultReadBudget, type ReadBudget, readUploadInWorker } from "./ReadInWorker.ts"
export * from "./ReadUpload.ts"
export * from "./ReadWorkbook.ts"
export * from "./RowKey.ts"
export * from "./SheetRows.ts"
export * from "./WorkbookRefused.ts"
export {
  inspectXlsx,
  readCentralDirectory,
  type ZipEntry,
  type ZipInspection
} from "./ZipInspection.ts"
