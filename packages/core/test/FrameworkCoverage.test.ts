import { describe, expect, it } from "@effect/vitest"
import fc from "fast-check"
import {
  type CrosswalkLink,
  type CrosswalkSide,
  crosswalkCarries,
  coverageFlags,
  coverageRows,
  coverageTotals,
  defaultSurveyColumns,
  type FrameworkMeasure,
  frameworkProblem,
  surveyTable,
  tagInEffect,
  tagListProblem,
  type TaggedInitiative
} from "../src/index.ts"

const source = { document: "自殺総合対策大綱", date: "2022-10-14", url: null }
const measure = (code: string, parentCode: string | null, order: number): FrameworkMeasure => ({
  code,
  parentCode,
  nameJa: `施策${code}`,
  nameEn: null,
  order,
  source,
  confirmed: false
})
const measures = [measure("13", null, 13), measure("13(1)", "13", 1), measure("9", null, 9), measure("11", null, 11)]
const tagged = (no: number, measureCode: string, rating: "A" | "B" | "C" | "D" | null): TaggedInitiative => ({
  no,
  name: `事業${no}`,
  agencies: ["健康支援課"],
  rating,
  role: "primary",
  example: false,
  via: null,
  measureCode
})

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

describe("the crosswalk in the coverage report", () => {
  const link = (fromCode: string, toFramework: string, toCode: string, relation: CrosswalkLink["relation"]) =>
    ({ fromCode, toFramework, toCode, relation, confirmed: false, source }) as CrosswalkLink
  const taikou: CrosswalkSide = {
    frameworkId: "taikou-r4",
    name: "大綱",
    measures,
    crosswalk: [link("13", "jscp-package", "J5", "equivalent"), link("9", "jscp-package", "J8", "broader")]
  }
  const jscp: CrosswalkSide = {
    frameworkId: "jscp-package",
    name: "政策パッケージ",
    measures: [measure("J", null, 1), measure("J5", "J", 5), measure("J8", "J", 8)],
    crosswalk: []
  }
  const p2017: CrosswalkSide = {
    frameworkId: "package-2017",
    name: "2017",
    measures: [measure("P", null, 1)],
    crosswalk: [link("P", "jscp-package", "J", "equivalent")]
  }
  const all = [taikou, jscp, p2017]
  const carries = (target: string, frameworkId: string, measureCode: string) =>
    crosswalkCarries(target, all, { frameworkId, measureCode }).map(
      (carry) => `${carry.measureCode} ${carry.via.relation} ${carry.counts ? "counts" : "possibly"}`
    )

  it("carries an equivalent measure both ways, whichever side holds the link", () => {
    expect(carries("jscp-package", "taikou-r4", "13")).toEqual(["J5 equivalent counts"])
    expect(carries("taikou-r4", "jscp-package", "J5")).toEqual(["13 equivalent counts"])
    expect(carries("jscp-package", "package-2017", "P")).toEqual(["J equivalent counts"])
    expect(carries("package-2017", "jscp-package", "J")).toEqual(["P equivalent counts"])
  })
  it("counts a tag on a narrower measure for the broader one, and only lists the reverse as possible", () => {
    // 大綱 9 contains J8: a tag on J8 counts for 9; a tag on 9 only possibly serves J8.
    expect(carries("taikou-r4", "jscp-package", "J8")).toEqual(["9 narrower counts"])
    expect(carries("jscp-package", "taikou-r4", "9")).toEqual(["J8 broader possibly"])
  })
  it("carries a child through its parent's link as narrower, one link deep only", () => {
    expect(carries("jscp-package", "taikou-r4", "13(1)")).toEqual(["J5 narrower counts"])
    expect(carries("package-2017", "jscp-package", "J5")).toEqual(["P narrower counts"])
    // 13(1) → 13 ≡ J5 ⊂ J ≡ P would take two links: not carried.
    expect(carries("package-2017", "taikou-r4", "13(1)")).toEqual([])
    expect(carries("taikou-r4", "taikou-r4", "13")).toEqual([])
  })
  it("shows a carried initiative marked, a direct tag before it, and a possible one apart", () => {
    const via = {
      frameworkId: "jscp-package",
      frameworkName: "政策パッケージ",
      measureCode: "J5",
      relation: "equivalent" as const,
      confirmed: false
    }
    const rows = coverageRows(
      measures,
      [{ ...tagged(66, "13", "B"), via }, { ...tagged(68, "13", "A"), via }, tagged(68, "13(1)", "A")],
      new Set(),
      [{ ...tagged(70, "9", null), via: { ...via, measureCode: "J8", relation: "broader" } }]
    )
    const byCode = new Map(rows.map((row) => [row.code, row]))
    expect(byCode.get("13")!.initiatives.map((i) => [i.no, i.via?.measureCode ?? null])).toEqual([
      [66, "J5"],
      [68, null]
    ])
    expect(byCode.get("9")!.initiatives).toEqual([])
    expect(byCode.get("9")!.flags).toEqual(["empty"])
    expect(byCode.get("9")!.possible.map((i) => i.no)).toEqual([70])
  })

  const relation = fc.constantFrom<CrosswalkLink["relation"]>("equivalent", "narrower", "broader")
  const inverse = { equivalent: "equivalent", narrower: "broader", broader: "narrower" } as const
  it("gives the same carries whichever side holds a link (property)", () => {
    fc.assert(
      fc.property(relation, fc.boolean(), (r, onTarget) => {
        const a: CrosswalkSide = {
          frameworkId: "a",
          name: "a",
          measures: [measure("1", null, 1)],
          crosswalk: onTarget ? [] : [link("1", "b", "X", r)]
        }
        const b: CrosswalkSide = {
          frameworkId: "b",
          name: "b",
          measures: [measure("X", null, 1)],
          crosswalk: onTarget ? [link("X", "a", "1", inverse[r])] : []
        }
        const [carry] = crosswalkCarries("b", [a, b], { frameworkId: "a", measureCode: "1" })
        expect(carry!.via.relation).toBe(r)
        // Only a tag on a measure that contains the target fails to count.
        expect(carry!.counts).toBe(r !== "broader")
      })
    )
  })
  it("never lets a possible initiative change a row's count, mix or flags (property)", () => {
    const codes = ["9", "11", "13", "13(1)"]
    const entry = fc.record({
      no: fc.integer({ min: 1, max: 12 }),
      code: fc.constantFrom(...codes),
      rating: fc.constantFrom<"A" | "B" | "C" | "D" | null>("A", "B", "C", "D", null),
      carried: fc.boolean()
    })
    const via = {
      frameworkId: "x",
      frameworkName: "x",
      measureCode: "X",
      relation: "equivalent" as const,
      confirmed: true
    }
    const toTag = (e: { no: number; code: string; rating: "A" | "B" | "C" | "D" | null; carried: boolean }) => ({
      ...tagged(e.no, e.code, e.rating),
      via: e.carried ? via : null
    })
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 12 }), fc.array(entry, { maxLength: 6 }), (counted, maybe) => {
        const without = coverageRows(measures, counted.map(toTag), new Set())
        const withPossible = coverageRows(
          measures,
          counted.map(toTag),
          new Set(),
          maybe.map((e) => ({ ...toTag(e), via: { ...via, relation: "broader" as const } }))
        )
        for (const [index, row] of withPossible.entries()) {
          const before = without[index]!
          expect(row.initiatives).toEqual(before.initiatives)
          expect(row.ratingMix).toEqual(before.ratingMix)
          expect(row.flags).toEqual(before.flags)
          for (const listed of row.possible) expect(row.initiatives.some((i) => i.no === listed.no)).toBe(false)
        }
        // An initiative with a direct tag under a measure is shown as direct there.
        for (const row of without)
          for (const shown of row.initiatives)
            if (counted.some((e) => e.no === shown.no && !e.carried && e.code === row.code))
              expect(shown.via).toBeNull()
      })
    )
  })
})
