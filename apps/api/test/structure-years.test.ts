/**
 * Structure by year in reads, and targets that name their initiatives, on SQLite and PostgreSQL
 * over real HTTP (issue 18): `?year=` lists the initiatives of that year's structure; retiring an
 * area checks the targets under it; a target's PUT and PATCH carry `initiativeNos`, checked against
 * the plan, versioned and audited.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  adminRequests,
  dialects,
  etagOf,
  expectProblem,
  type Harness,
  PLAN,
  SEED_YEAR,
  startHarness
} from "./support.ts"

const plan = `/plans/${PLAN}`

interface Page {
  items: Array<{ no: number; review: { fiscalYear: number } | null }>
  total: number
}
interface TargetView {
  id: string
  version: number
  initiativeNos: Array<number>
  evaluation: { grade: string }
}

/** A new initiative under the seed's ①, in effect from FY2025 only. */
const fromNextYear = {
  no: 112,
  policyNo: 3,
  areaNo: 1,
  objectiveNo: 1,
  name: "【新】こころの健康講座",
  markers: { isNew: true, newNote: null, formerName: null },
  content: "● 講座を開きます。",
  lifeStagesText: "青壮年期",
  lifeStages: ["adulthood"],
  agencies: ["kenko-shien"],
  since: 2025
}

describe.each(dialects)("structure by year and target links on %s", (dialect) => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness(dialect)
  }, 120_000)
  afterAll(() => h?.close())

  const admin = adminRequests(() => h)
  const nosOf = async (query: string) =>
    (await h.request<Page>("GET", `${plan}/initiatives?pageSize=200&${query}`, { token: "viewer" })).body.items.map(
      (item) => item.no
    )

  it("lists with ?year= only the initiatives in effect in the year, or with a review in it", async () => {
    const added = await admin("POST", `${plan}/initiatives`, fromNextYear)
    expect(added.status, added.text).toBe(201)
    // fiscalYear alone still lists every initiative of the plan.
    const every = await nosOf(`fiscalYear=${SEED_YEAR}`)
    expect(every).toContain(112)
    expect(every).toContain(64)
    const seedYear = await nosOf(`year=${SEED_YEAR}`)
    expect(seedYear).not.toContain(112)
    // No. 64 ended with FY2024 (the association dissolved): it belongs to FY2024's structure only.
    expect(seedYear).toContain(64)
    expect(seedYear).toHaveLength(every.length - 1)
    const nextYear = await nosOf("year=2025")
    expect(nextYear).toContain(112)
    expect(nextYear).not.toContain(64)
    // The year's reviews come with it.
    const page = await h.request<Page>("GET", `${plan}/initiatives?year=${SEED_YEAR}&objective=1`, {
      token: "viewer"
    })
    expect(page.body.items.every((item) => item.review?.fiscalYear === SEED_YEAR)).toBe(true)
    const differ = expectProblem(
      await h.request("GET", `${plan}/initiatives?year=2025&fiscalYear=${SEED_YEAR}`, { token: "viewer" }),
      400,
      "validation"
    )
    expect(differ.errors?.[0]).toMatchObject({ path: "fiscalYear", ja: expect.stringContaining("違う年度") })
  })

  it("reads the seed's own link: いのちの授業 is served by No. 58; every target view carries initiativeNos", async () => {
    const targets = await h.request<Array<TargetView>>("GET", `${plan}/targets`, { token: "viewer" })
    expect(targets.body.map((t) => [t.id, t.initiativeNos])).toEqual([
      ["suicide-rate", []],
      ["inochi-lessons", [58]],
      ["stress-men", []],
      ["stress-women", []],
      ["knows-where-to-consult", []]
    ])
  })

  it("enters a target's figures and links in one versioned, audited PUT; refuses unknown Nos and editors", async () => {
    const path = `${plan}/targets/suicide-rate`
    const current = await h.request<TargetView>("GET", path, { token: "viewer" })
    const body = {
      baseline: { year: 2022, value: 20.1, numerator: 34, denominator: 169_000, source: "人口動態統計" },
      observations: [
        { year: 2023, value: 15.5, numerator: 26, denominator: 168_000 },
        { year: 2024, value: 11.9, numerator: 20, denominator: 167_500 }
      ],
      targetValue: 13,
      targetYear: 2035,
      method: "relativeChange",
      initiativeNos: [61, 57, 61]
    }
    const unknown = expectProblem(
      await admin("PUT", path, { ...body, initiativeNos: [57, 9999] }, etagOf(current)),
      422,
      "unprocessable"
    )
    expect(unknown.errors).toEqual([
      { path: "initiativeNos[1]", ja: "Ｎｏ.9999はこの計画にありません", en: "the plan has no No. 9999" }
    ])
    expectProblem(
      await h.request("PUT", path, { token: "editor", json: body, headers: { "if-match": etagOf(current) } }),
      403,
      "forbidden"
    )
    const saved = await admin("PUT", path, body, etagOf(current))
    expect(saved.status, saved.text).toBe(200)
    expect(saved.body).toMatchObject({
      version: current.body.version + 1,
      initiativeNos: [57, 61],
      targetYear: 2035,
      evaluation: { grade: "A" }
    })
    // A PUT without initiativeNos leaves the links as they are.
    const { initiativeNos: _links, ...figures } = body
    const again = await admin("PUT", path, figures, etagOf(saved))
    expect(again.status, again.text).toBe(200)
    expect((again.body as TargetView).initiativeNos).toEqual([57, 61])
    // PATCH changes the links alone.
    const patched = await admin("PATCH", path, { initiativeNos: [58] }, etagOf(again))
    expect(patched.status, patched.text).toBe(200)
    expect(patched.body).toMatchObject({ initiativeNos: [58], baseline: { year: 2022, value: 20.1 } })
    expectProblem(await admin("PATCH", path, { initiativeNos: [58] }, etagOf(again)), 412, "preconditionFailed")
    // The log sends each side as the JSON text it stored.
    const audit = await h.request<
      Array<{ entity: string; entityKey: string; after: { initiativeNos?: Array<number> } }>
    >("GET", `/audit?planId=${PLAN}&limit=1000`, { token: "admin" })
    const linked = audit.body
      .filter((entry) => entry.entity === "target" && entry.entityKey === `${PLAN}/suicide-rate`)
      .map((entry) => entry.after.initiativeNos)
    expect(linked.slice(0, 3)).toEqual([[58], [57, 61], [57, 61]])
  })

  it("refuses to retire an area while a target under it is in effect after the end, naming it", async () => {
    const tree = await h.request("GET", plan, { token: "viewer" })
    const policy = await admin("POST", `${plan}/policies`, { no: 5, title: "架空の基本方針" }, etagOf(tree))
    expect(policy.status, policy.text).toBe(201)
    const area = await admin("POST", `${plan}/policies/5/areas`, { no: 1, title: "架空の分野" }, etagOf(policy))
    expect(area.status, area.text).toBe(201)
    const created = await admin("POST", `${plan}/targets`, {
      id: "fictional-share",
      policyNo: 5,
      areaNo: 1,
      indicator: "架空の割合の向上",
      unit: "％",
      kind: "proportion",
      direction: "increase",
      targetValue: 50
    })
    expect(created.status, created.text).toBe(201)
    const refused = expectProblem(
      await admin("PATCH", `${plan}/policies/5/areas/1`, { until: 2024 }, etagOf(area)),
      422,
      "unprocessable"
    )
    expect(refused.errors).toEqual([
      {
        path: "until",
        ja: expect.stringContaining("目標「fictional-share」"),
        en: expect.stringContaining("target fictional-share")
      }
    ])
    const policyRefused = expectProblem(
      await admin("PATCH", `${plan}/policies/5`, { until: 2024 }, etagOf(area)),
      422,
      "unprocessable"
    )
    expect(policyRefused.errors?.[0]?.en).toContain("target fictional-share")
    const ended = await admin("PATCH", `${plan}/targets/fictional-share`, { until: 2024 }, etagOf(created))
    expect(ended.status, ended.text).toBe(200)
    const retired = await admin("PATCH", `${plan}/policies/5/areas/1`, { until: 2024 }, etagOf(area))
    expect(retired.status, retired.text).toBe(200)
  })
})
