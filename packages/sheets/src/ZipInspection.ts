import { inflateRawSync } from "node:zlib"
import { type ImportLimits, tooLarge, tooManyCells, tooManyRows } from "./Limits.ts"
import { refuse, type WorkbookRefused } from "./WorkbookRefused.ts"

/** One entry as the zip's central directory declares it. */
export interface ZipEntry {
  readonly name: string
  readonly method: number
  readonly flags: number
  readonly compressedSize: number
  readonly uncompressedSize: number
  readonly localHeaderOffset: number
}

const EOCD_SIGNATURE = 0x06054b50
const CENTRAL_SIGNATURE = 0x02014b50
const LOCAL_SIGNATURE = 0x04034b50
const ZIP64_MARK = 0xffffffff
const OLE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])

const notXlsx = () =>
  refuse(
    "notXlsx",
    "Excelのブック（.xlsx）ではありません。Excelで「Excelブック (*.xlsx)」として保存し直してください。",
    'This is not an Excel workbook (.xlsx). Save it as "Excel Workbook (*.xlsx)" and try again.'
  )

const findEndOfCentralDirectory = (buffer: Buffer): number => {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  const stop = Math.max(0, buffer.length - 22 - 0xffff)
  for (let offset = buffer.length - 22; offset >= stop; offset--) {
    if (buffer.readUInt32LE(offset) === EOCD_SIGNATURE) return offset
  }
  return -1
}

/** Sizes of 0xFFFFFFFF mean "see the zip64 extra field" (id 1), which some writers always use. */
const zip64Sizes = (
  extra: Buffer,
  entry: { compressedSize: number; uncompressedSize: number; localHeaderOffset: number }
) => {
  let offset = 0
  while (offset + 4 <= extra.length) {
    const id = extra.readUInt16LE(offset)
    const size = extra.readUInt16LE(offset + 2)
    if (id === 1) {
      let field = offset + 4
      const next = () => {
        const value = Number(extra.readBigUInt64LE(field))
        field += 8
        return value
      }
      const uncompressedSize = entry.uncompressedSize === ZIP64_MARK ? next() : entry.uncompressedSize
      const compressedSize = entry.compressedSize === ZIP64_MARK ? next() : entry.compressedSize
      const localHeaderOffset = entry.localHeaderOffset === ZIP64_MARK ? next() : entry.localHeaderOffset
      return { compressedSize, uncompressedSize, localHeaderOffset }
    }
    offset += 4 + size
  }
  return entry
}

/** Reads the central directory itself, without inflating anything. */
export const readCentralDirectory = (buffer: Buffer): ReadonlyArray<ZipEntry> | WorkbookRefused => {
  if (buffer.length >= 8 && buffer.subarray(0, 8).equals(OLE_SIGNATURE)) {
    return refuse(
      "encrypted",
      "パスワードで保護されたファイル、または古い形式（.xls）のファイルです。パスワードを解除し、.xlsx 形式で保存してください。",
      "The file is password-protected or in the old .xls format. Remove the password and save it as .xlsx."
    )
  }
  if (buffer.length < 22 || buffer.readUInt32LE(0) !== LOCAL_SIGNATURE) return notXlsx()
  const eocd = findEndOfCentralDirectory(buffer)
  if (eocd < 0) return notXlsx()
  const count = buffer.readUInt16LE(eocd + 10)
  const size = buffer.readUInt32LE(eocd + 12)
  const start = buffer.readUInt32LE(eocd + 16)
  if (start + size > eocd) return notXlsx()
  const entries: Array<ZipEntry> = []
  let offset = start
  for (let i = 0; i < count; i++) {
    if (offset + 46 > buffer.length || buffer.readUInt32LE(offset) !== CENTRAL_SIGNATURE) return notXlsx()
    const nameLength = buffer.readUInt16LE(offset + 28)
    const extraLength = buffer.readUInt16LE(offset + 30)
    const commentLength = buffer.readUInt16LE(offset + 32)
    const declared = {
      compressedSize: buffer.readUInt32LE(offset + 20),
      uncompressedSize: buffer.readUInt32LE(offset + 24),
      localHeaderOffset: buffer.readUInt32LE(offset + 42)
    }
    const extra = buffer.subarray(offset + 46 + nameLength, offset + 46 + nameLength + extraLength)
    entries.push({
      name: buffer.subarray(offset + 46, offset + 46 + nameLength).toString("utf8"),
      flags: buffer.readUInt16LE(offset + 8),
      method: buffer.readUInt16LE(offset + 10),
      ...zip64Sizes(extra, declared)
    })
    offset += 46 + nameLength + extraLength + commentLength
  }
  return entries
}

const zipBomb = (ja: string, en: string) =>
  refuse(
    "zipBomb",
    `圧縮を展開すると大きくなりすぎるため受け付けられません（${ja}）。`,
    `Refused: the file inflates too much (${en}).`
  )

/**
 * Inflates one entry, never beyond what the directory declared: a lying directory is caught
 * here instead of inside the spreadsheet parser.
 */
const inflateEntry = (buffer: Buffer, entry: ZipEntry): Buffer | WorkbookRefused => {
  const local = entry.localHeaderOffset
  if (local + 30 > buffer.length || buffer.readUInt32LE(local) !== LOCAL_SIGNATURE) return notXlsx()
  const dataStart = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28)
  const data = buffer.subarray(dataStart, dataStart + entry.compressedSize)
  if (data.length !== entry.compressedSize) return notXlsx()
  if (entry.method === 0) return data
  try {
    // maxOutputLength makes zlib stop with an error one byte past the declared size.
    return inflateRawSync(data, { maxOutputLength: Math.max(entry.uncompressedSize, 1) })
  } catch (error) {
    if (error instanceof RangeError || (error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
      return zipBomb(`${entry.name} が申告より大きく展開されます`, `${entry.name} inflates beyond its declared size`)
    }
    return notXlsx()
  }
}

const isRefusal = (value: unknown): value is WorkbookRefused =>
  typeof value === "object" && value !== null && (value as { _tag?: unknown })._tag === "WorkbookRefused"

const ROW_ELEMENT = /<(?:\w+:)?row[\s>/]/g
const CELL_ELEMENT = /<(?:\w+:)?c[\s>/]/g

/** Counts without building the array of matches (a sheet may hold millions). */
const countMatches = (text: string, pattern: RegExp): number => {
  let count = 0
  pattern.lastIndex = 0
  while (pattern.exec(text) !== null) count++
  return count
}

/** The parts the parser reads as XML (worksheets, shared strings, styles, …). */
const isXmlPart = (name: string) => /\.(?:xml|rels)$/i.test(name)

export interface ZipInspection {
  readonly entries: ReadonlyArray<ZipEntry>
  readonly rowCount: number
  readonly cellCount: number
}

/**
 * Everything checked before the file reaches excelts: the size, the zip directory, the declared
 * and the real inflated sizes, the content types (no macros), no external links, and the row count.
 */
export const inspectXlsx = (buffer: Buffer, limits: ImportLimits): ZipInspection | WorkbookRefused => {
  if (buffer.length > limits.maxFileBytes) return tooLarge(limits)
  const entries = readCentralDirectory(buffer)
  if (isRefusal(entries)) return entries
  if (entries.length > limits.maxEntries) {
    return zipBomb(`ファイル数 ${entries.length}`, `${entries.length} entries`)
  }
  const names = new Set<string>()
  let declaredTotal = 0
  for (const entry of entries) {
    if (names.has(entry.name)) return notXlsx()
    names.add(entry.name)
    if ((entry.flags & 0x1) !== 0) {
      return refuse(
        "encrypted",
        "暗号化された部分を含むため読み込めません。",
        "The file has encrypted parts and cannot be read."
      )
    }
    if (entry.method !== 0 && entry.method !== 8) return notXlsx()
    declaredTotal += entry.uncompressedSize
    const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1)
    if (entry.uncompressedSize > 1024 * 1024 && ratio > limits.maxCompressionRatio) {
      return zipBomb(
        `${entry.name} の圧縮率 ${Math.round(ratio)} 倍`,
        `${entry.name} has a compression ratio of ${Math.round(ratio)}`
      )
    }
  }
  const declaredXml = entries
    .filter((entry) => isXmlPart(entry.name))
    .reduce((sum, entry) => sum + entry.uncompressedSize, 0)
  if (declaredXml > limits.maxXmlBytes) return tooManyCells(limits)
  if (declaredTotal > limits.maxUncompressedBytes) {
    return zipBomb(
      `展開後 ${Math.round(declaredTotal / 1024 / 1024)} MB`,
      `${Math.round(declaredTotal / 1024 / 1024)} MB uncompressed`
    )
  }
  const lower = entries.map((entry) => entry.name.toLowerCase())
  if (lower.some((name) => name.endsWith("vbaproject.bin") || name.startsWith("xl/activex/"))) {
    return macros()
  }
  if (lower.some((name) => name.startsWith("xl/externallinks/"))) return externalLinks()

  const contentTypes = entries.find((entry) => entry.name === "[Content_Types].xml")
  if (contentTypes === undefined) return notXlsx()
  let rowCount = 0
  let cellCount = 0
  for (const entry of entries) {
    const inflated = inflateEntry(buffer, entry)
    if (isRefusal(inflated)) return inflated
    if (entry === contentTypes) {
      const xml = inflated.toString("utf8")
      if (/macroEnabled|vbaProject/i.test(xml)) return macros()
      if (!xml.includes("spreadsheetml.sheet.main+xml")) return notXlsx()
    } else if (entry.name.endsWith(".rels") && /relationships\/externalLink"/.test(inflated.toString("utf8"))) {
      return externalLinks()
    } else if (/^xl\/worksheets\/[^/]+\.xml$/i.test(entry.name)) {
      const xml = inflated.toString("utf8")
      rowCount += countMatches(xml, ROW_ELEMENT)
      if (rowCount > limits.maxRows) return tooManyRows(limits)
      cellCount += countMatches(xml, CELL_ELEMENT)
      if (cellCount > limits.maxCells) return tooManyCells(limits)
    }
  }
  return { entries, rowCount, cellCount }
}

const macros = () =>
  refuse(
    "macros",
    "マクロ（VBA）を含むブックは受け付けられません。マクロなしの「Excelブック (*.xlsx)」として保存し直してください。",
    'Workbooks with macros (VBA) are refused. Save it as a macro-free "Excel Workbook (*.xlsx)".'
  )

const externalLinks = () =>
  refuse(
    "externalLinks",
    "他のファイルへのリンク（外部参照）を含むブックは受け付けられません。「リンクの解除」をしてから保存してください。",
    "Workbooks with links to other files (external references) are refused. Break the links and save again."
  )
