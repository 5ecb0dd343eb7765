/**
 * The whole plan through the API alone, as an integration would (issue 18's first "Done when"), on
 * SQLite and PostgreSQL over real HTTP: create a basic policy, an area, an objective ① in it, an
 * agency and an initiative; write its FY2024 review; the summary counts it under its own policy and
 * area without touching the seed's ①; the xlsx export carries it; retire it and it leaves the next
 * year's cycle but stays in FY2024's. With the refusals around it: editors 403 on every structure
 * write, a stale If-Match 412, a taken number 409, a change that does not fit 422.
 */
import { Workbook } from "@cj-tech-master/excelts"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  dialects,
  expectProblem,
  getReview,
  type Harness,
  PLAN,
  reviewPath,
  SEED_YEAR,
  startHarness,
  adminRequests,
  etagOf
} from "./support.ts"

const plan = `/plans/${PLAN}`

interface Tree {
  basicPolicies: Array<{
    no: number
    title: string
    until?: number | null
    areas: Array<{ no: number; title: string; objectives: Array<{ no: number; title: string; until?: number | null }> }>
  }>
}
interface Ratings {
  A: number
  B: number
  C: number
  D: number
  unrated: number
}
interface Summary {
  ratings: Ratings
  byPolicy: Array<{ policyNo: number; title: string; ratings: Ratings; onTrackShare: number | null }>
  byArea: Array<{ policyNo: number; areaNo: number; title: string; ratings: Ratings }>
  byObjective: Array<{
    policyNo: number
    areaNo: number
    objectiveNo: number
    ratings: Ratings
    onTrackShare: number | null
  }>
  coverage: Array<{ policyNo: number; areaNo: number; objectiveNo: number }>
  attention: Array<{ initiativeNo: number; reasons: string[] }>
  completion: { total: number; byStatus: Record<"draft" | "submitted" | "approved" | "missing", number> }
}
interface Page {
  items: Array<{
    no: number
    name: string
    policyNo: number
    areaNo: number
    objectiveNo: number
    review: { fiscalYear: number; selfRating: string | null } | null
  }>
  total: number
}

const policy = { no: 1, title: "生活習慣の改善" }
const area = { no: 1, title: "栄養・食生活" }
const objective = { no: 1, title: "野菜の摂取の推進", statement: "野菜の摂取を推進します。" }
const agency = { id: "eiyou", name: "栄養課", kind: "cityDivision", reading: "えいようか" }
const initiative = {
  no: 1,
  policyNo: 1,
  areaNo: 1,
  objectiveNo: 1,
  name: "【新】野菜を食べよう講座",
  markers: { isNew: true, newNote: null, formerName: null },
  content: "● 野菜の調理講座を開きます。\n● 食生活を見直すきっかけをつくります。",
  lifeStagesText: "青壮年期",
  lifeStages: ["adulthood"],
  agencies: ["eiyou"]
}
const target = {
  id: "vegetables",
  policyNo: 1,
  areaNo: 1,
  indicator: "野菜摂取量の増加",
  unit: "g",
  kind: "other",
  direction: "increase",
  targetValue: 350
}

/** Every structure write with a body it would accept, and the If-Match it would need. */
const writes = [
  ["POST", `${plan}/policies`, { no: 2, title: "x" }],
  ["PATCH", `${plan}/policies/3`, { title: "x" }],
  ["POST", `${plan}/policies/3/areas`, { no: 2, title: "x" }],
  ["PATCH", `${plan}/policies/3/areas/1`, { title: "x" }],
  ["POST", `${plan}/policies/3/areas/1/objectives`, { no: 5, title: "x" }],
  ["PATCH", `${plan}/policies/3/areas/1/objectives/1`, { title: "x" }],
  ["POST", `${plan}/agencies`, { id: "x", name: "x", kind: "outsideBody" }],
  ["PATCH", `${plan}/agencies/kenko-shien`, { name: "x" }],
  ["POST", `${plan}/initiatives`, { ...initiative, no: 2, agencies: ["kenko-shien"] }],
  ["PATCH", `${plan}/initiatives/57`, { name: "x" }],
  ["POST", `${plan}/targets`, { ...target, id: "x" }],
  ["PATCH", `${plan}/targets/suicide-rate`, { targetValue: 1 }]
] as const

describe.each(dialects)("the whole plan through the API on %s", (dialect) => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness(dialect)
  }, 120_000)
  afterAll(() => h?.close())

  const admin = adminRequests(() => h)
  const summary = async (year: number) =>
    (await h.request<Summary>("GET", `${plan}/summary?fiscalYear=${year}`, { token: "viewer" })).body
  const workbook = async (year: number) => {
    const response = await fetch(`${h.url}/api/v1${plan}/export?format=xlsx&fiscalYear=${year}`, {
      headers: { authorization: `Bearer ${h.tokens.viewer}` }
    })
    expect(response.status).toBe(200)
    const book = new Workbook()
    await book.xlsx.load(await response.arrayBuffer())
    return book
  }
  const rowsOf = (book: Workbook, sheetName: string) => {
    const sheet = book.getWorksheet(sheetName)
    const rows: Array<Array<string>> = []
    sheet?.eachRow((row) =>
      rows.push([String(row.getCell(2).value), String(row.getCell(3).value), String(row.getCell(6).value)])
    )
    return rows
  }

  it("refuses every structure write to editors and viewers (403), whatever the body", async () => {
    for (const [method, path, json] of writes) {
      for (const token of ["editor", "viewer"] as const) {
        expectProblem(await h.request(method, path, { token, json, headers: { "if-match": '"v1"' } }), 403, "forbidden")
      }
    }
  })

  it("builds the new objective's tree with the plan's ETag: 428 without it, 412 when stale, 409 for a taken number", async () => {
    const read = await h.request<Tree>("GET", plan, { token: "viewer" })
    expect(etagOf(read)).toBe('"v1"')
    expectProblem(await admin("POST", `${plan}/policies`, policy), 428, "preconditionRequired")
    const stale = expectProblem(await admin("POST", `${plan}/policies`, policy, '"v0"'), 412, "preconditionFailed")
    expect(stale.detail).toContain("version 0")
    const created = await admin("POST", `${plan}/policies`, { ...policy, position: 0 }, '"v1"')
    expect(created.status, created.text).toBe(201)
    expect(etagOf(created)).toBe('"v2"')
    expect((created.body as Tree).basicPolicies.map((p) => p.no)).toEqual([1, 3])
    const again = await admin("POST", `${plan}/policies`, { no: 3, title: "重複" }, '"v2"')
    const taken = expectProblem(again, 409, "conflict")
    expect(taken.errors).toEqual([
      {
        path: "no",
        ja: expect.stringContaining("基本方針3はすでにあります"),
        en: expect.stringContaining("basic policy 3 exists already")
      }
    ])
    expectProblem(await admin("POST", `${plan}/policies/2/areas`, area, '"v2"'), 404, "notFound")
    const badNumber = expectProblem(
      await admin("POST", `${plan}/policies/1/areas`, { ...area, no: 0 }, '"v2"'),
      400,
      "validation"
    )
    expect(badNumber.errors?.map((error) => error.path)).toEqual(["no"])
    const withArea = await admin("POST", `${plan}/policies/1/areas`, area, '"v2"')
    expect(withArea.status, withArea.text).toBe(201)
    const withObjective = await admin("POST", `${plan}/policies/1/areas/1/objectives`, objective, etagOf(withArea))
    expect(withObjective.status, withObjective.text).toBe(201)
    expect(etagOf(withObjective)).toBe('"v4"')
    const tree = (await h.request<Tree>("GET", plan, { token: "viewer" })).body
    // Two areas that both have a ①: the seed's and the new one.
    expect(tree.basicPolicies.map((p) => [p.no, p.areas.map((a) => [a.no, a.objectives.map((o) => o.no)])])).toEqual([
      [1, [[1, [1]]]],
      [3, [[1, [1, 2, 3, 4]]]]
    ])
  })

  it("adds an agency and an initiative that joins FY2024, whose review is then written", async () => {
    const seeded = await summary(SEED_YEAR)
    const created = await admin("POST", `${plan}/agencies`, agency)
    expect(created.status, created.text).toBe(201)
    expect(created.body).toMatchObject({ ...agency, version: 1, since: null, until: null })
    expect(etagOf(created)).toBe('"v1"')
    expectProblem(await admin("POST", `${plan}/agencies`, agency), 409, "conflict")
    const unknown = expectProblem(
      await admin("POST", `${plan}/initiatives`, { ...initiative, agencies: ["nobody"] }),
      422,
      "unprocessable"
    )
    expect(unknown.errors).toEqual([
      { path: "agencies[0]", ja: "実施機関「nobody」はこの計画にありません", en: "the plan has no agency nobody" }
    ])
    const added = await admin("POST", `${plan}/initiatives`, initiative)
    expect(added.status, added.text).toBe(201)
    expect(added.body).toMatchObject({
      no: 1,
      policyNo: 1,
      areaNo: 1,
      objectiveNo: 1,
      status: "active",
      since: null,
      until: null,
      version: 1
    })
    expectProblem(await admin("POST", `${plan}/initiatives`, initiative), 409, "conflict")

    const { review, etag } = await getReview(h, 1, SEED_YEAR)
    expect(review).toMatchObject({ status: "draft", version: 1, actions: "" })
    const written = await admin(
      "PUT",
      reviewPath(1, SEED_YEAR),
      {
        ...review,
        actions: "野菜の調理講座を3回開いた。",
        resultText: "参加者：45人",
        selfRating: "A",
        ratingReason: "予定どおり開催できた。"
      },
      etag
    )
    expect(written.status, written.text).toBe(200)

    const after = await summary(SEED_YEAR)
    expect(after.byPolicy.map((row) => [row.policyNo, row.title])).toEqual([
      [1, "生活習慣の改善"],
      [3, "こころの健康づくり"]
    ])
    expect(after.byPolicy[0]).toMatchObject({ ratings: { A: 1, B: 0, C: 0, D: 0, unrated: 0 }, onTrackShare: 1 })
    expect(after.byArea[0]).toMatchObject({ policyNo: 1, areaNo: 1, title: "栄養・食生活", ratings: { A: 1 } })
    // The seed's ① is untouched: the new ① is another objective.
    expect(after.byObjective.filter((row) => row.policyNo === 3)).toEqual(seeded.byObjective)
    expect(after.byObjective[0]).toMatchObject({ policyNo: 1, areaNo: 1, objectiveNo: 1, ratings: { A: 1 } })
    expect(after.byPolicy[1]!.ratings).toEqual(seeded.ratings)
    expect(after.ratings.A).toBe(seeded.ratings.A + 1)
    expect(after.coverage.map((row) => `${row.policyNo}-${row.areaNo}-${row.objectiveNo}`)).toEqual([
      "1-1-1",
      "3-1-1",
      "3-1-2",
      "3-1-3",
      "3-1-4"
    ])

    const list = await h.request<Page>(
      "GET",
      `/plans/${PLAN}/initiatives?fiscalYear=${SEED_YEAR}&policyNo=1&areaNo=1`,
      { token: "viewer" }
    )
    expect(list.body.items.map((item) => [item.no, item.review?.selfRating])).toEqual([[1, "A"]])
    const seedsFirst = await h.request<Page>(
      "GET",
      `/plans/${PLAN}/initiatives?fiscalYear=${SEED_YEAR}&policyNo=3&areaNo=1&objective=1&pageSize=200`,
      { token: "viewer" }
    )
    expect(seedsFirst.body.items.map((item) => item.no)).toEqual(Array.from({ length: 13 }, (_, i) => 57 + i))
  })

  it("carries the new initiative in the FY2024 workbook, on a tab of its own policy and area", async () => {
    const book = await workbook(SEED_YEAR)
    expect(book.worksheets.filter((sheet) => sheet.state === "visible").map((sheet) => sheet.name)).toEqual([
      "1-1①野菜",
      "3-1①こども・若者",
      "3-1②職場等",
      "3-1③関係機関",
      "3-1④相談できる場所"
    ])
    expect(rowsOf(book, "1-1①野菜")).toContainEqual(["1", initiative.name, "野菜の調理講座を3回開いた。"])
    expect(rowsOf(book, "3-1①こども・若者").map((row) => row[0])).not.toContain("1")
  })

  it("refuses changes that do not fit (422), names what is in the way, and a stale initiative (412)", async () => {
    const tree = await h.request("GET", plan, { token: "viewer" })
    const inTheWay = expectProblem(
      await admin("PATCH", `${plan}/policies/1/areas/1/objectives/1`, { until: 2024 }, etagOf(tree)),
      422,
      "unprocessable"
    )
    expect(inTheWay.errors).toEqual([
      { path: "until", ja: expect.stringContaining("Ｎｏ.1"), en: expect.stringContaining("No. 1") }
    ])
    const backwards = expectProblem(
      await admin("PATCH", `${plan}/initiatives/1`, { since: 2026, until: 2025 }, '"v1"'),
      400,
      "validation"
    )
    expect(backwards.errors?.[0]?.path).toBe("until")
    const stale = await admin("PATCH", `${plan}/initiatives/1`, { name: "古い版から" }, '"v0"')
    expectProblem(stale, 412, "preconditionFailed")
    // The answer names the current version, as the ETag to read again.
    expect(etagOf(stale)).toBe('"v1"')
    expectProblem(await admin("PATCH", `${plan}/initiatives/9999`, { name: "x" }, '"v1"'), 404, "notFound")
    expectProblem(await admin("PATCH", `${plan}/agencies/nobody`, { name: "x" }, '"v1"'), 404, "notFound")
  })

  it("retires the initiative after FY2024: FY2025's rollover and missing count leave it out, FY2024 keeps it", async () => {
    const retired = await admin("PATCH", `${plan}/initiatives/1`, { until: 2024 }, '"v1"')
    expect(retired.status, retired.text).toBe(200)
    expect(retired.body).toMatchObject({ until: 2024, status: "discontinued", version: 2 })
    expect(etagOf(retired)).toBe('"v2"')

    const opened = await admin("POST", `${plan}/fiscal-years/2025/rollover`)
    // The seed's 54 continuing rows (No. 64 ended in FY2024 too); none for No. 1.
    expect(opened.body).toEqual({ fromFiscalYear: 2024, toFiscalYear: 2025, created: 54, skipped: 0 })
    expectProblem(await h.request("GET", reviewPath(1, 2025), { token: "viewer" }), 404, "notFound")
    const next = await summary(2025)
    expect(next.completion).toEqual({ total: 54, byStatus: { draft: 54, submitted: 0, approved: 0, missing: 0 } })
    expect(next.attention.some((item) => item.initiativeNo === 1)).toBe(false)
    expect(next.byPolicy.map((row) => row.policyNo)).toEqual([3])

    const last = await summary(SEED_YEAR)
    expect(last.byPolicy[0]).toMatchObject({ policyNo: 1, ratings: { A: 1 } })
    const list = await h.request<Page>("GET", `/plans/${PLAN}/initiatives?fiscalYear=${SEED_YEAR}&policyNo=1`, {
      token: "viewer"
    })
    expect(list.body.items.map((item) => [item.no, item.review?.fiscalYear])).toEqual([[1, SEED_YEAR]])
    expect(rowsOf(await workbook(SEED_YEAR), "1-1①野菜")).toContainEqual([
      "1",
      initiative.name,
      "野菜の調理講座を3回開いた。"
    ])
    const nextBook = await workbook(2025)
    expect(nextBook.worksheets.flatMap((sheet) => rowsOf(nextBook, sheet.name).map((row) => row[0]))).not.toContain("1")

    // Now that No. 1 has ended, its objective may end with it; the audit log has every step.
    const tree = await h.request("GET", plan, { token: "viewer" })
    const ended = await admin("PATCH", `${plan}/policies/1/areas/1/objectives/1`, { until: 2024 }, etagOf(tree))
    expect(ended.status, ended.text).toBe(200)
    const audit = await h.request<Array<{ entity: string; entityKey: string; action: string }>>(
      "GET",
      `/audit?planId=${PLAN}&limit=1000`,
      { token: "admin" }
    )
    const structural = audit.body
      .filter((entry) => ["basicPolicy", "area", "objective", "agency", "initiative"].includes(entry.entity))
      .reverse()
    expect(structural.slice(-7).map((entry) => [entry.entity, entry.entityKey, entry.action])).toEqual([
      ["basicPolicy", `${PLAN}/1`, "create"],
      ["area", `${PLAN}/1-1`, "create"],
      ["objective", `${PLAN}/1-1-1`, "create"],
      ["agency", "eiyou", "create"],
      ["initiative", `${PLAN}/1`, "create"],
      ["initiative", `${PLAN}/1`, "update"],
      ["objective", `${PLAN}/1-1-1`, "update"]
    ])
  })

  it("adds and changes a target of the new area; the seed's targets stay where they were", async () => {
    const created = await admin("POST", `${plan}/targets`, target)
    expect(created.status, created.text).toBe(201)
    expect(created.body).toMatchObject({
      id: "vegetables",
      policyNo: 1,
      areaNo: 1,
      objectiveNo: null,
      version: 1,
      evaluation: { grade: "E" }
    })
    expectProblem(await admin("POST", `${plan}/targets`, target), 409, "conflict")
    const moved = await admin("PATCH", `${plan}/targets/vegetables`, { targetValue: 360, position: 0 }, '"v1"')
    expect(moved.status, moved.text).toBe(200)
    expect(etagOf(moved)).toBe('"v2"')
    expectProblem(await admin("PATCH", `${plan}/targets/vegetables`, { areaNo: 7 }, '"v2"'), 422, "unprocessable")
    const targets = await h.request<Array<{ id: string; policyNo: number }>>("GET", `${plan}/targets`, {
      token: "viewer"
    })
    expect(targets.body.map((t) => [t.id, t.policyNo])).toEqual([
      ["vegetables", 1],
      ["suicide-rate", 3],
      ["inochi-lessons", 3],
      ["stress-men", 3],
      ["stress-women", 3],
      ["knows-where-to-consult", 3]
    ])
  })

  it("restores a structural change from the audit log, checked and versioned like a PATCH", async () => {
    interface Entry {
      id: number
      entity: string
      entityKey: string
      action: string
    }
    const entries = async () =>
      (await h.request<Array<Entry>>("GET", `/audit?planId=${PLAN}&limit=1000`, { token: "admin" })).body
    const latest = async (entity: string, entityKey: string, action = "update") =>
      (await entries()).find((e) => e.entity === entity && e.entityKey === entityKey && e.action === action)!

    // An initiative renamed, then restored with its current ETag.
    const before = await h.request<{ name: string }>("GET", `${plan}/initiatives/1`, { token: "viewer" })
    const renamed = await admin("PATCH", `${plan}/initiatives/1`, { name: "改名した事業" }, etagOf(before))
    expect(renamed.status, renamed.text).toBe(200)
    const rename = await latest("initiative", `${PLAN}/1`)
    const restorePath = `${plan}/audit/${rename.id}/restore`
    expectProblem(await admin("POST", restorePath), 428, "preconditionRequired")
    expectProblem(await admin("POST", restorePath, undefined, etagOf(before)), 412, "preconditionFailed")
    expect(
      (await h.request("POST", restorePath, { token: "editor", headers: { "if-match": etagOf(renamed) } })).status
    ).toBe(403)
    const restored = await admin("POST", restorePath, undefined, etagOf(renamed))
    expect(restored.status, restored.text).toBe(200)
    expect(restored.body).toMatchObject({ entity: "initiative", entityKey: `${PLAN}/1` })
    const after = await h.request<{ name: string }>("GET", `${plan}/initiatives/1`, { token: "viewer" })
    expect(after.body.name).toBe(before.body.name)
    expect(etagOf(after)).toBe(etagOf(restored))
    // The restore is itself in the log: the change can be followed, and undone again.
    expect((await latest("initiative", `${PLAN}/1`)).id).toBeGreaterThan(rename.id)

    // An objective of the tree retitled, then restored with the plan's ETag.
    const tree = await h.request<Tree>("GET", plan, { token: "viewer" })
    const retitled = await admin("PATCH", `${plan}/policies/1/areas/1/objectives/1`, { title: "別の題" }, etagOf(tree))
    expect(retitled.status, retitled.text).toBe(200)
    const retitle = await latest("objective", `${PLAN}/1-1-1`)
    const back = await admin("POST", `${plan}/audit/${retitle.id}/restore`, undefined, etagOf(retitled))
    expect(back.status, back.text).toBe(200)
    const title = (await h.request<Tree>("GET", plan, { token: "viewer" })).body.basicPolicies.find((p) => p.no === 1)!
      .areas[0]!.objectives[0]!.title
    expect(title).toBe(objective.title)

    // A creation has no earlier state; an unknown entry is 404.
    const creation = await latest("agency", agency.id, "create")
    const refused = expectProblem(
      await admin("POST", `${plan}/audit/${creation.id}/restore`, undefined, '"v1"'),
      422,
      "unprocessable"
    )
    expect(refused.errors?.[0]).toMatchObject({ path: "param.auditId", ja: expect.stringContaining("終了年度") })
    expectProblem(await admin("POST", `${plan}/audit/99999999/restore`, undefined, '"v1"'), 404, "notFound")
  })

  it("keeps a rename by year: from FY2025 on the new name, FY2024's list and sheet the old one", async () => {
    const nameIn = async (year: number) => {
      const page = await h.request<Page>("GET", `${plan}/initiatives?fiscalYear=${year}&pageSize=200`, {
        token: "viewer"
      })
      return page.body.items.find((item) => item.no === 57)?.name
    }
    const original = await nameIn(SEED_YEAR)
    const current = await h.request("GET", `${plan}/initiatives/57`, { token: "viewer" })
    const renamed = await admin(
      "PATCH",
      `${plan}/initiatives/57`,
      { name: "子育て支援センター事業", effectiveFrom: 2025 },
      etagOf(current)
    )
    expect(renamed.status, renamed.text).toBe(200)
    expect(await nameIn(2025)).toBe("子育て支援センター事業")
    expect(await nameIn(SEED_YEAR)).toBe(original)
    // The tab is 「3-1①こども・若者」 once the plan has another area (the tests above add one).
    const book = await workbook(SEED_YEAR)
    const tab = book.worksheets.find((sheet) => /^(3-1)?①こども/.test(sheet.name))!.name
    const sheet = rowsOf(book, tab).find((row) => row[0] === "57")
    expect(sheet?.[1]).toBe(original)
    // FY2024 is kept already: another change from FY2025 would rewrite it, and is refused at its field.
    const again = expectProblem(
      await admin("PATCH", `${plan}/initiatives/57`, { name: "別名", effectiveFrom: 2025 }, etagOf(renamed)),
      422,
      "unprocessable"
    )
    expect(again.errors?.[0]).toMatchObject({ path: "effectiveFrom", ja: expect.stringContaining("2024年度") })
  })
})
