import { describe, expect, it } from "@effect/vitest"
import { Result } from "effect"
import { Workbook } from "@cj-tech-master/excelts"
import { randomBytes } from "node:crypto"
import { exportWorkbook, type RefusalReason } from "../src/index.ts"
import { dataset, loadExcel, read, saveExcel, sheetOf, unzip, zip } from "./helpers.ts"

const refusalOf = async (
  buffer: Buffer,
  limits?: Parameters<typeof read>[1]
): Promise<{ reason: RefusalReason; ja: string; en: string }> => {
  const result = await read(buffer, limits)
  if (Result.isSuccess(result)) throw new Error("the file was accepted")
  expect(result.failure._tag).toBe("WorkbookRefused")
  expect(result.failure.ja).not.toBe("")
  expect(result.failure.en).not.toBe("")
  return result.failure
}

const seedWorkbook = () => exportWorkbook(dataset, sheetOf({ agencyId: "kenko-shien" }))

/** The exported workbook with some parts added or replaced, re-zipped. */
const withParts = async (parts: Record<string, string | Buffer>): Promise<Buffer> => {
  const files = unzip(await seedWorkbook()).filter((file) => !(file.name in parts))
  return zip([...files, ...Object.entries(parts).map(([name, data]) => ({ name, data: Buffer.from(data) }))])
}

describe("hostile files are refused before anything is read", () => {
  it("refuses random bytes as not an xlsx", async () => {
    expect((await refusalOf(randomBytes(4096))).reason).toBe("notXlsx")
  })

  it("refuses a zip that is not a spreadsheet (a Word document)", async () => {
    const docx = zip([
      {
        name: "[Content_Types].xml",
        data: Buffer.from(
          '<Types><Override ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
        )
      },
      { name: "word/document.xml", data: Buffer.from("<w:document/>") }
    ])
    expect((await refusalOf(docx)).reason).toBe("notXlsx")
  })

  it("refuses a password-protected or .xls file (an OLE container)", async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), randomBytes(1024)])
    expect((await refusalOf(ole)).reason).toBe("encrypted")
  })

  it("refuses a file over the size limit", async () => {
    const refusal = await refusalOf(Buffer.concat([await seedWorkbook(), Buffer.alloc(11 * 1024 * 1024)]))
    expect(refusal.reason).toBe("tooLarge")
    expect(refusal.ja).toContain("10 MB")
  })

  it("refuses a zip whose entry inflates hugely (declared honestly)", async () => {
    const bomb = zip([
      ...unzip(await seedWorkbook()),
      { name: "xl/media/padding.bin", data: Buffer.alloc(40 * 1024 * 1024) }
    ])
    expect(bomb.length).toBeLessThan(1024 * 1024)
    expect((await refusalOf(bomb)).reason).toBe("zipBomb")
  })

  it("refuses a zip whose directory lies about an entry's size", async () => {
    const files = unzip(await seedWorkbook()).map((file) =>
      file.name === "xl/worksheets/sheet1.xml"
        ? {
            ...file,
            data: Buffer.concat([file.data, Buffer.alloc(20 * 1024 * 1024)]),
            declaredSize: file.data.length
          }
        : file
    )
    const refusal = await refusalOf(zip(files))
    expect(refusal.reason).toBe("zipBomb")
    expect(refusal.en).toContain("beyond its declared size")
  })

  it("refuses a workbook with a formula, naming the cell", async () => {
    const workbook = await loadExcel(await seedWorkbook())
    const sheet = workbook.worksheets[0]!
    sheet.getCell("G15").value = { formula: "1300+90", result: 1390 }
    const refusal = await refusalOf(await saveExcel(workbook))
    expect(refusal.reason).toBe("formulas")
    expect(refusal.ja).toContain(`${sheet.name}!G15`)
  })

  it("refuses a formula that also carries a hyperlink, which reads as a link to its cached text", async () => {
    const sheet = unzip(await seedWorkbook()).find((file) => file.name === "xl/worksheets/sheet1.xml")!
    const linkedFormula = sheet.data
      .toString("utf8")
      .replace(/<c r="G12"[^>]*?(\/>|>.*?<\/c>)/, '<c r="G12" t="str"><f>"９，９９９人"</f><v>９，９９９人</v></c>')
      .replace(
        "</dataValidations>",
        '</dataValidations><hyperlinks><hyperlink ref="G12" location="A1" display="A1"/></hyperlinks>'
      )
    expect(linkedFormula).toContain('<f>"９，９９９人"</f>')
    expect(linkedFormula).toContain('<hyperlink ref="G12"')
    const refusal = await refusalOf(await withParts({ "xl/worksheets/sheet1.xml": linkedFormula }))
    expect(refusal.reason).toBe("formulas")
    expect(refusal.ja).toContain("①こども・若者!G12")
  })

  it.each([
    ["nested entities (billion laughs)", "&c;"],
    ["an external entity (a file of the server)", "&x;"]
  ])("refuses a part whose DOCTYPE declares %s as unreadable", async (_, entity) => {
    const doctype =
      '<!DOCTYPE sst [<!ENTITY a "AAAAAAAAAA"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">' +
      '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY x SYSTEM "file:///etc/hostname">]>'
    const strings = unzip(await seedWorkbook())
      .find((file) => file.name === "xl/sharedStrings.xml")!
      .data.toString("utf8")
    const declared = strings
      .replace("?>", `?>${doctype}`)
      .replace("<t>母子健康手帳交付：820人</t>", `<t>母子健康手帳交付：820人${entity}</t>`)
    expect(declared).toContain(doctype)
    expect(declared).toContain(`820人${entity}</t>`)
    const refusal = await refusalOf(await withParts({ "xl/sharedStrings.xml": declared }))
    expect(refusal.reason).toBe("unreadable")
  })

  it("refuses a workbook with an external link part", async () => {
    const linked = await withParts({
      "xl/externalLinks/externalLink1.xml":
        '<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><externalBook r:id="rId1"/></externalLink>'
    })
    expect((await refusalOf(linked)).reason).toBe("externalLinks")
  })

  it("refuses a workbook with a macro project (vbaProject.bin)", async () => {
    expect((await refusalOf(await withParts({ "xl/vbaProject.bin": randomBytes(2048) }))).reason).toBe("macros")
  })

  it("refuses an .xlsm by its content type", async () => {
    const contentTypes = unzip(await seedWorkbook())
      .find((file) => file.name === "[Content_Types].xml")!
      .data.toString("utf8")
    const xlsm = contentTypes.replace(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
      "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
    )
    expect(xlsm).not.toBe(contentTypes)
    expect((await refusalOf(await withParts({ "[Content_Types].xml": xlsm }))).reason).toBe("macros")
  })

  it("refuses more rows than the limit", async () => {
    const workbook = new Workbook()
    const sheet = workbook.addWorksheet("①こども・若者")
    for (let row = 1; row <= 5_001; row++) sheet.getCell(row, 2).value = String(row)
    const refusal = await refusalOf(await saveExcel(workbook))
    expect(refusal.reason).toBe("tooManyRows")
    expect(refusal.ja).toContain("5000")
  })

  it("accepts the same workbook under the limits", async () => {
    const result = await read(await seedWorkbook())
    expect(Result.isSuccess(result)).toBe(true)
  })
})
