/**
 * POST /plans/{planId}/definition on SQLite and PostgreSQL over real HTTP: the fictional plan of
 * examples/plan-definition.json (two basic policies whose areas both number from ①) loaded beside
 * the seed's plan, admin only, dry run first, idempotent, and bad files refused with the entry of
 * the file named and nothing written.
 */
import { FICTIONAL_PLAN, fictionalPlanJson } from "@sukoyaka/core/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { auditCount, dialects, expectProblem, type Harness, PLAN, SEED_YEAR, startHarness } from "./support.ts"

const path = `/plans/${FICTIONAL_PLAN}/definition`

interface ImportResult {
  planId: string
  dryRun: boolean
  created: number
  updated: number
  changes: Array<{ action: string; entity: string; key: string; path: string; fields: Array<{ field: string }> }>
}
interface Summary {
  byPolicy: Array<{ policyNo: number; title: string }>
  byObjective: Array<{ policyNo: number; areaNo: number; objectiveNo: number }>
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the file as JSON, edited as a city would
const edited = (edit: (json: any) => void) => {
  const json = fictionalPlanJson()
  edit(json)
  return json
}

describe.each(dialects)("loading a plan-definition file through the API on %s", (dialect) => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness(dialect)
  }, 120_000)
  afterAll(() => h?.close())

  const send = (json: unknown, query = "", token = "admin") =>
    h.request<ImportResult>("POST", `${path}${query}`, { token, json })
  const summaryOf = async (planId: string, year: number) =>
    (await h.request<Summary>("GET", `/plans/${planId}/summary?fiscalYear=${year}`, { token: "viewer" })).body

  it("is the admin's alone", async () => {
    const before = await auditCount(h)
    expectProblem(await send(fictionalPlanJson(), "", "editor"), 403, "forbidden")
    expectProblem(await send(fictionalPlanJson(), "?dryRun=true", "viewer"), 403, "forbidden")
    expect(await auditCount(h)).toBe(before)
  })

  it("lists the whole plan on a dry run, writes nothing, then loads it beside the seed's plan", async () => {
    const before = await auditCount(h)
    const seedSummary = await summaryOf(PLAN, SEED_YEAR)
    const dry = await send(fictionalPlanJson(), "?dryRun=true")
    expect(dry.status).toBe(200)
    expect(dry.body).toMatchObject({ planId: FICTIONAL_PLAN, dryRun: true, created: 17, updated: 0 })
    expect(dry.body.changes[0]).toMatchObject({ action: "create", entity: "plan", key: FICTIONAL_PLAN, path: "plan" })
    expect(await auditCount(h)).toBe(before)
    expect((await h.request("GET", `/plans/${FICTIONAL_PLAN}`, { token: "viewer" })).status).toBe(404)

    const loaded = await send(fictionalPlanJson())
    expect(loaded.status).toBe(200)
    expect(loaded.body).toMatchObject({ dryRun: false, created: 17, updated: 0 })
    expect(await auditCount(h)).toBe(before + 17)

    const summary = await summaryOf(FICTIONAL_PLAN, 2025)
    expect(summary.byPolicy.map((row) => row.title)).toEqual(["生活習慣の改善", "こころの健康づくり"])
    expect(
      summary.byObjective.filter((row) => row.objectiveNo === 1).map((row) => `${row.policyNo}-${row.areaNo}`)
    ).toEqual(["1-1", "2-1"])
    // The seed's plan is another plan: its ① is untouched.
    expect(await summaryOf(PLAN, SEED_YEAR)).toEqual(seedSummary)

    const again = await send(fictionalPlanJson())
    expect(again.body).toMatchObject({ created: 0, updated: 0, changes: [] })
    expect(await auditCount(h)).toBe(before + 17)
  })

  it("updates what the file changes, field by field", async () => {
    const renamed = edited((json) => {
      json.initiatives[0].name = "野菜たっぷり料理教室（親子向け）"
    })
    const dry = await send(renamed, "?dryRun=true")
    expect(dry.body.changes).toEqual([
      expect.objectContaining({
        action: "update",
        entity: "initiative",
        key: "1",
        path: "initiatives[0]",
        fields: [{ field: "name", before: "野菜たっぷり料理教室", after: "野菜たっぷり料理教室（親子向け）" }]
      })
    ])
    expect((await send(renamed)).body).toMatchObject({ created: 0, updated: 1 })
    const initiative = await h.request<{ name: string }>("GET", `/plans/${FICTIONAL_PLAN}/initiatives/1`, {
      token: "viewer"
    })
    expect(initiative.body.name).toBe("野菜たっぷり料理教室（親子向け）")
  })

  it("refuses a bad file with the entry named, 400 or 422, and writes nothing", async () => {
    const before = await auditCount(h)
    const unknownAgency = expectProblem(
      await send(
        edited((json) => {
          json.initiatives[3].agencies = ["xyz"]
        })
      ),
      422,
      "unprocessable"
    )
    expect(unknownAgency.errors).toEqual([
      {
        path: "initiatives[3].agencies[0]",
        ja: "実施機関「xyz」はこの計画にありません",
        en: "the plan has no agency xyz"
      }
    ])
    const twice = expectProblem(
      await send(
        edited((json) => {
          json.targets.push(json.targets[0])
        }),
        "?dryRun=true"
      ),
      422,
      "unprocessable"
    )
    expect(twice.errors![0]!.path).toBe("targets[1].id")
    const badNumber = expectProblem(
      await send(
        edited((json) => {
          json.plan.basicPolicies[1].areas[0].objectives[0].no = 0
        })
      ),
      400,
      "validation"
    )
    expect(badNumber.errors).toEqual([
      {
        path: "plan.basicPolicies[1].areas[0].objectives[0].no",
        ja: "取組方針の番号は1〜999の整数です",
        en: "ObjectiveNo must be a whole number from 1 to 999"
      }
    ])
    const otherPlan = expectProblem(
      await h.request("POST", "/plans/another-plan/definition", { token: "admin", json: fictionalPlanJson() }),
      422,
      "unprocessable"
    )
    expect(otherPlan.errors![0]!.path).toBe("plan.id")
    expect(await auditCount(h)).toBe(before)
  })

  it("two loading the same new plan at once: one creates it, the other never gets a 5xx", async () => {
    const race = edited((json) => {
      json.plan.id = "race-plan"
    })
    const both = await Promise.all(
      [0, 1].map(() => h.request("POST", "/plans/race-plan/definition", { token: "admin", json: race }))
    )
    // Serialised, the second finds the plan made and has nothing to do; overlapping, it is told to send again.
    expect(both.map((answer) => answer.status).sort()).toSatisfy((statuses: Array<number>) =>
      statuses.every((status) => status === 200 || status === 412)
    )
    expect(both.some((answer) => answer.status === 200)).toBe(true)
    const again = await h.request<ImportResult>("POST", "/plans/race-plan/definition", { token: "admin", json: race })
    expect(again.body).toMatchObject({ created: 0, updated: 0 })
  })
})
