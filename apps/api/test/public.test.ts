/**
 * The public side over HTTP on both databases (#21), with three years: the fictional FY2023, the
 * seed's approved FY2024 and FY2025's drafts after the rollover. The admin publishes years (audited,
 * versioned); anonymous requests then read approved reviews of published years only: drafts, a
 * return comment, dialogue comments, an approved review reopened as a draft and small counts never
 * appear in any answer or data file; an unpublished year is 404; every file of datapackage.json
 * downloads anonymously and matches its schema.
 */
import { seedFictionalYearBefore } from "@sukoyaka/app/testing"
import { Targets, systemActor } from "@sukoyaka/storage"
import { Effect } from "effect"
import { SqlClient } from "effect/sql"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  dialects,
  etagOf,
  expectProblem,
  getReview,
  type Harness,
  openNextYear,
  OWN_ROWS,
  PLAN,
  reviewPath,
  startHarness
} from "./support.ts"
import { fits, parseCsv, type Resource } from "./openData.ts"

const DRAFT_MARKER = "下書きマーカーZX81-draft"
const RETURN_MARKER = "差戻しマーカーQW77-return"
const DIALOGUE_MARKER = "対話マーカーKP42-dialogue"
const REOPENED_MARKER = "再開マーカーRB19-reopened"
const markers = [DRAFT_MARKER, RETURN_MARKER, DIALOGUE_MARKER, REOPENED_MARKER]
/** The figures of an observation built from 3 deaths: below the default threshold of 5. */
const SMALL = { value: 17.77, numerator: 3, denominator: 16883 }

const PUBLIC = `/public/plans/${PLAN}`
const PUBLISHED = `/plans/${PLAN}/published-years`

describe.each(dialects)("the public side on %s", (dialect) => {
  let h: Harness
  /** Every text an anonymous reader got: checked for the markers at the end. */
  const seen: Array<{ path: string; text: string }> = []
  const anonymous = async (path: string, headers: Record<string, string> = {}) => {
    const response = await h.request("GET", path, { headers })
    seen.push({ path, text: response.text })
    return response
  }
  const admin = (method: string, path: string, etag?: string) =>
    h.request(method, path, { token: "admin", ...(etag === undefined ? {} : { headers: { "if-match": etag } }) })

  beforeAll(async () => {
    h = await startHarness(dialect)
    await openNextYear(h)
    await seedFictionalYearBefore(h.server.runtime, PLAN, 2024)
    const [draftNo, returnedNo, reopenedNo] = [OWN_ROWS[0]!, OWN_ROWS[1]!, OWN_ROWS[2]!]
    // FY2025: a draft with a marker, and a review returned with a marked comment.
    const draft = await getReview(h, draftNo, 2025)
    expect(
      (
        await h.request("PUT", reviewPath(draftNo, 2025), {
          token: "editor",
          json: { ...draft.review, actions: `実施しました ${DRAFT_MARKER}` },
          headers: { "if-match": draft.etag }
        })
      ).status
    ).toBe(200)
    const toReturn = await getReview(h, returnedNo, 2025)
    const submitted = await h.request("POST", reviewPath(returnedNo, 2025, "/status"), {
      token: "editor",
      json: { action: "submit" },
      headers: { "if-match": toReturn.etag }
    })
    expect(submitted.status).toBe(200)
    const returned = await h.request("POST", reviewPath(returnedNo, 2025, "/status"), {
      token: "admin",
      json: { action: "return", comment: `数値を確認してください ${RETURN_MARKER}` },
      headers: { "if-match": etagOf(submitted) }
    })
    expect(returned.status).toBe(200)
    // FY2024 (approved): a dialogue comment, and one review reopened and edited as a draft.
    expect(
      (
        await h.request("POST", reviewPath(draftNo, 2024, "/comments"), {
          token: "admin",
          json: { body: `内部の確認 ${DIALOGUE_MARKER}` }
        })
      ).status
    ).toBe(201)
    const approved = await getReview(h, reopenedNo, 2024)
    const reopened = await h.request("POST", reviewPath(reopenedNo, 2024, "/status"), {
      token: "admin",
      json: { action: "reopen" },
      headers: { "if-match": approved.etag }
    })
    expect(reopened.status).toBe(200)
    const edited = await h.request("PUT", reviewPath(reopenedNo, 2024), {
      token: "admin",
      json: { ...(reopened.body as object), actions: `書き直し中 ${REOPENED_MARKER}` },
      headers: { "if-match": etagOf(reopened) }
    })
    expect(edited.status).toBe(200)
    // A target observation from a small count (3 deaths), and one from a large count.
    await h.run(
      Effect.gen(function* () {
        const targets = yield* Targets
        const [target] = yield* targets.list(PLAN)
        yield* targets.update(systemActor, PLAN, target!.id, target!.version ?? 0, (current) => ({
          ...current,
          observations: [
            ...current.observations,
            { year: 2023, ...SMALL },
            { year: 2024, value: 15.5, numerator: 26, denominator: 167_741 }
          ]
        }))
      })
    )
  })
  afterAll(async () => {
    await h?.close()
  })

  it("is nothing before a year is published: 404 everywhere, and no plan listed", async () => {
    expect((await anonymous("/public/plans")).body).toEqual([])
    for (const path of [PUBLIC, `${PUBLIC}/years/2024`, `${PUBLIC}/targets`, `${PUBLIC}/datapackage.json`])
      expectProblem(await anonymous(path), 404, "notFound")
  })

  it("lets only the admin publish, versioned and audited", async () => {
    expectProblem(await h.request("PUT", `${PUBLISHED}/2024`), 401, "unauthorized")
    expectProblem(await h.request("PUT", `${PUBLISHED}/2024`, { token: "editor" }), 403, "forbidden")
    expectProblem(await h.request("PUT", `${PUBLISHED}/2024`, { token: "viewer" }), 403, "forbidden")
    expectProblem(await h.request("GET", PUBLISHED, { token: "viewer" }), 403, "forbidden")
    expectProblem(await admin("PUT", `${PUBLISHED}/2031`), 422, "unprocessable")
    expectProblem(await admin("PUT", `${PUBLISHED}/2024`, '"v3"'), 412, "preconditionFailed")

    const before = (await admin("GET", PUBLISHED)).body as Array<{
      fiscalYear: number
      approved: number
      version: number
    }>
    expect(before.map((year) => year.fiscalYear)).toEqual([2023, 2024, 2025])
    expect(before.find((year) => year.fiscalYear === 2025)?.approved).toBe(0)
    // Four first publications of FY2023 at once, without If-Match: one is recorded, all say it is public.
    const racing = await Promise.all([1, 2, 3, 4].map(() => admin("PUT", `${PUBLISHED}/2023`)))
    expect(racing.map((response) => `${response.status} ${etagOf(response)}`)).toEqual(Array(4).fill('200 "v1"'))
    for (const year of [2024, 2025]) {
      const published = await admin("PUT", `${PUBLISHED}/${year}`, '"v0"')
      expect(published.status).toBe(200)
      expect(etagOf(published)).toBe('"v1"')
    }
    // Withdrawing FY2023 and publishing it again: two more versions.
    const withdrawn = await admin("DELETE", `${PUBLISHED}/2023`, '"v1"')
    expect(withdrawn.status).toBe(200)
    expect((withdrawn.body as { publishedAt: string | null }).publishedAt).toBeNull()
    expectProblem(await anonymous(`${PUBLIC}/years/2023`), 404, "notFound")
    expect((await anonymous(PUBLIC)).body).toMatchObject({ publishedYears: [2024, 2025] })
    expectProblem(await anonymous(`${PUBLIC}/data/initiatives-2023.csv`), 404, "notFound")
    expect(etagOf(await admin("PUT", `${PUBLISHED}/2023`, etagOf(withdrawn)))).toBe('"v3"')
    // Publishing a published year again changes nothing.
    expect(etagOf(await admin("PUT", `${PUBLISHED}/2024`))).toBe('"v1"')
    expect((await admin("DELETE", `${PUBLISHED}/2030`)).status).toBe(204)

    const actions = await h.run(
      Effect.gen(function* () {
        const sql = yield* SqlClient.SqlClient
        return yield* sql<{ action: string; entityKey: string }>`SELECT action, entity_key FROM audit_log
          WHERE entity = 'publishedYear' ORDER BY id`
      })
    )
    expect(actions.map((row) => `${row.action} ${row.entityKey}`)).toEqual([
      `publish ${PLAN}/2023`,
      `publish ${PLAN}/2024`,
      `publish ${PLAN}/2025`,
      `withdraw ${PLAN}/2023`,
      `publish ${PLAN}/2023`
    ])
  })

  it("answers anonymous readers with approved reviews only, cacheable and open to any origin", async () => {
    const plans = await anonymous("/public/plans", { origin: "https://portal.example.jp" })
    expect(plans.status).toBe(200)
    expect(plans.headers.get("access-control-allow-origin")).toBe("*")
    expect(plans.body).toMatchObject([{ id: PLAN, publishedYears: [2023, 2024, 2025], license: { name: "CC-BY-4.0" } }])

    const year = await anonymous(`${PUBLIC}/years/2024`)
    expect(year.status).toBe(200)
    expect(year.headers.get("cache-control")).toBe("public, max-age=300")
    const etag = etagOf(year)
    expect(etag).toMatch(/^"[^"]+"$/)
    const again = await anonymous(`${PUBLIC}/years/2024`, { "if-none-match": etag })
    expect(again.status).toBe(304)
    expect(again.text).toBe("")

    interface Year {
      initiatives: number
      approved: number
      ratings: Record<string, number>
      policies: Array<{ areas: Array<{ objectives: Array<{ initiatives: Array<{ no: number; review: unknown }> }> }> }>
    }
    const body = year.body as Year
    const initiatives = body.policies.flatMap((p) => p.areas.flatMap((a) => a.objectives.flatMap((o) => o.initiatives)))
    expect(initiatives.length).toBe(body.initiatives)
    // The reopened review is a draft now: 未公表 (null), and one fewer approved.
    expect(initiatives.find((initiative) => initiative.no === OWN_ROWS[2])?.review).toBeNull()
    expect(body.approved).toBe(initiatives.filter((initiative) => initiative.review !== null).length)
    expect(body.approved).toBe(body.initiatives - 1)
    for (const key of ["status", "statusComment", "version", "approvedVersion", "evaluation", "flags", "comments"])
      expect(year.text).not.toContain(`"${key}"`)

    const drafts = (await anonymous(`${PUBLIC}/years/2025`)).body as Year
    expect(drafts.approved).toBe(0)
    expect(drafts.ratings).toEqual({ A: 0, B: 0, C: 0, D: 0, unrated: 0 })
    expect((await anonymous(`${PUBLIC}/years/2023`)).status).toBe(200)
    expectProblem(await anonymous(`${PUBLIC}/years/2022`), 404, "notFound")
    expectProblem(await anonymous(`/public/plans/no-such-plan/years/2024`), 404, "notFound")
    expectProblem(await anonymous(`${PUBLIC}/years/24`), 400, "validation")
  })

  it("suppresses small counts for the public and not for the admin", async () => {
    const targets = await anonymous(`${PUBLIC}/targets`)
    expect(targets.status).toBe(200)
    const body = targets.body as {
      smallCountThreshold: number
      targets: Array<{ observations: Array<{ year: number; value: number | null; suppressed: boolean }> }>
    }
    expect(body.smallCountThreshold).toBe(5)
    const observations = body.targets[0]!.observations
    expect(observations.find((o) => o.year === 2023)).toMatchObject({ value: null, numerator: null, suppressed: true })
    expect(observations.find((o) => o.year === 2024)).toMatchObject({ value: 15.5, numerator: 26, suppressed: false })
    const own = await h.request("GET", `/plans/${PLAN}/targets`, { token: "viewer" })
    expect(own.text).toContain(String(SMALL.denominator))
  })

  it("describes every file in datapackage.json, and each downloads anonymously and matches its schema", async () => {
    const response = await anonymous(`${PUBLIC}/datapackage.json`)
    expect(response.status).toBe(200)
    const dataPackage = response.body as {
      licenses: Array<{ name: string }>
      description: string
      resources: Resource[]
    }
    expect(dataPackage.licenses[0]!.name).toBe("CC-BY-4.0")
    expect(dataPackage.description).toContain("1〜4")
    const names = dataPackage.resources.map((resource) => resource.path)
    for (const path of [
      "data/initiatives-2023.csv",
      "data/initiatives-2025.json",
      "data/measures.csv",
      "data/observations.json"
    ])
      expect(names).toContain(path)
    let initiativeRows = 0
    for (const resource of dataPackage.resources) {
      expect(resource.schema.fields.length).toBeGreaterThan(3)
      for (const field of resource.schema.fields) {
        expect(field.name).toMatch(/^[a-z_]+$/)
        expect(["string", "integer", "number", "boolean"]).toContain(field.type)
        expect(field.description.length).toBeGreaterThan(0)
      }
      const file = await anonymous(`${PUBLIC}/${resource.path}`)
      expect(file.status, resource.path).toBe(200)
      expect(file.headers.get("content-type")).toContain(resource.mediatype)
      const fieldNames = resource.schema.fields.map((field) => field.name)
      if (resource.format === "csv") {
        const bytes = new Uint8Array(await (await fetch(`${h.url}/api/v1${PUBLIC}/${resource.path}`)).arrayBuffer())
        expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
        const [header, ...rows] = parseCsv(file.text.replace(/^\uFEFF/, ""))
        expect(header).toEqual(fieldNames)
        for (const row of rows) {
          expect(row.length).toBe(fieldNames.length)
          resource.schema.fields.forEach((field, index) =>
            expect(fits(field, row[index], true), `${resource.path} ${field.name}=${row[index]}`).toBe(true)
          )
        }
        if (resource.path === "data/initiatives.csv") initiativeRows = rows.length
      } else {
        const rows = file.body as Array<Record<string, unknown>>
        for (const row of rows) {
          expect(Object.keys(row)).toEqual(fieldNames)
          for (const field of resource.schema.fields)
            expect(fits(field, row[field.name], false), `${resource.path} ${field.name}`).toBe(true)
        }
      }
    }
    // FY2023's 55 and FY2024's 54 approved reviews (one reopened); FY2025 has none approved.
    expect(initiativeRows).toBe(55 + 54)
    expectProblem(await anonymous(`${PUBLIC}/data/secrets.csv`), 404, "notFound")
    expectProblem(await anonymous(`${PUBLIC}/data/observations-2024.csv`), 404, "notFound")
  })

  it("never shows a draft, a comment or a small count to the public", () => {
    expect(seen.length).toBeGreaterThan(20)
    for (const { path, text } of seen) {
      for (const marker of markers) expect(text, `${marker} in ${path}`).not.toContain(marker)
      expect(text, `a small count in ${path}`).not.toContain(String(SMALL.denominator))
      expect(text, `a small count in ${path}`).not.toContain(String(SMALL.value))
    }
  })
})
