/**
 * GET …/dashboard on both databases (issue #23): one answer with what the home page asked in four —
 * each part the same JSON its own operation sends (trends, the year's summary, targets, the open
 * cycle's tasks), the year chosen as the page chose it, an ETag and 304, and a change seen at once.
 */
import { seedFictionalYearBefore } from "@sukoyaka/app/testing"
import type { DashboardView } from "@sukoyaka/core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { dialects, etagOf, expectProblem, type Harness, OWN_AGENCY, PLAN, SEED_YEAR, startHarness } from "./support.ts"

const dayFromToday = (days: number) =>
  new Date(Date.now() + 9 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10)

const DASHBOARD = `/plans/${PLAN}/dashboard`

describe.each(dialects)("the dashboard of a plan-year on %s", (dialect) => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness(dialect)
    await seedFictionalYearBefore(h.server.runtime, PLAN, SEED_YEAR)
  }, 120_000)
  afterAll(() => h?.close())

  const get = async <T>(path: string, token: "admin" | "editor" | "viewer" = "viewer") => {
    const response = await h.request<T>("GET", path, { token })
    expect(response.status, response.text).toBe(200)
    return response.body
  }

  it("answers with the trends, the latest year's summary and the targets, as their own operations send them", async () => {
    const dashboard = await get<DashboardView>(DASHBOARD)
    const trends = await get<DashboardView["trends"]>(`/plans/${PLAN}/trends`)
    expect(trends.years).toEqual([SEED_YEAR - 1, SEED_YEAR])
    expect(dashboard.fiscalYear).toBe(SEED_YEAR)
    expect(dashboard.trends).toEqual(trends)
    expect(dashboard.summary).toEqual(await get(`/plans/${PLAN}/summary?fiscalYear=${SEED_YEAR}`))
    expect(dashboard.targets).toEqual(await get(`/plans/${PLAN}/targets`))
    expect(dashboard.tasks).toBeNull()
  })

  it("gives the year asked when it has reviews, and the latest one otherwise", async () => {
    const earlier = await get<DashboardView>(`${DASHBOARD}?fiscalYear=${SEED_YEAR - 1}`)
    expect(earlier.fiscalYear).toBe(SEED_YEAR - 1)
    expect(earlier.summary).toEqual(await get(`/plans/${PLAN}/summary?fiscalYear=${SEED_YEAR - 1}`))
    expect((await get<DashboardView>(`${DASHBOARD}?fiscalYear=1999`)).fiscalYear).toBe(SEED_YEAR)
    expectProblem(await h.request("GET", `${DASHBOARD}?fiscalYear=x`, { token: "viewer" }), 400, "validation")
    expectProblem(await h.request("GET", `${DASHBOARD}?standing=soon`, { token: "viewer" }), 400, "validation")
    expectProblem(await h.request("GET", `/plans/nowhere/dashboard`, { token: "viewer" }), 404, "notFound")
  })

  it("answers 304 to its ETag, and a change at once", async () => {
    const first = await h.request("GET", DASHBOARD, { token: "viewer" })
    const again = await h.request("GET", DASHBOARD, { token: "viewer", headers: { "if-none-match": etagOf(first) } })
    expect(again.status).toBe(304)
    const path = `/plans/${PLAN}/targets/suicide-rate`
    const target = await h.request<{ method?: string; observations: Array<unknown> }>("GET", path, { token: "admin" })
    const saved = await h.request("PUT", path, {
      token: "admin",
      headers: { "if-match": etagOf(target) },
      json: {
        baseline: { year: 2022, value: 20 },
        observations: [{ year: SEED_YEAR, value: 17 }],
        targetValue: 12,
        targetYear: 2030,
        method: target.body.method
      }
    })
    expect(saved.status, saved.text).toBe(200)
    const changed = await h.request<DashboardView>("GET", DASHBOARD, {
      token: "viewer",
      headers: { "if-none-match": etagOf(first) }
    })
    expect(changed.status).toBe(200)
    expect(changed.body.targets).toEqual(await get(`/plans/${PLAN}/targets`))
    expect(changed.body.summary).toEqual(await get(`/plans/${PLAN}/summary?fiscalYear=${SEED_YEAR}`))
  })

  it("lists the open cycle's tasks filtered as …/tasks filters them, only when asked", async () => {
    const opened = await h.request("POST", `/plans/${PLAN}/cycles`, {
      token: "admin",
      json: {
        fiscalYear: SEED_YEAR + 1,
        dueDate: dayFromToday(30),
        agencyDueDates: [{ agencyId: OWN_AGENCY, dueDate: dayFromToday(-3) }]
      }
    })
    expect(opened.status, opened.text).toBe(201)
    const tasks = `/plans/${PLAN}/cycles/${SEED_YEAR + 1}/tasks`
    const forAdmin = await get<DashboardView>(`${DASHBOARD}?standing=late,dueSoon`, "admin")
    expect(forAdmin.fiscalYear).toBe(SEED_YEAR + 1)
    expect(forAdmin.tasks).toEqual(await get(`${tasks}?standing=late,dueSoon`, "admin"))
    expect(forAdmin.tasks!.tasks.length).toBeGreaterThan(0)
    const forEditor = await get<DashboardView>(`${DASHBOARD}?standing=late,dueSoon,open&mine=true`, "editor")
    expect(forEditor.tasks).toEqual(await get(`${tasks}?standing=late,dueSoon,open&mine=true`, "editor"))
    expect(forEditor.tasks!.tasks.every((task) => task.agencies.includes(OWN_AGENCY))).toBe(true)
    expect((await get<DashboardView>(DASHBOARD, "admin")).tasks).toBeNull()
    expectProblem(
      await h.request("GET", `${DASHBOARD}?standing=late&agency=no-such-agency`, { token: "admin" }),
      422,
      "unprocessable"
    )
  })
})
