/**
 * Files for tests of the import, here once for this package's tests and the reliability suite:
 * a plain zip writer and workbooks as large as the limits allow, or larger.
 */
import { randomBytes } from "node:crypto"
import { crc32, deflateRawSync } from "node:zlib"

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

const columnName = (index: number): string => {
  let name = ""
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name
  return name
}

export interface GeneratedWorkbook {
  readonly sheets: number
  readonly rowsPerSheet: number
  readonly cellsPerRow: number
  /** Each cell: a number (small, compressible) or random text of this many characters. */
  readonly textLength?: number
}

/**
 * A plain, valid .xlsx with `sheets` × `rowsPerSheet` × `cellsPerRow` cells, written as XML
 * directly (building the hostile ones cell by cell in a library would take gigabytes). With
 * numbers it reproduces the 9.6 MB workbook of 95 × 52 × 730 cells; with random text, a file near
 * the size limit that stays within the cell limit.
 */
export const generatedWorkbook = ({ sheets, rowsPerSheet, cellsPerRow, textLength }: GeneratedWorkbook): Buffer => {
  const files: Array<ZipFile> = []
  const sheetEntries: Array<string> = []
  const relations: Array<string> = []
  for (let sheet = 1; sheet <= sheets; sheet++) {
    const rows: Array<string> = []
    for (let row = 1; row <= rowsPerSheet; row++) {
      const cells: Array<string> = []
      for (let cell = 0; cell < cellsPerRow; cell++) {
        const ref = `${columnName(cell)}${row}`
        cells.push(
          textLength === undefined
            ? `<c r="${ref}"><v>${(row + cell) % 10}</v></c>`
            : `<c r="${ref}" t="inlineStr"><is><t>${randomBytes(Math.ceil((textLength * 3) / 4))
                .toString("base64")
                .slice(0, textLength)}</t></is></c>`
        )
      }
      rows.push(`<row r="${row}">${cells.join("")}</row>`)
    }
    files.push({
      name: `xl/worksheets/sheet${sheet}.xml`,
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join("")}</sheetData></worksheet>`
      )
    })
    sheetEntries.push(`<sheet name="Sheet${sheet}" sheetId="${sheet}" r:id="rId${sheet}"/>`)
    relations.push(
      `<Relationship Id="rId${sheet}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${sheet}.xml"/>`
    )
  }
  const overrides = Array.from(
    { length: sheets },
    (_, index) =>
      `<Override PartName="/xl/worksheets/sheet${index + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`
  )
  return zip([
    {
      name: "[Content_Types].xml",
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${overrides.join("")}</Types>`
      )
    },
    {
      name: "_rels/.rels",
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
      )
    },
    {
      name: "xl/workbook.xml",
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheetEntries.join("")}</sheets></workbook>`
      )
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${relations.join("")}</Relationships>`
      )
    },
    ...files
  ])
}

/** The workbook of the report: 95 sheets × 52 rows × 730 cells, about 9.6 MB, within the old limits. */
export const hostileWorkbook = () => generatedWorkbook({ sheets: 95, rowsPerSheet: 52, cellsPerRow: 730 })

/** Near the 10 MB file limit, and within the row and cell limits: a file the import must read. */
export const largeLegalWorkbook = () =>
  generatedWorkbook({ sheets: 1, rowsPerSheet: 2_500, cellsPerRow: 13, textLength: 400 })
