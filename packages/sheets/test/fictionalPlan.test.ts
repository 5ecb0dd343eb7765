import { describe, expect, it } from "@effect/vitest"
import { contentsOfDefinition, defaultRatingPolicy, fiscalYear, type PlanSnapshot } from "@sukoyaka/core"
import { fictionalPlanDefinition } from "@sukoyaka/core/testing"
import { exportWorkbook, META_SHEET_NAME } from "../src/index.ts"
import { loadExcel, rowWhere } from "./helpers.ts"

// The fictional plan of examples/plan-definition.json as loaded, before any review is written.
const definition = fictionalPlanDefinition()
const FY2025 = fiscalYear(2025)
const snapshot: PlanSnapshot = {
  ...contentsOfDefinition(definition),
  reviews: [],
  ratingPolicy: defaultRatingPolicy(definition.plan.id, FY2025)
}

describe("the workbook of the fictional plan (two basic policies, each area numbering from ①)", () => {
  it("gives each ① a tab of its own, named with its policy and area", async () => {
    const workbook = await loadExcel(await exportWorkbook(snapshot, { fiscalYear: FY2025 }))
    const names = workbook.worksheets.map((sheet) => sheet.name)
    expect(names).toEqual(["1-1①野菜", "1-1②減塩", "2-1①睡眠", "2-1②相談できる場所", META_SHEET_NAME])
    expect(new Set(names).size).toBe(names.length)
    // Each ① carries its own initiative: No. 1 under policy 1, No. 3 under policy 2.
    const first = workbook.getWorksheet("1-1①野菜")!
    const second = workbook.getWorksheet("2-1①睡眠")!
    expect(rowWhere(first, (row) => row.getCell(2).value === "1")).toBeGreaterThan(0)
    expect(() => rowWhere(first, (row) => row.getCell(2).value === "3")).toThrow()
    expect(rowWhere(second, (row) => row.getCell(2).value === "3")).toBeGreaterThan(0)
    expect(String(second.getCell("A3").value)).toBe("基本方針２　こころの健康づくり　／　１　休養・睡眠")
  })
})
