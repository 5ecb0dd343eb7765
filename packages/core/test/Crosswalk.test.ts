/** Tags carried across framework versions through the crosswalk (#24): the rule, by example and by property. */
import { describe, expect, it } from "@effect/vitest"
import fc from "fast-check"
import { type CrosswalkLink, type CrosswalkSide, crosswalkCarries, coverageRows } from "../src/index.ts"
import { measure, measures, source, tagged } from "./frameworkFixtures.ts"

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
