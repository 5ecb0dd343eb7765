/**
 * National frameworks, tags and the coverage report over real HTTP on both databases (#24): the
 * Done-when path (load a framework, tag three initiatives, the coverage lists them and flags an empty
 * measure, the survey export carries their codes), the secretariat-only writes with If-Match, the
 * audit, the public coverage only once the city publishes it, and tags carried through the crosswalk.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { auditCount, dialects, etagOf, expectProblem, type Harness, PLAN, SEED_YEAR, startHarness } from "./support.ts"

const source = { document: "テスト大綱（令和9年）", date: "2027-04-01", url: null }
const framework = {
  framework: {
    id: "test-taikou",
    nameJa: "テスト大綱",
    nameEn: null,
    issuedOn: "2027-04-01",
    source,
    confirmed: false
  },
  measures: [
    { code: "1", parentCode: null, nameJa: "子ども・若者", nameEn: null, order: 1, source, confirmed: false },
    { code: "2", parentCode: null, nameJa: "勤務問題", nameEn: null, order: 2, source, confirmed: false },
    { code: "3", parentCode: null, nameJa: "遺された人への支援", nameEn: null, order: 3, source, confirmed: false }
  ],
  crosswalk: []
}
const tag = (measureCode: string) => ({
  frameworkId: "test-taikou",
  measureCode,
  since: SEED_YEAR,
  until: null,
  role: "primary",
  rationale: "テスト"
})

interface Covering {
  no: number
  rating: string | null
  via: { frameworkId: string; measureCode: string; relation: string } | null
}
interface Report {
  measures: Array<{ code: string; flags: Array<string>; initiatives: Array<Covering>; possible: Array<Covering> }>
}

/** Two versions related by a crosswalk written on the older one's side. */
const versionFile = (
  id: string,
  codes: ReadonlyArray<readonly [string, string | null]>,
  crosswalk: ReadonlyArray<unknown> = []
) => ({
  framework: { id, nameJa: id, nameEn: null, issuedOn: null, source, confirmed: false },
  measures: codes.map(([code, parentCode], order) => ({
    code,
    parentCode,
    nameJa: `施策${code}`,
    nameEn: null,
    order,
    source,
    confirmed: false
  })),
  crosswalk
})
const link = (fromCode: string, toCode: string, relation: string) => ({
  fromCode,
  toFramework: "test-new",
  toCode,
  relation,
  confirmed: false,
  source
})

describe.each(dialects)("frameworks, tags and coverage on %s", (dialect) => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness(dialect)
  })
  afterAll(async () => h.close())

  const putTags = (no: number, tags: Array<unknown>, ifMatch: string, token = "admin") =>
    h.request<{ version: number }>("PUT", `/plans/${PLAN}/initiatives/${no}/tags`, {
      token,
      json: { tags },
      headers: { "if-match": ifMatch }
    })

  it("loads a framework, tags three initiatives, reports coverage and exports their codes", async () => {
    expect(
      (
        await h.request("PUT", "/frameworks/test-taikou", {
          token: "editor",
          json: framework,
          headers: { "if-match": '"v0"' }
        })
      ).status
    ).toBe(403)
    expectProblem(
      await h.request("PUT", "/frameworks/test-taikou", { token: "admin", json: framework }),
      428,
      "preconditionRequired"
    )
    const before = await auditCount(h)
    const loaded = await h.request("PUT", "/frameworks/test-taikou", {
      token: "admin",
      json: framework,
      headers: { "if-match": '"v0"' }
    })
    expect(loaded.status, loaded.text).toBe(200)
    expect(etagOf(loaded)).toBe('"v1"')
    const list = await h.request<Array<{ id: string; measureCount: number }>>("GET", "/frameworks", { token: "viewer" })
    expect(list.body).toEqual(expect.arrayContaining([expect.objectContaining({ id: "test-taikou", measureCount: 3 })]))

    expect((await putTags(58, [tag("1")], '"v0"', "editor")).status).toBe(403)
    expectProblem(await putTags(58, [tag("9")], '"v0"'), 422, "frameworkInvalid")
    for (const [no, code] of [
      [58, "1"],
      [60, "1"],
      [75, "2"]
    ] as const) {
      const written = await putTags(no, [tag(code)], '"v0"')
      expect(written.status, written.text).toBe(200)
    }
    expectProblem(await putTags(58, [], '"v0"'), 412, "preconditionFailed")
    expect(await auditCount(h)).toBe(before + 4)
    // If-Match: * writes on whatever is there now (the same list: no change, no audit).
    expect((await putTags(58, [tag("1")], "*")).status).toBe(200)
    expect(await auditCount(h)).toBe(before + 4)
    const tags = await h.request<{ tags: Array<{ measureCode: string; example: boolean }> }>(
      "GET",
      `/plans/${PLAN}/initiatives/58/tags`,
      { token: "viewer" }
    )
    expect(tags.body.tags).toEqual([expect.objectContaining({ measureCode: "1", example: false })])

    const report = await h.request<Report>(
      "GET",
      `/plans/${PLAN}/coverage?framework=test-taikou&fiscalYear=${SEED_YEAR}`,
      { token: "viewer" }
    )
    expect(report.status, report.text).toBe(200)
    const row = (code: string) => report.body.measures.find((measure) => measure.code === code)!
    expect(row("1").initiatives.map((i) => i.no)).toEqual([58, 60])
    expect(row("1").flags).toEqual([])
    expect(row("2").initiatives.map((i) => i.no)).toEqual([75])
    expect(row("2").flags).toEqual(["thin"])
    expect(row("3").flags).toEqual(["empty"])

    const csv = await h.request("GET", `/plans/${PLAN}/survey-export?fiscalYear=${SEED_YEAR}`, { token: "viewer" })
    expect(csv.status).toBe(200)
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/)
    const lines = csv.text.split("\r\n")
    expect(lines[0]).toContain("該当する国の施策")
    expect(lines.find((line) => line.includes(",58,"))).toContain("test-taikou:1")
    expect(lines.find((line) => line.includes(",75,"))).toContain("test-taikou:2")
  })

  it("replaces a framework's measures from a CSV sheet (admin, If-Match, audited); a bad sheet changes nothing", async () => {
    const sheet = (text: string, token = "admin", ifMatch?: string) => {
      const form = new FormData()
      form.append("file", new Blob([text], { type: "text/csv" }), "measures.csv")
      return fetch(`${h.url}/api/v1/frameworks/sheet-test/imports`, {
        method: "POST",
        body: form,
        headers: {
          authorization: `Bearer ${h.tokens[token as "admin"]}`,
          ...(ifMatch === undefined ? {} : { "if-match": ifMatch })
        }
      })
    }
    const loaded = await h.request("PUT", "/frameworks/sheet-test", {
      token: "admin",
      json: { ...framework, framework: { ...framework.framework, id: "sheet-test" } },
      headers: { "if-match": '"v0"' }
    })
    expect(loaded.status, loaded.text).toBe(200)
    const good = "code,parent_code,name_ja,source_document,confirmed\r\nA,,上位,文書,済\r\nA1,A,下位,文書,\r\n"
    expect((await sheet(good, "editor", '"v1"')).status).toBe(403)
    expect((await sheet(good)).status).toBe(428)
    const before = await auditCount(h)
    const broken = await sheet("code,parent_code,name_ja,source_document\r\nB1,B,親なし,文書\r\n", "admin", '"v1"')
    expect(broken.status).toBe(400)
    const problem = (await broken.json()) as { errors: Array<{ path: string; ja: string; en: string }> }
    expect(problem.errors).toEqual([expect.objectContaining({ path: "file", en: expect.stringContaining("B1") })])
    const replaced = await sheet(good, "admin", '"v1"')
    expect(replaced.status, await replaced.clone().text()).toBe(200)
    expect(replaced.headers.get("etag")).toBe('"v2"')
    const stored = (await replaced.json()) as {
      framework: { nameJa: string }
      measures: Array<{ code: string; parentCode: string | null; confirmed: boolean }>
    }
    expect(stored.framework.nameJa).toBe("テスト大綱")
    expect(stored.measures.map((m) => [m.code, m.parentCode, m.confirmed])).toEqual([
      ["A", null, true],
      ["A1", "A", false]
    ])
    expect(await auditCount(h)).toBe(before + 1)
    expect((await sheet(good, "admin", '"v1"')).status).toBe(412)
  })

  it("shows the coverage to the public only once the city publishes it, approved ratings only", async () => {
    const path = `/public/plans/${PLAN}/years/${SEED_YEAR}/coverage?framework=test-taikou`
    expect((await h.request("PUT", `/plans/${PLAN}/published-years/${SEED_YEAR}`, { token: "admin" })).status).toBe(200)
    expect((await h.request("GET", path)).status).toBe(404)
    const settings = await h.request<Record<string, unknown>>("GET", `/plans/${PLAN}/framework-settings`, {
      token: "admin"
    })
    expect(settings.body).toMatchObject({ publishCoverage: false, version: 0 })
    const saved = await h.request("PUT", `/plans/${PLAN}/framework-settings`, {
      token: "admin",
      json: {
        cityCode: "012131",
        recommended: [{ frameworkId: "test-taikou", code: "3" }],
        publishCoverage: true,
        surveyColumns: [{ heading: "No", field: "initiativeNo" }]
      },
      headers: { "if-match": '"v0"' }
    })
    expect(saved.status, saved.text).toBe(200)
    const report = await h.request<Report>("GET", path)
    expect(report.status, report.text).toBe(200)
    expect(report.body.measures.find((measure) => measure.code === "3")!.flags).toEqual(["empty", "recommendedEmpty"])
  })

  const coverage = async (frameworkId: string) => {
    const report = await h.request<Report>(
      "GET",
      `/plans/${PLAN}/coverage?framework=${frameworkId}&fiscalYear=${SEED_YEAR}`,
      { token: "viewer" }
    )
    expect(report.status, report.text).toBe(200)
    return (code: string) => report.body.measures.find((measure) => measure.code === code)!
  }
  const shown = (initiatives: Array<Covering>) =>
    initiatives.map((i) => (i.via === null ? `${i.no}` : `${i.no} ${i.via.relation} ${i.via.measureCode}`))

  it("carries tags through the crosswalk, marked, and lists a broader one as possible only", async () => {
    const load = async (file: unknown, id: string) => {
      const loaded = await h.request("PUT", `/frameworks/${id}`, {
        token: "admin",
        json: file,
        headers: { "if-match": '"v0"' }
      })
      expect(loaded.status, loaded.text).toBe(200)
    }
    await load(
      versionFile("test-new", [
        ["N", null],
        ["N1", "N"],
        ["N2", "N"],
        ["N3", null]
      ]),
      "test-new"
    )
    await load(
      versionFile(
        "test-old",
        [
          ["O1", null],
          ["O2", null],
          ["O3", null]
        ],
        [link("O1", "N1", "equivalent"), link("O2", "N2", "broader"), link("O3", "N3", "narrower")]
      ),
      "test-old"
    )
    const old = (measureCode: string) => ({ ...tag(measureCode), frameworkId: "test-old" })
    for (const [no, tags] of [
      [61, [old("O1")]],
      [62, [old("O2")]],
      [63, [old("O3")]],
      [64, [{ ...tag("N1"), frameworkId: "test-new" }, old("O1")]]
    ] as const)
      expect((await putTags(no, [...tags], "*")).status).toBe(200)

    const current = await coverage("test-new")
    // Equivalent counts, marked with the old code; a direct tag is shown as direct.
    expect(shown(current("N1").initiatives)).toEqual(["61 equivalent O1", "64"])
    // A tag on a measure that contains N2 says nothing of N2: possible, not counted.
    expect(current("N2").initiatives).toEqual([])
    expect(current("N2").flags).toEqual(["empty"])
    expect(shown(current("N2").possible)).toEqual(["62 broader O2"])
    // O3 is a part of N3: it counts for it.
    expect(shown(current("N3").initiatives)).toEqual(["63 narrower O3"])
    expect(current("N3").flags).toEqual(["thin"])
    // A parent counts its children's carried initiatives, still marked.
    expect(shown(current("N").initiatives)).toEqual(["61 equivalent O1", "64"])

    // The other way round: the link written on the old side serves the old version's report too.
    const previous = await coverage("test-old")
    expect(shown(previous("O1").initiatives)).toEqual(["61", "64"])
    expect(shown(previous("O2").initiatives)).toEqual(["62"])
    expect(previous("O2").possible).toEqual([])
  })

  it("gives the example dataset's 2017 重点パッケージ the current 重点施策's initiatives, through the crosswalk", async () => {
    // As the example dataset tags No.88 (the CLI's load-example): a current 重点施策 and a 大綱 item.
    expect(
      (
        await putTags(
          88,
          [
            { ...tag("J5"), frameworkId: "jscp-package" },
            { ...tag("13(1)"), frameworkId: "taikou-r4" }
          ],
          "*"
        )
      ).status
    ).toBe(200)
    const p2017 = await coverage("package-2017")
    expect(shown(p2017("P").initiatives)).toContain("88 narrower J5")
    const taikou = await coverage("taikou-r4")
    expect(shown(taikou("13").initiatives)).toEqual(["88"])
    const jscp = await coverage("jscp-package")
    expect(shown(jscp("J5").initiatives)).toEqual(["88"])
  })
})
