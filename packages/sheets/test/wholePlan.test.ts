import { describe, expect, it } from "@effect/vitest"
import {
  addArea,
  addObjective,
  addPolicy,
  AgencyId,
  AreaNo,
  BasicPolicyNo,
  fiscalYear,
  type Initiative,
  InitiativeNo,
  ObjectiveNo,
  openingReview,
  PlanId,
  type Review
} from "@sukoyaka/core"
import { Result } from "effect"
import { diffImport, exportJson, exportWorkbook, META_SHEET_NAME, rowsByObjective, sheetNameOf } from "../src/index.ts"
import { dataset, FY2024, inFY2024, loadExcel, readOk, rowWhere, sheetOf } from "./helpers.ts"

// A second basic policy whose area numbers its objectives from ① too, as the whole plan does.
const withPolicy1 = (() => {
  let plan = Result.getOrThrow(
    addPolicy(dataset.plan, { no: BasicPolicyNo.make(1), title: "生活習慣の改善", position: 0 })
  ).plan
  plan = Result.getOrThrow(addArea(plan, 1, { no: AreaNo.make(1), title: "栄養・食生活" })).plan
  const ref = { policyNo: BasicPolicyNo.make(1), areaNo: AreaNo.make(1) }
  plan = Result.getOrThrow(
    addObjective(plan, ref, {
      no: ObjectiveNo.make(1),
      title: "野菜の摂取の推進",
      statement: "野菜の摂取を推進します。"
    })
  ).plan
  return Result.getOrThrow(
    addObjective(plan, ref, { no: ObjectiveNo.make(2), title: "減塩", statement: "", until: fiscalYear(2023) })
  ).plan
})()

const vegetables: Initiative = {
  ...dataset.initiatives[0]!,
  planId: PlanId.make(dataset.plan.id),
  no: InitiativeNo.make(1),
  policyNo: BasicPolicyNo.make(1),
  areaNo: AreaNo.make(1),
  objectiveNo: ObjectiveNo.make(1),
  name: "野菜を食べよう講座",
  content: "● 講座を開きます。",
  agencies: [AgencyId.make("kenko-shien")],
  status: "discontinued",
  since: null,
  until: fiscalYear(2024),
  notes: []
}
const vegetablesReview: Review = {
  ...openingReview(vegetables.planId, vegetables.no, FY2024),
  actions: "講座を3回開いた。",
  selfRating: "A",
  ratingReason: "予定どおり。"
}

const snapshot = {
  ...dataset,
  plan: withPolicy1,
  initiatives: [vegetables, ...dataset.initiatives],
  reviews: [vegetablesReview, ...dataset.reviews]
}
const fy2024 = sheetOf()

describe("the workbook of a plan of more than one area", () => {
  it("names each objective's tab with its policy and area, so that two ① never collide", async () => {
    const workbook = await loadExcel(await exportWorkbook(snapshot, fy2024))
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      "1-1①野菜",
      "3-1①こども・若者",
      "3-1②職場等",
      "3-1③関係機関",
      "3-1④相談できる場所",
      META_SHEET_NAME
    ])
  })

  it("carries the new initiative on its own objective's sheet, with the header of its own policy and area", async () => {
    const workbook = await loadExcel(await exportWorkbook(snapshot, fy2024))
    const sheet = workbook.getWorksheet("1-1①野菜")!
    const row = sheet.getRow(rowWhere(sheet, (candidate) => candidate.getCell(2).value === "1"))
    expect(row.getCell(3).value).toBe("野菜を食べよう講座")
    expect(row.getCell(6).value).toBe("講座を3回開いた。")
    expect(String(sheet.getCell("A1").value)).toContain("【基本方針１】　令和６年度実施結果")
    expect(String(sheet.getCell("A3").value)).toBe("基本方針１　生活習慣の改善　／　１　栄養・食生活")
    const texts: Array<string> = []
    sheet.eachRow((r) => r.eachCell((cell) => texts.push(String(cell.value))))
    // Its area's objectives in effect in FY2024 (② ended in FY2023), none of basic policy 3's, and no target of 3-1.
    expect(texts).toContain("①　野菜の摂取を推進します。")
    expect(texts.some((text) => text.startsWith("②　"))).toBe(false)
    expect(texts.some((text) => text.includes("自殺死亡率"))).toBe(false)
    // The seed's ① keeps its own rows.
    const seedSheet = workbook.getWorksheet("3-1①こども・若者")!
    expect(() => rowWhere(seedSheet, (candidate) => candidate.getCell(2).value === "1")).toThrow()
    expect(rowWhere(seedSheet, (candidate) => candidate.getCell(2).value === "57")).toBeGreaterThan(0)
  })

  it("reads back as an unchanged diff, the new row included", async () => {
    const parsed = await readOk(await exportWorkbook(snapshot, fy2024))
    expect(parsed.rows).toHaveLength(56)
    const diff = diffImport(parsed, snapshot, inFY2024)
    expect(diff.unchanged).toHaveLength(56)
    expect(diff.problems).toEqual([])
  })

  it("leaves out of a year's sheet an initiative not in effect that year, unless it has a review in it", () => {
    const nextYear = rowsByObjective({ ...snapshot, reviews: [] }, { fiscalYear: fiscalYear(2025) })
    const nos = nextYear.flatMap((group) => group.rows.map((row) => row.initiative.no))
    expect(nos).not.toContain(1)
    expect(nos).not.toContain(64)
    expect(nos).toHaveLength(54)
    const kept = rowsByObjective(
      { ...snapshot, reviews: [{ ...vegetablesReview, fiscalYear: fiscalYear(2025) }] },
      { fiscalYear: fiscalYear(2025) }
    )
    expect(kept.flatMap((group) => group.rows.map((row) => row.initiative.no))).toContain(1)
  })

  it("says each objective's policy and area in the JSON export", () => {
    const json = JSON.parse(exportJson(snapshot, fy2024)) as {
      objectives: Array<{ policyNo: number; areaNo: number; no: number }>
    }
    expect(json.objectives.map((o) => [o.policyNo, o.areaNo, o.no])).toEqual([
      [1, 1, 1],
      [3, 1, 1],
      [3, 1, 2],
      [3, 1, 3],
      [3, 1, 4]
    ])
  })

  it("shortens a long title to fit Excel's 31 characters, never the numbers", () => {
    const [place] = rowsByObjective(snapshot, fy2024).map((group) => group.place)
    const long = {
      ...place!,
      policy: { ...place!.policy, no: BasicPolicyNo.make(12) },
      area: { ...place!.area, no: AreaNo.make(10) },
      objective: { ...place!.objective, title: "あ".repeat(40) }
    }
    const name = sheetNameOf(long, true)
    expect(name).toHaveLength(31)
    expect(name.startsWith("12-10①あ")).toBe(true)
    expect(sheetNameOf(place!, false)).toBe("①野菜")
  })
})
