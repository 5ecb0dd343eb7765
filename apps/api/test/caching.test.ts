/**
 * What the API keeps in memory between requests must never outlive the data behind it: cached
 * views are revalidated by ETag (304) only after authorisation, a write is visible in the next
 * read, and a revoked token is refused at once — revoked through the API, or behind its back by
 * another writer on the same database (at once: SQLite by data_version, PostgreSQL by LISTEN/NOTIFY).
 * Real server, real database, both dialects.
 */
import { TOKEN_RECHECK_MS } from "@sukoyaka/storage"
import { SqlClient } from "effect/sql"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  changesCounted,
  dialects,
  expectProblem,
  getReview,
  type Harness,
  PLAN,
  reviewPath,
  SEED_YEAR,
  startHarness
} from "./support.ts"

const summaryPath = `/plans/${PLAN}/summary?fiscalYear=${SEED_YEAR}`
const initiativesPath = `/plans/${PLAN}/initiatives?fiscalYear=${SEED_YEAR}&pageSize=200`

describe.each(dialects)("in-memory caches on %s", (dialect) => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness(dialect)
  })
  afterAll(async () => {
    await h?.close()
  })

  it("answers If-None-Match with 304 for the summary and a page of initiatives, only when authorised", async () => {
    for (const path of [summaryPath, initiativesPath]) {
      const first = await h.request("GET", path, { token: "viewer" })
      expect(first.status).toBe(200)
      const etag = first.headers.get("etag")!
      expect(etag).toMatch(/^"[\w-]+"$/)
      expect(first.headers.get("cache-control")).toBe("private, no-cache")
      const again = await h.request("GET", path, { token: "viewer" })
      expect(again.headers.get("etag")).toBe(etag)
      expect(again.text).toBe(first.text)

      for (const header of [etag, `W/${etag}`, `"other", ${etag}`, "*"]) {
        const notModified = await h.request("GET", path, { token: "viewer", headers: { "if-none-match": header } })
        expect(notModified.status, header).toBe(304)
        expect(notModified.text).toBe("")
        expect(notModified.headers.get("etag")).toBe(etag)
      }
      expect((await h.request("GET", path, { token: "viewer", headers: { "if-none-match": '"other"' } })).status).toBe(
        200
      )
      // The ETag is no credential: without a token the answer is 401, not 304.
      expectProblem(await h.request("GET", path, { headers: { "if-none-match": etag } }), 401, "unauthorized")
    }
  })

  it("shows a write in the very next read of the cached views, with a new ETag", async () => {
    const before = await h.request<{ items: Array<{ no: number; review: { selfRating: string | null } | null }> }>(
      "GET",
      initiativesPath,
      { token: "viewer" }
    )
    const summaryBefore = await h.request("GET", summaryPath, { token: "viewer" })
    const { review, etag } = await getReview(h, 62, SEED_YEAR)
    const rating = review.selfRating === "A" ? "C" : "A"
    const put = await h.request("PUT", reviewPath(62, SEED_YEAR), {
      token: "admin",
      json: { ...review, selfRating: rating, ratingReason: "見直した。" },
      headers: { "if-match": etag }
    })
    expect(put.status, put.text).toBe(200)

    const after = await h.request<typeof before.body>("GET", initiativesPath, {
      token: "viewer",
      headers: { "if-none-match": before.headers.get("etag")! }
    })
    expect(after.status).toBe(200)
    expect(after.body.items.find((item) => item.no === 62)?.review?.selfRating).toBe(rating)
    const summaryAfter = await h.request("GET", summaryPath, {
      token: "viewer",
      headers: { "if-none-match": summaryBefore.headers.get("etag")! }
    })
    expect(summaryAfter.status).toBe(200)
    expect(summaryAfter.headers.get("etag")).not.toBe(summaryBefore.headers.get("etag"))
  })

  it("refuses a token revoked through the API on the very next request", async () => {
    const { id, token } = await h.issue({ role: "viewer", name: "soon-revoked" })
    // Twice: the second answer comes from the token cache.
    for (let i = 0; i < 2; i++) expect((await h.request("GET", summaryPath, { token })).status).toBe(200)
    expect((await h.request("DELETE", `/tokens/${id}`, { token: "admin" })).status).toBe(204)
    expectProblem(await h.request("GET", summaryPath, { token }), 401, "unauthorized")
    expectProblem(await h.request("GET", initiativesPath, { token }), 401, "unauthorized")
  })

  it("refuses a token revoked behind the API's back (another writer on the database)", async () => {
    const { id, token } = await h.issue({ role: "viewer", name: "revoked-elsewhere" })
    for (let i = 0; i < 2; i++) expect((await h.request("GET", summaryPath, { token })).status).toBe(200)
    // Plain SQL, as another process (the CLI, a second API) would commit it: no in-process invalidation.
    await h.run(
      SqlClient.SqlClient.use(
        (sql) => sql`UPDATE api_tokens SET revoked_at = ${new Date().toISOString()} WHERE id = ${id}`
      )
    )
    if (TOKEN_RECHECK_MS > 0 && dialect === "pg")
      await new Promise((resolve) => setTimeout(resolve, TOKEN_RECHECK_MS + 100))
    await changesCounted(h)
    expectProblem(await h.request("GET", summaryPath, { token }), 401, "unauthorized")
  })

  it("refuses an expired token even while it is cached", async () => {
    const { token } = await h.issue({
      role: "viewer",
      name: "short-lived",
      expiresAt: new Date(Date.now() + 1500).toISOString()
    })
    for (let i = 0; i < 2; i++) expect((await h.request("GET", summaryPath, { token })).status).toBe(200)
    await new Promise((resolve) => setTimeout(resolve, 1600))
    expectProblem(await h.request("GET", summaryPath, { token }), 401, "unauthorized")
  })
})
