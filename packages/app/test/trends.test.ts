import { fiscalYear, measureKeyOf } from "@sukoyaka/core"
import { PLAN, SEED_YEAR } from "@sukoyaka/storage/testing"
import { Reviews, systemActor, Targets } from "@sukoyaka/storage"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { loadDataset } from "@sukoyaka/data-tomakomai"
import {
  appRuntime,
  initiativeTrends,
  planTrends,
  rollover,
  seedPlan,
  Structure,
  summaryOf,
  targetTrendOf
} from "../src/index.ts"
import { seedFictionalYearBefore } from "../src/testing.ts"

// Three years: the fictional FY2023, the seed's FY2024 and the FY2025 drafts a rollover opens.
describe("trends across three years", () => {
  const dir = mkdtempSync(join(tmpdir(), "sukoyaka-trends-"))
  const runtime = appRuntime({ _tag: "Sqlite", filename: join(dir, "t.db") })
  beforeAll(async () => {
    await runtime.runPromise(seedPlan(loadDataset()))
    await seedFictionalYearBefore(runtime, PLAN, SEED_YEAR)
    await runtime.runPromise(rollover(PLAN, fiscalYear(SEED_YEAR + 1), systemActor))
  })
  afterAll(async () => {
    await runtime.dispose()
    rmSync(dir, { recursive: true, force: true })
  })

  it("gives the plan and every policy one point per year, each the year's summary", async () => {
    const trends = await runtime.runPromise(planTrends(PLAN))
    expect(trends.years).toEqual([2023, 2024, 2025])
    const seedYear = await runtime.runPromise(summaryOf(PLAN, SEED_YEAR))
    expect(trends.plan[1]).toEqual({
      fiscalYear: SEED_YEAR,
      ratings: seedYear.ratings,
      onTrackShare: seedYear.onTrackShare
    })
    expect(trends.byPolicy.map((series) => series.policyNo)).toEqual(seedYear.byPolicy.map((row) => row.policyNo))
    for (const series of [...trends.byPolicy, ...trends.byArea, ...trends.byObjective]) {
      expect(series.points.map((point) => point.fiscalYear)).toEqual([2023, 2024, 2025])
      expect(series.title).not.toBe("")
    }
    // The FY2025 drafts carry no rating yet: nothing rated, no share.
    expect(trends.plan[2]!.onTrackShare).toBeNull()
    expect(trends.plan[2]!.ratings.unrated).toBeGreaterThan(0)
  })

  it("lines an initiative's measures up across the years by their key", async () => {
    const reviews = await runtime.runPromise(Reviews.use((r) => r.listByYear(PLAN, SEED_YEAR)))
    const no = reviews.find((review) => review.measures.length > 0)!.initiativeNo
    const trends = await runtime.runPromise(initiativeTrends(PLAN, no))
    expect(trends.years).toEqual([2023, 2024, 2025])
    expect(trends.measures.length).toBeGreaterThan(0)
    for (const measure of trends.measures) expect(measure.points).toHaveLength(3)
    const keys = trends.measures.map((measure) => measure.key)
    expect(new Set(keys).size).toBe(keys.length)
    expect(keys.every((key) => key === measureKeyOf({ key, label: "", unit: "" }))).toBe(true)
  })

  it("draws a target's line from its baseline to its target value", async () => {
    const stored = await runtime.runPromise(Targets.use((t) => t.get(PLAN, "suicide-rate")))
    const target = await runtime.runPromise(
      Structure.use((s) =>
        s.enterTarget(systemActor, PLAN, stored.id, stored.version ?? 1, {
          baseline: { year: 2021, value: 18 },
          observations: [{ year: 2023, value: 16.5 }],
          targetValue: 13,
          targetYear: 2031,
          method: stored.method
        })
      )
    )
    const trend = await runtime.runPromise(targetTrendOf(PLAN, target.id))
    expect(trend.path[0]).toEqual({ year: target.baseline!.year, value: target.baseline!.value })
    expect(trend.path.at(-1)).toEqual({ year: target.targetYear, value: target.targetValue })
    expect(trend.years[0]).toBe(target.baseline!.year)
    expect(trend.years.at(-1)).toBeGreaterThanOrEqual(target.targetYear!)
  })
})
