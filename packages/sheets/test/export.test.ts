import { describe, expect, it } from "@effect/vitest"
import { fiscalYearLabelJa, formatRatingCell, sheetColumns, sheetHeadings } from "@sukoyaka/core"
import {
  diffImport,
  exportCsv,
  exportJson,
  exportWorkbook,
  KEY_COLUMN_INDEX,
  META_SHEET_NAME,
  targetLines
} from "../src/index.ts"
import { dataset, FY2024, inFY2024, loadExcel, readOk, rowWhere, expectNothingChanged, sheetOf } from "./helpers.ts"

describe("exportWorkbook: the seed's layout", () => {
  it("exports then imports the whole seed as an empty diff", async () => {
    const parsed = await readOk(await exportWorkbook(dataset, sheetOf()))
    expect(parsed.rows).toHaveLength(55)
    expect(parsed.problems).toEqual([])
    const diff = diffImport(parsed, dataset, inFY2024)
    expectNothingChanged(diff)
  })

  it("has one sheet per objective with the title, the targets, the legend and the A–L headings", async () => {
    const workbook = await loadExcel(await exportWorkbook(dataset, sheetOf()))
    const names = workbook.worksheets.map((sheet) => sheet.name)
    expect(names).toEqual(["①こども・若者", "②職場等", "③関係機関", "④相談できる場所", META_SHEET_NAME])
    const sheet = workbook.getWorksheet("①こども・若者")!
    const title = String(sheet.getCell("A1").value)
    expect(title).toBe(
      `苫小牧市健康増進計画『健やか とまこまい step３』　【基本方針３】　${fiscalYearLabelJa(FY2024)}実施結果、令和７年度実施計画（案）`
    )
    expect(title).toContain("令和６年度実施結果、令和７年度実施計画（案）")
    const texts: Array<string> = []
    sheet.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value))))
    expect(texts.join("\n")).not.toContain("#REF!")
    expect(texts).toContain("■　自殺死亡率の減少（人口10万人あたり）　【13.0】")
    expect(texts).toContain(
      "課の自己評価の記載　【Ａ　順調　、　Ｂ　やや順調　、　Ｃ　やや遅れている　、　Ｄ　遅れている】"
    )
    const headings = sheetHeadings(FY2024)
    const headingRowNumber = rowWhere(sheet, (row) => row.getCell(2).value === "Ｎｏ.")
    const headingRow = sheet.getRow(headingRowNumber)
    expect(sheetColumns.map((_, index) => headingRow.getCell(index + 1).value)).toEqual(
      sheetColumns.map((column) => headings[column].ja)
    )
    expect(sheet.pageSetup.orientation).toBe("landscape")
    expect(sheet.pageSetup.paperSize).toBe(9)
    expect(sheet.pageSetup.printTitlesRow).toBe(`${headingRowNumber - 1}:${headingRowNumber}`)
    expect(sheet.getRow(headingRowNumber - 1).getCell(1).value).toBe("Ａ列")
    expect(sheet.headerFooter.oddFooter).toContain("&P")
    expect(sheet.getColumn(KEY_COLUMN_INDEX).hidden).toBe(true)
    expect(workbook.getWorksheet(META_SHEET_NAME)!.state).toBe("veryHidden")
  })

  it("writes every cell of a row verbatim (No. 57)", async () => {
    const workbook = await loadExcel(await exportWorkbook(dataset, sheetOf()))
    const sheet = workbook.getWorksheet("①こども・若者")!
    const initiative = dataset.initiatives.find((candidate) => candidate.no === 57)!
    const review = dataset.reviews.find((candidate) => candidate.initiativeNo === 57)!
    const row = sheet.getRow(rowWhere(sheet, (candidate) => candidate.getCell(2).value === "57"))
    expect(row.getCell(1).value).toBe(initiative.lifeStagesText)
    expect(row.getCell(2).value).toBe("57")
    expect(row.getCell(3).value).toBe(initiative.name)
    expect(row.getCell(4).value).toBe(initiative.content)
    expect(row.getCell(5).value).toBe("こども育成課")
    expect(row.getCell(6).value).toBe(review.actions)
    expect(row.getCell(7).value).toBe(review.resultText)
    expect(row.getCell(8).value).toBe(review.plannedText)
    expect(row.getCell(9).value).toBe(formatRatingCell(review.selfRating))
    expect(row.getCell(10).value).toBe(review.ratingReason)
    expect(row.getCell(11).value).toBe(review.next.actions)
    expect(row.getCell(12).value).toBe(review.next.plannedText)
    expect(row.getCell(6).alignment?.wrapText).toBe(true)
  })

  it("prints each target line with its value, the same as the seed's ■ lines", () => {
    expect(targetLines(dataset.targets)).toEqual([...new Set(dataset.targets.map((target) => target.text))])
  })
})

describe("exportCsv and exportJson", () => {
  it("writes UTF-8 with a BOM, the A–L headings and RFC 4180 quoting with line breaks", () => {
    const csv = exportCsv(dataset, sheetOf()).toString("utf8")
    expect(csv.startsWith("\uFEFF")).toBe(true)
    const [header] = csv.slice(1).split("\r\n")
    expect(header).toContain("令和６年度実施結果")
    expect(header).toContain("計画ID (planId)")
    const review57 = dataset.reviews.find((review) => review.initiativeNo === 57)!
    expect(csv).toContain(`"${review57.actions.replace(/"/g, '""')}"`)
    // 55 records plus the header, each ending in CRLF (line breaks inside cells stay LF).
    expect(csv.split("\r\n").filter((line) => line !== "")).toHaveLength(56)
  })

  it("writes the rows and versions as JSON", () => {
    const json = JSON.parse(exportJson(dataset, sheetOf({ agencyId: "kenko-shien" })))
    const nos = json.objectives.flatMap((objective: { rows: Array<{ no: number }> }) =>
      objective.rows.map((row) => row.no)
    )
    expect(nos).toEqual([58, 85, 86, 88, 89, 91, 96, 97, 98])
    expect(json.objectives[0].rows[0].reviewVersion).toBe(1)
  })
})
