import { seedFictionalYearBefore } from "@sukoyaka/app/testing"
import type { MeasureTrendsView, RatingTrendsView, TargetTrendView } from "@sukoyaka/core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  dialects,
  etagOf,
  expectProblem,
  type Harness,
  openNextYear,
  OWN_ROWS,
  PLAN,
  SEED_YEAR,
  startHarness
} from "./support.ts"

// Three years: the fictional FY2023, the seed's FY2024 and the FY2025 drafts the rollover opens.
describe.each(dialects)("trends across three years on %s", (dialect) => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness(dialect)
    await seedFictionalYearBefore(h.server.runtime, PLAN, SEED_YEAR)
    await openNextYear(h)
  }, 120_000)
  afterAll(() => h?.close())

  it("gives a viewer the plan's ratings per year, each point the year's own summary", async () => {
    const trends = await h.request<RatingTrendsView>("GET", `/plans/${PLAN}/trends`, { token: "viewer" })
    expect(trends.status).toBe(200)
    expect(trends.body.years).toEqual([2023, 2024, 2025])
    for (const year of trends.body.years) {
      const summary = await h.request<{ ratings: unknown; onTrackShare: number | null; byPolicy: Array<unknown> }>(
        "GET",
        `/plans/${PLAN}/summary?fiscalYear=${year}`,
        { token: "viewer" }
      )
      const point = trends.body.plan.find((p) => p.fiscalYear === year)!
      expect(point.ratings).toEqual(summary.body.ratings)
      expect(point.onTrackShare).toEqual(summary.body.onTrackShare)
    }
    expect(trends.body.byPolicy.length).toBeGreaterThan(0)
    expect(trends.body.byPolicy.every((series) => series.points.length === 3 && series.title !== "")).toBe(true)
    expect(trends.body.byObjective.every((series) => series.points.length === 3)).toBe(true)
  })

  it("answers again from the same plan version, and counts a new rating", async () => {
    const first = await h.request("GET", `/plans/${PLAN}/trends`, { token: "viewer" })
    const again = await h.request("GET", `/plans/${PLAN}/trends`, {
      token: "viewer",
      headers: { "if-none-match": etagOf(first) }
    })
    expect(again.status).toBe(304)
  })

  it("lines an initiative's measures up across the years", async () => {
    const trends = await h.request<MeasureTrendsView>("GET", `/plans/${PLAN}/initiatives/${OWN_ROWS[0]}/trends`, {
      token: "viewer"
    })
    expect(trends.status).toBe(200)
    expect(trends.body.years).toEqual([2023, 2024, 2025])
    expect(trends.body.measures.every((measure) => measure.points.length === 3)).toBe(true)
    expectProblem(await h.request("GET", `/plans/${PLAN}/initiatives/9999/trends`, { token: "viewer" }), 404, "notFound")
  })

  it("draws a target's line from its baseline to the target value", async () => {
    const path = `/plans/${PLAN}/targets/suicide-rate`
    const current = await h.request<{ method?: string }>("GET", path, { token: "admin" })
    const saved = await h.request("PUT", path, {
      token: "admin",
      headers: { "if-match": etagOf(current) },
      json: {
        baseline: { year: 2022, value: 20 },
        observations: [{ year: 2023, value: 19 }],
        targetValue: 12,
        targetYear: 2026,
        method: current.body.method
      }
    })
    expect(saved.status).toBe(200)
    const trend = await h.request<TargetTrendView>("GET", `${path}/trend`, { token: "viewer" })
    expect(trend.status).toBe(200)
    expect(trend.body.years).toEqual([2022, 2023, 2024, 2025, 2026])
    expect(trend.body.path.map((p) => p.value)).toEqual([20, 18, 16, 14, 12])
    expect(trend.body.observations).toEqual([{ year: 2023, value: 19 }])
    expectProblem(await h.request("GET", `/plans/${PLAN}/targets/no-such/trend`, { token: "viewer" }), 404, "notFound")
  })

  it("keeps anonymous callers out", async () => {
    expectProblem(await h.request("GET", `/plans/${PLAN}/trends`), 401, "unauthorized")
  })
})
