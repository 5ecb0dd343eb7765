import { describe, expect, it } from "@effect/vitest"
import {
  coverageFlags,
  coverageRows,
  coverageTotals,
  defaultSurveyColumns,
  frameworkProblem,
  surveyTable,
  tagInEffect,
  tagListProblem
} from "../src/index.ts"
import { measure, measures, tagged } from "./frameworkFixtures.ts"

describe("coverage flags", () => {
  it("flags an empty measure, and a recommended one that is empty", () => {
    expect(coverageFlags([], false)).toEqual(["empty"])
    expect(coverageFlags([], true)).toEqual(["empty", "recommendedEmpty"])
  })
  it("flags one initiative, or initiatives all rated Ｃ/Ｄ, as thin", () => {
    expect(coverageFlags([{ rating: "A" }], false)).toEqual(["thin"])
    expect(coverageFlags([{ rating: "C" }, { rating: "D" }], false)).toEqual(["thin"])
    expect(coverageFlags([{ rating: "C" }, { rating: null }], false)).toEqual([])
    expect(coverageFlags([{ rating: "A" }, { rating: "C" }], true)).toEqual([])
  })
  it("counts a child's initiatives under its parent, parents first, in order", () => {
    const rows = coverageRows(
      measures,
      [tagged(88, "13(1)", "C"), tagged(68, "13", "A"), tagged(60, "11", "A"), tagged(58, "11", "B")],
      new Set(["9"])
    )
    expect(rows.map((row) => row.code)).toEqual(["9", "11", "13", "13(1)"])
    const byCode = new Map(rows.map((row) => [row.code, row]))
    expect(byCode.get("13")!.initiatives.map((i) => i.no)).toEqual([68, 88])
    expect(byCode.get("13")!.ratingMix).toEqual({ A: 1, B: 0, C: 1, D: 0, unrated: 0 })
    expect(byCode.get("13(1)")!.flags).toEqual(["thin"])
    expect(byCode.get("9")!.flags).toEqual(["empty", "recommendedEmpty"])
    expect(byCode.get("11")!.flags).toEqual([])
    expect(coverageTotals(rows)).toEqual({ measures: 4, empty: 1, thin: 1, recommendedEmpty: 1 })
  })
  it("counts an initiative once under a measure, primary when either tag is", () => {
    const rows = coverageRows(
      measures,
      [{ ...tagged(68, "13(1)", "A"), role: "secondary" }, tagged(68, "13", "A")],
      new Set()
    )
    expect(rows.find((row) => row.code === "13")!.initiatives).toEqual([
      expect.objectContaining({ no: 68, role: "primary" })
    ])
  })
})

describe("framework files and tags", () => {
  it("finds a code twice, a missing parent and a cycle", () => {
    expect(frameworkProblem({ measures })).toBeNull()
    expect(frameworkProblem({ measures: [...measures, measure("9", null, 1)] })).toMatch(/twice/)
    expect(frameworkProblem({ measures: [measure("1", "2", 1)] })).toMatch(/parent 2/)
    expect(frameworkProblem({ measures: [measure("1", "2", 1), measure("2", "1", 2)] })).toMatch(/cycle/)
  })
  it("keeps a tag to its years", () => {
    const tag = { since: 2023, until: 2024 }
    expect([2022, 2023, 2024, 2025].map((year) => tagInEffect(tag, year))).toEqual([false, true, true, false])
    expect(tagInEffect({ since: 2023, until: null }, 2030)).toBe(true)
  })
  it("refuses an end before the start and a tag twice", () => {
    const tag = {
      frameworkId: "taikou-r4",
      measureCode: "13",
      since: 2024,
      until: null,
      role: "primary",
      rationale: ""
    } as never
    expect(tagListProblem([tag])).toBeNull()
    expect(tagListProblem([tag, tag])).toMatch(/twice/)
    expect(tagListProblem([{ ...(tag as object), until: 2023 } as never])).toMatch(/before/)
  })
})

describe("survey table", () => {
  it("follows the column map, codes of one framework or all", () => {
    const facts = {
      cityCode: "012131",
      fiscalYear: 2024,
      initiativeNo: 88,
      initiativeName: "産後ケア",
      agencies: ["健康支援課"],
      objective: "妊産婦を支える",
      tags: [
        { frameworkId: "taikou-r4", measureCode: "13(1)" },
        { frameworkId: "jscp-package", measureCode: "P5" }
      ],
      carriedOut: true,
      figures: "利用者 10人",
      rating: "C" as const,
      ratingReason: "利用が少ない",
      continues: true
    }
    const table = surveyTable(
      [
        { heading: "No", field: "initiativeNo" },
        { heading: "大綱", field: "measureCodes", framework: "taikou-r4" as never },
        { heading: "all", field: "measureCodes" },
        { heading: "継続", field: "continuation" }
      ],
      [facts]
    )
    expect(table.header).toEqual(["No", "大綱", "all", "継続"])
    expect(table.rows).toEqual([["88", "13(1)", "taikou-r4:13(1);jscp-package:P5", "継続"]])
    expect(surveyTable(defaultSurveyColumns, [facts]).rows[0]).toHaveLength(12)
  })
})
