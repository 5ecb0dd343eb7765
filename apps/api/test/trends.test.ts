import { Workbook } from "@cj-tech-master/excelts"
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
    expectProblem(
      await h.request("GET", `/plans/${PLAN}/initiatives/9999/trends`, { token: "viewer" }),
      404,
      "notFound"
    )
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

  it("exports every year in long format: one row per initiative × year, one per measure × year", async () => {
    const download = async (rows: string) => {
      const response = await fetch(`${h.url}/api/v1/plans/${PLAN}/export/years?rows=${rows}`, {
        headers: { authorization: `Bearer ${h.tokens.viewer}` }
      })
      const bytes = new Uint8Array(await response.arrayBuffer())
      return { response, bytes, lines: new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).split("\r\n") }
    }
    const initiatives = await download("initiatives")
    expect(initiatives.response.status).toBe(200)
    expect(initiatives.response.headers.get("content-type")).toBe("text/csv; charset=utf-8")
    expect(initiatives.response.headers.get("content-disposition")).toBe(
      `attachment; filename="${PLAN}-FY2023-FY2025-initiatives.csv"`
    )
    expect([...initiatives.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(initiatives.lines[0]).toBe(
      "\uFEFFplan_id,fiscal_year,initiative_no,initiative_name,policy_no,area_no,objective_no,agencies,review_status,self_rating,on_track"
    )
    const records = initiatives.lines.slice(1).filter((line) => line !== "")
    const perYear = (year: number) => records.filter((line) => line.split(",")[1] === String(year)).length
    // The seed's 55 in FY2023 (fictional) and FY2024; FY2025's drafts without No. 64, which ended with FY2024.
    expect([perYear(2023), perYear(2024), perYear(2025)]).toEqual([55, 55, 54])
    expect(records.filter((line) => line.split(",")[1] === "2025").every((line) => line.includes(",draft,"))).toBe(true)

    const measures = await download("measures")
    expect(measures.response.status).toBe(200)
    expect(measures.lines[0]).toBe(
      "\uFEFFplan_id,fiscal_year,initiative_no,measure_key,measure_label,unit,actual,planned,planned_unit,comparator"
    )
    const years = new Set(
      measures.lines
        .slice(1)
        .filter((line) => line !== "")
        .map((line) => line.split(",")[1])
    )
    expect([...years].sort()).toEqual(["2023", "2024", "2025"])

    const bad = await h.request("GET", `/plans/${PLAN}/export/years?rows=everything`, { token: "viewer" })
    expect(expectProblem(bad, 400, "validation").errors?.[0]?.path).toBe("query.rows")
  })

  it("exports every year in one workbook, a sheet per year", async () => {
    const response = await fetch(`${h.url}/api/v1/plans/${PLAN}/export/years?format=xlsx`, {
      headers: { authorization: `Bearer ${h.tokens.viewer}` }
    })
    expect(response.status).toBe(200)
    expect(response.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${PLAN}-FY2023-FY2025.xlsx"`)
    const workbook = new Workbook()
    await workbook.xlsx.load(new Uint8Array(await response.arrayBuffer()))
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["令和５年度", "令和６年度", "令和７年度"])
    // A heading row and the year's rows: 55, 55 and FY2025's 54.
    expect(workbook.worksheets.map((sheet) => sheet.rowCount)).toEqual([56, 56, 55])
  })

  it("keeps anonymous callers out", async () => {
    expectProblem(await h.request("GET", `/plans/${PLAN}/trends`), 401, "unauthorized")
  })
})
