import { describe, expect, it } from "@effect/vitest"
import { diffImport, exportWorkbook } from "../src/index.ts"
import { dataset, inFY2024, loadExcel, readOk, saveExcel, sheetOf } from "./helpers.ts"

const AGENCY = "kenko-shien"

/** A returned sheet's rows with Nos. the plan does not have: the secretariat's proposals (ADR 0010). */
describe("new rows", () => {
  it("proposes a new row to the secretariat only, and only when its sheet and agencies are known", async () => {
    const workbook = await loadExcel(await exportWorkbook(dataset, sheetOf()))
    const sheet = workbook.getWorksheet("①こども・若者")!
    const first = sheet.rowCount + 1
    sheet.getRow(first).values = ["乳幼児期", "121", "親子の新しい講座", "内容", "健康支援課", "開始した。"]
    sheet.getRow(first + 1).values = ["乳幼児期", "122", "架空の講座", "", "存在しない課", "開始した。"]
    const parsed = await readOk(await saveExcel(workbook))
    const admin = { id: "admin", role: "admin" as const, agencies: [] }
    const asAdmin = diffImport(parsed, dataset, { ...inFY2024, actor: admin })
    expect(asAdmin.newRows.map((row) => row.no)).toEqual([121, 122])
    expect(asAdmin.proposals.map((proposal) => [proposal.no, proposal.initiative.objectiveNo])).toEqual([[121, 1]])
    expect(asAdmin.problems).toEqual([
      expect.objectContaining({ code: "newRowUnknownAgency", row: first + 1, column: "E", severity: "warning" })
    ])
    expect(asAdmin.canApply).toBe(true)

    const editor = { id: "kenko", role: "editor" as const, agencies: [AGENCY as never] }
    const asEditor = diffImport(parsed, dataset, { ...inFY2024, actor: editor })
    expect(asEditor.proposals).toEqual([])
    expect(asEditor.problems.map((problem) => problem.code)).toEqual(["newRow", "newRow"])
  })
})
