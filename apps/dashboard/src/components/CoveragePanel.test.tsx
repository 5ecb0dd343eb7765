import { loadExampleTags } from "@sukoyaka/app"
import { exampleTags } from "@sukoyaka/data-tomakomai"
import { beforeAll, describe, expect, it, vi } from "vitest"
import { frameOf, loadSeedData, PLAN, renderAt, runOn, seededCopy, waitForText } from "../../test/support.tsx"
import { App } from "../App.tsx"
import { type DashboardData, type DataSource, glanceOf } from "../data/DataSource.ts"
import { localSource } from "../data/localSource.ts"
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

describe("the coverage after the first frame (#23)", { timeout: 60_000 }, () => {
  it("draws the overview before the coverage is computed, the panel loading, then fills the panel", async () => {
    const database = seededCopy()
    await runOn(database, loadExampleTags({ id: null, label: "test" }, PLAN, exampleTags.initiatives))
    const real = localSource(database)
    // The real source, its coverage held until the first frame has been checked: nothing computed it before.
    let asked = 0
    let release = () => {}
    const released = new Promise<void>((resolve) => (release = resolve))
    const source: DataSource = {
      ...real,
      coverage: async (planId, fiscalYear) => {
        asked += 1
        await released
        return real.coverage(planId, fiscalYear)
      }
    }
    const rendered = renderAt(<App source={source} planId={PLAN} refreshSeconds={0} />, { columns: 160, rows: 48 })
    try {
      const first = await waitForText(rendered, /\d\d:\d\d:\d\d 更新/)
      expect(first).toContain("要確認 11 件")
      expect(first).toContain("国の施策との対応")
      expect(first).toContain("読み込み中…")
      expect(first).not.toContain("空白")
      // Asked for once the overview is there (an effect after the frame), and still held.
      await vi.waitFor(() => expect(asked).toBe(1))
      expect(frameOf(rendered)).toContain("読み込み中…")

      release()
      const filled = await waitForText(rendered, "空白: ")
      expect(filled).toContain("国の施策 地域自殺対策政策パッケージ（いのち支える")
      expect(filled).toContain("空白: 基本施策、遺された人への支援")
      expect(filled).not.toContain("読み込み中…")
      expect(filled).toContain("要確認 11 件")
      expect(asked).toBe(1)
    } finally {
      rendered.unmount()
      await real.close()
    }
  })
})
