import { beforeAll, describe, expect, it } from "vitest"
import { frameOf, loadSeedData, renderAt } from "../../test/support.tsx"
import { type DashboardData, glanceOf } from "../data/DataSource.ts"
import { Overview } from "./Overview.tsx"

let data: DashboardData

beforeAll(async () => {
  data = await loadSeedData()
})

const row = (code: string, parentCode: string | null, nameJa: string, flags: Array<"empty" | "thin">) => ({
  code,
  parentCode,
  nameJa,
  nameEn: null,
  order: 1,
  source: { document: "テスト", date: null, url: null },
  confirmed: true,
  depth: parentCode === null ? 0 : 1,
  initiatives: [],
  ratingMix: { A: 0, B: 0, C: 0, D: 0, unrated: 0 },
  recommended: false,
  flags,
  possible: []
})

describe("the coverage panel (#24)", () => {
  it("names the empty measures, leaves only, and counts the thin ones", () => {
    const glance = glanceOf({
      planId: "p",
      fiscalYear: 2024,
      frameworkId: "jscp-package",
      frameworkName: "政策パッケージ",
      frameworkConfirmed: true,
      measures: [
        row("J", null, "重点施策", []),
        row("J1", "J", "高齢者", ["thin"]),
        row("J8", "J", "遺された人への支援", ["empty"])
      ],
      totals: { measures: 3, empty: 1, thin: 1, recommendedEmpty: 0 }
    })
    expect(glance).toEqual({ frameworkName: "政策パッケージ", measures: 3, thin: 1, empty: ["遺された人への支援"] })
    const frame = frameOf(
      renderAt(<Overview data={{ ...data, coverage: glance }} width={160} height={40} />, { columns: 160, rows: 42 })
    )
    expect(frame).toContain("国の施策 政策パッケージ: 空白 1 · 手薄 1 / 3")
    expect(frame).toContain("空白: 遺された人への支援")
  })
})
