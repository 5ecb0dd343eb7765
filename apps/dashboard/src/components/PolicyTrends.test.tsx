import { appRuntime, rollover } from "@sukoyaka/app"
import { seedFictionalYearBefore } from "@sukoyaka/app/testing"
import { fiscalYear } from "@sukoyaka/core"
import { systemActor } from "@sukoyaka/storage"
import { beforeAll, describe, expect, it } from "vitest"
import { frameOf, PLAN, renderAt, SEED_YEAR, seededCopy, widestLine } from "../../test/support.tsx"
import type { DashboardData } from "../data/DataSource.ts"
import { localSource } from "../data/localSource.ts"
import { Overview } from "./Overview.tsx"
import { sharesOf } from "./PolicyTrends.tsx"
import { sparkline } from "./Sparkline.tsx"

// Three years: the fictional FY2023, the seed's FY2024 and the FY2025 drafts of a rollover.
let data: DashboardData

beforeAll(async () => {
  const database = seededCopy()
  const runtime = appRuntime(database)
  try {
    await seedFictionalYearBefore(runtime, PLAN, SEED_YEAR)
    await runtime.runPromise(rollover(PLAN, fiscalYear(SEED_YEAR + 1), systemActor))
  } finally {
    await runtime.dispose()
  }
  const source = localSource(database)
  try {
    data = await source.load(PLAN, SEED_YEAR)
  } finally {
    await source.close()
  }
})

describe("the share on track across years", () => {
  it("draws a sparkline per basic policy and for the whole plan, with the latest rated year's share", () => {
    expect(data.trends.years).toEqual([2023, 2024, 2025])
    const frame = frameOf(renderAt(<Overview data={data} width={100} />, { columns: 100, rows: 60 }))
    expect(frame).toContain("順調（Ａ＋Ｂ）の割合の推移（基本方針別）")
    const plan = sharesOf(data.trends.plan)
    // FY2025's drafts are not rated yet: two points, FY2023's and FY2024's.
    expect(plan).toHaveLength(2)
    const all = frame.split("\n").find((line) => line.startsWith("全体") && line.includes(sparkline(plan, 8).trim()))
    expect(all).toBeDefined()
    expect(all).toMatch(/92%$/)
    for (const policy of data.trends.byPolicy) {
      const line = frame.split("\n").find((row) => row.startsWith(`${policy.policyNo}. `))
      expect(line).toContain(sparkline(sharesOf(policy.points), 8).trim())
    }
    expect(widestLine(frame)).toBeLessThanOrEqual(100)
  })

  it("gives way to the lists in a small terminal, and stands beside them in a wide one", () => {
    expect(frameOf(renderAt(<Overview data={data} width={80} height={21} />))).not.toContain("の割合の推移")
    const wide = frameOf(renderAt(<Overview data={data} width={160} height={40} />, { columns: 160, rows: 40 }))
    expect(wide).toContain("順調（Ａ＋Ｂ）の割合の推移（基本方針別）")
  })
})
