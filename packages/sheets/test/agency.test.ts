import { describe, expect, it } from "@effect/vitest"
import type { CellValue, Row, Workbook, Worksheet } from "@cj-tech-master/excelts"
import { agencyEditableColumns, diffImport, exportWorkbook, KEY_COLUMN_INDEX } from "../src/index.ts"
import { dataset, expectAgencyEdits, inFY2024, loadExcel, readOk, rowWhere, saveExcel, sheetOf } from "./helpers.ts"

const AGENCY = "kenko-shien"
const agencyNos = dataset.initiatives
  .filter((initiative) => initiative.agencies.some((id) => id === AGENCY))
  .map((initiative) => initiative.no)
  .sort((a, b) => a - b)

const dataRows = (sheet: Worksheet): Array<Row> => {
  const rows: Array<Row> = []
  sheet.eachRow((row) => {
    if (/^\d+$/.test(String(row.getCell(2).value ?? ""))) rows.push(row)
  })
  return rows
}

const rowOf = (workbook: Workbook, no: number): Row => {
  for (const sheet of workbook.worksheets) {
    const found = dataRows(sheet).find((row) => row.getCell(2).value === String(no))
    if (found) return found
  }
  throw new Error(`No. ${no} not found`)
}

describe("per-agency export", () => {
  it("holds only the agency's rows, protected, with F–L unlocked and a list on I", async () => {
    const workbook = await loadExcel(await exportWorkbook(dataset, sheetOf({ agencyId: AGENCY })))
    const sheets = workbook.worksheets.filter((sheet) => sheet.state === "visible")
    expect(sheets.map((sheet) => sheet.name)).toEqual(["①こども・若者", "③関係機関", "④相談できる場所"])
    const nos = sheets.flatMap((sheet) => dataRows(sheet).map((row) => Number(row.getCell(2).value)))
    expect(nos).toEqual(agencyNos)
    for (const sheet of sheets) {
      // The <sheetProtection> element as read back from the file.
      expect(sheet.sheetProtection?.sheet).toBe(true)
      for (const row of dataRows(sheet)) {
        for (let column = 1; column <= 12; column++) {
          const letter = String.fromCharCode(64 + column)
          const unlocked = (agencyEditableColumns as ReadonlyArray<string>).includes(letter)
          expect(row.getCell(column).protection?.locked ?? true, `${sheet.name}!${letter}${row.number}`).toBe(!unlocked)
        }
        expect(row.getCell(KEY_COLUMN_INDEX).protection?.locked ?? true).toBe(true)
        expect(row.getCell(9).dataValidation).toMatchObject({
          type: "list",
          formulae: ['"Ａ　順調,Ｂ　やや順調,Ｃ　やや遅れている,Ｄ　遅れている"']
        })
      }
      // The header block is locked too.
      expect(sheet.getCell("A1").protection?.locked ?? true).toBe(true)
    }
  })

  it("imports an edited sheet as exactly the edits, through reordered rows, a blank row and a renamed sheet", async () => {
    const workbook = await loadExcel(await exportWorkbook(dataset, sheetOf({ agencyId: AGENCY })))
    rowOf(workbook, 88).getCell(9).value = "ｂ" // rating: Ｃ → Ｂ, typed as a full-width lower-case letter
    rowOf(workbook, 89).getCell(7).value = "母子健康手帳交付：１，２００人" // a figure, full-width
    const newReason = "講座の参加者が増え、計画を上回った。\r\n来年度も継続する。"
    rowOf(workbook, 91).getCell(10).value = newReason

    const sheet = workbook.getWorksheet("④相談できる場所")!
    const rows = dataRows(sheet)
    const first = rows[0]!.number
    const values = rows.map((row) => row.values as Array<CellValue>)
    // Reverse the rows, then insert a blank row between the first two.
    values.reverse().forEach((rowValues, index) => {
      sheet.getRow(first + index).values = rowValues
    })
    sheet.insertRow(first + 1, [])
    sheet.name = "相談・人材育成（健康支援課）"

    const parsed = await readOk(await saveExcel(workbook))
    expect(parsed.problems).toEqual([])
    expect(parsed.rows.map((row) => row.no).sort((a, b) => a - b)).toEqual(agencyNos)
    expect(parsed.rows.find((row) => row.no === 98)!.sheet).toBe("相談・人材育成（健康支援課）")

    const diff = diffImport(parsed, dataset, inFY2024)
    expect(diff.problems).toEqual([])
    expect(diff.conflicts).toEqual([])
    expect(diff.newRows).toEqual([])
    expect(diff.missingRows).toEqual([])
    expect(diff.canApply).toBe(true)
    expect(diff.unchanged.map((row) => row.no).sort((a, b) => a - b)).toEqual(
      agencyNos.filter((no) => ![88, 89, 91].includes(no))
    )
    expectAgencyEdits(diff, newReason)

    const update89 = diff.updates.find((update) => update.no === 89)!
    const review89 = dataset.reviews.find((review) => review.initiativeNo === 89)!
    expect(update89.expectedVersion).toBe(review89.version)
    expect(update89.versionInSheet).toBe(review89.version)
    // The verbatim text is kept; the structured figure follows it.
    expect(update89.content.resultText).toBe("母子健康手帳交付：１，２００人")
    expect(update89.content.measures).toEqual([{ ...review89.measures[0]!, actual: 1200 }])
    expect(update89.measuresToReview).toEqual([])
    // Everything else of the review is what it was.
    const { measures: _m, resultText: _r, ...rest89 } = update89.content
    expect(rest89).toEqual({
      actions: review89.actions,
      plannedText: review89.plannedText,
      selfRating: review89.selfRating,
      ratingReason: review89.ratingReason,
      next: review89.next
    })
    expect(diff.updates.find((update) => update.no === 88)!.content.selfRating).toBe("B")
  })

  it("reports a stale version as a conflict and never applies it", async () => {
    const workbook = await loadExcel(await exportWorkbook(dataset, sheetOf({ agencyId: AGENCY })))
    rowOf(workbook, 97).getCell(10).value = "理由を書き直した。"
    const parsed = await readOk(await saveExcel(workbook))
    // Since the export, someone saved No. 97 (its J) and No. 85 (its F) in the system.
    const reviews = dataset.reviews.map((review) =>
      review.initiativeNo === 97
        ? { ...review, ratingReason: "事務局が修正した理由", version: review.version + 1 }
        : review.initiativeNo === 85
          ? { ...review, actions: "事務局が修正した実施結果", version: review.version + 1 }
          : review
    )
    const diff = diffImport(parsed, { ...dataset, reviews }, inFY2024)
    expect(diff.canApply).toBe(false)
    expect(diff.updates).toEqual([])
    expect(diff.conflicts.map((conflict) => [conflict.no, conflict.versionInSheet, conflict.currentVersion])).toEqual([
      [85, 1, 2],
      [97, 1, 2]
    ])
    // No. 85 was not touched in the sheet: applying it would have reverted the other edit.
    expect(diff.conflicts[0]!.changes).toEqual([
      {
        column: "F",
        before: "事務局が修正した実施結果",
        after: dataset.reviews.find((r) => r.initiativeNo === 85)!.actions
      }
    ])
    expect(diff.conflicts[1]!.ja).toContain("出力後に更新されています")
  })
})

describe("reading what people do to a sheet", () => {
  it("reads full-width numbers, rating variants, merged cells and rows without keys", async () => {
    const workbook = await loadExcel(await exportWorkbook(dataset, sheetOf()))
    const sheet = workbook.getWorksheet("①こども・若者")!
    const numbers = new Map(
      [57, 58, 59, 60, 61, 62].map((no) => [
        no,
        rowWhere(sheet, (candidate) => candidate.getCell(2).value === String(no))
      ])
    )
    const row = (no: number) => sheet.getRow(numbers.get(no)!)
    // A row pasted in from an old sheet: no key, No. typed full-width.
    row(57).getCell(KEY_COLUMN_INDEX).value = null
    row(57).getCell(2).value = "５７"
    row(57).getCell(9).value = "Ａ　順調"
    row(57).getCell(10).value = "計画どおり実施した。"
    row(58).getCell(9).value = "A"
    row(60).getCell(9).value = "やや順調" // No. 60 was Ａ
    row(61).getCell(6).value = {
      richText: [{ text: "市内中学校（１5校）に配置した。" }, { text: "\r\n（以上）" }]
    }
    // Someone merged the life stage cells of two rows that share 学童期 (58 and 59).
    sheet.mergeCells(row(58).number, 1, row(59).number, 1)
    row(62).getCell(9).value = "とても順調"

    const parsed = await readOk(await saveExcel(workbook))
    const diff = diffImport(parsed, dataset, inFY2024)
    const byNo = (no: number) => diff.updates.find((update) => update.no === no)
    expect(diff.unchanged.map((place) => place.no)).toEqual(expect.arrayContaining([58, 59]))
    expect(byNo(57)!.changes).toEqual([{ column: "J", before: expect.any(String), after: "計画どおり実施した。" }])
    expect(byNo(57)!.versionInSheet).toBeNull()
    expect(byNo(57)!.expectedVersion).toBe(1)
    expect(byNo(60)!.changes).toEqual([{ column: "I", before: "Ａ　順調", after: "Ｂ　やや順調" }])
    expect(byNo(61)!.content.actions).toBe("市内中学校（１5校）に配置した。\n（以上）")
    expect(diff.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          severity: "warning",
          code: "unversioned",
          sheet: "①こども・若者",
          row: row(57).number,
          column: "B"
        }),
        expect.objectContaining({
          severity: "error",
          code: "invalidRating",
          sheet: "①こども・若者",
          row: row(62).number,
          column: "I"
        })
      ])
    )
    expect(byNo(62)).toBeUndefined()
    expect(diff.canApply).toBe(false)
  })

  it("reports a missing row, a row that is not in the plan, a duplicate and an over-long cell with their places", async () => {
    const workbook = await loadExcel(await exportWorkbook(dataset, sheetOf({ agencyId: AGENCY })))
    const sheet = workbook.getWorksheet("④相談できる場所")!
    const rows = dataRows(sheet)
    sheet.spliceRows(rows.find((row) => row.getCell(2).value === "98")!.number, 1) // No. 98 deleted
    const last = sheet.rowCount + 1
    sheet.getRow(last).values = ["全期対象", "１２０", "新しい事業", "", "健康支援課", "新規に実施した。"]
    sheet.getRow(last + 1).values = ["全期対象", "89", "", "", "", "", "", "", "Ａ"]
    rowOf(workbook, 96).getCell(6).value = "あ".repeat(4001)
    const parsed = await readOk(await saveExcel(workbook))
    const diff = diffImport(parsed, dataset, inFY2024)
    expect(diff.missingRows).toEqual([98])
    expect(diff.newRows).toEqual([{ no: 120, sheet: "④相談できる場所", row: last }])
    expect(diff.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: "duplicateNo", row: last + 1, column: "B" }),
        expect.objectContaining({
          code: "invalidText",
          column: "F",
          ja: "実施結果は4000文字以内です",
          en: "Actions must be at most 4000 characters"
        })
      ])
    )
    expect(diff.updates.map((update) => update.no)).not.toContain(96)
    // Read without an actor (the CLI's), the new row is a proposal: under the objective of its sheet.
    expect(diff.proposals).toEqual([
      expect.objectContaining({
        no: 120,
        sheet: "④相談できる場所",
        initiative: expect.objectContaining({
          no: 120,
          policyNo: 3,
          areaNo: 1,
          objectiveNo: 4,
          name: "新しい事業",
          agencies: [AGENCY],
          lifeStagesText: "全期対象",
          since: 2024,
          markers: { isNew: true, newNote: null, formerName: null }
        }),
        content: expect.objectContaining({ actions: "新規に実施した。" })
      })
    ])
  })
})

describe("who may import what", () => {
  it("refuses rows of another agency in an agency's sheet, and rows the actor may not write", async () => {
    const workbook = await loadExcel(await exportWorkbook(dataset, sheetOf({ agencyId: AGENCY })))
    const sheet = workbook.getWorksheet("①こども・若者")!
    // No. 57 (こども育成課) pasted into 健康支援課's sheet.
    sheet.getRow(sheet.rowCount + 1).values = ["乳幼児期", "57", "", "", "", "書き換えた実施結果"]
    rowOf(workbook, 58).getCell(10).value = "理由を更新した。"
    const parsed = await readOk(await saveExcel(workbook))
    const editor = { id: "kenko", role: "editor" as const, agencies: [AGENCY as never] }
    const diff = diffImport(parsed, dataset, { ...inFY2024, actor: editor })
    expect(diff.problems.map((problem) => problem.code).sort()).toEqual(["notAllowed", "otherAgency"])
    expect(diff.updates).toEqual([])
    // The seed's reviews are approved; back in draft, the agency's own row goes through.
    const reviews = dataset.reviews.map((review) => ({ ...review, status: "draft" as const }))
    const reopened = diffImport(parsed, { ...dataset, reviews }, { ...inFY2024, actor: editor })
    expect(reopened.updates.map((update) => update.no)).toEqual([58])
  })
})
