/**
 * The change feed (#22): another system that reads a plan's changes from the first one rebuilds the
 * very reviews the API serves, after edits, a status change and a rollover; the cursor pages and
 * never goes back; another plan's changes stay out. On both databases, over real HTTP.
 */
import { type ChangeFeed, Review } from "@sukoyaka/core"
import { FICTIONAL_PLAN, fictionalPlanJson } from "@sukoyaka/core/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  dialects,
  etagOf,
  expectProblem,
  getReview,
  type Harness,
  openNextYear,
  PLAN,
  reviewPath,
  SEED_YEAR,
  startHarness
} from "./support.ts"

const feedPath = (after: string, limit = 1000) => `/plans/${PLAN}/changes?after=${after}&limit=${limit}`

describe.each(dialects)("the change feed on %s", (dialect) => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness(dialect)
  })
  afterAll(async () => h.close())

  /** Reads on from `after` until the feed says there is no more, as a sync script would. */
  const readAll = async (after: string, limit = 1000, plan = PLAN) => {
    const changes: Array<ChangeFeed["changes"][number]> = []
    let cursor = after
    for (;;) {
      const page = await h.request<ChangeFeed>("GET", `/plans/${plan}/changes?after=${cursor}&limit=${limit}`, {
        token: "viewer"
      })
      expect(page.status, page.text).toBe(200)
      changes.push(...page.body.changes)
      expect(Number(page.body.next)).toBeGreaterThanOrEqual(Number(cursor))
      cursor = page.body.next
      if (!page.body.more) return { changes, cursor }
    }
  }

  it("replayed from the start, the reviews' latest data are the reviews the API serves", async () => {
    const first = await readAll("0")
    expect(first.changes.filter((c) => c.entity === "review")).toHaveLength(55)

    const { review, etag } = await getReview(h, 58, SEED_YEAR)
    const edited = await h.request("PUT", reviewPath(58, SEED_YEAR), {
      token: "admin",
      headers: { "if-match": etag },
      json: { ...review, ratingReason: "変更フィードで届く理由。" }
    })
    expect(edited.status, edited.text).toBe(200)
    const returned = await h.request("POST", reviewPath(58, SEED_YEAR, "/status"), {
      token: "admin",
      headers: { "if-match": etagOf(edited) },
      json: { action: "return", comment: "数字を確認してください。" }
    })
    expect(returned.status, returned.text).toBe(200)
    const { created } = await openNextYear(h)

    const next = await readAll(first.cursor)
    const edit = next.changes.find(
      (c) => c.entity === "review" && c.key === `${PLAN}/58/${SEED_YEAR}` && c.action === "update"
    )!
    expect(edit.changed).toContain("ratingReason")
    expect(edit.changed).not.toContain("updatedAt")
    expect(edit.version).toBe((edited.body as { version: number }).version)

    // The replay: the latest data of each review, by its key.
    const replayed = new Map<string, Record<string, unknown>>()
    for (const change of [...first.changes, ...next.changes])
      if (change.entity === "review") replayed.set(change.key, change.data as Record<string, unknown>)
    expect(replayed.size).toBe(55 + created)
    const fields = Object.keys(Review.fields)
    const pick = (body: Record<string, unknown>) => Object.fromEntries(fields.map((f) => [f, body[f] ?? null]))
    for (const year of [SEED_YEAR, SEED_YEAR + 1]) {
      for (const key of [...replayed.keys()].filter((k) => k.endsWith(`/${year}`))) {
        const no = Number(key.split("/")[1])
        const served = (await getReview(h, no, year)).review
        expect(pick(replayed.get(key)!), key).toEqual(pick(served))
      }
    }
  })

  it("stamps reviews and initiatives with createdAt/updatedAt, and lists what changed since a time", async () => {
    type Item = { no: number; createdAt: string; updatedAt: string; review: { updatedAt: string } | null }
    const list = (query: string) =>
      h.request<{ items: Array<Item> }>(
        "GET",
        `/plans/${PLAN}/initiatives?fiscalYear=${SEED_YEAR}&pageSize=200${query}`,
        {
          token: "viewer"
        }
      )
    const before = await list("")
    expect(before.body.items).toHaveLength(55)
    for (const item of before.body.items) {
      expect(Date.parse(item.createdAt)).toBeLessThanOrEqual(Date.parse(item.updatedAt))
      expect(item.review!.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    }
    await new Promise((resolve) => setTimeout(resolve, 5))
    const since = new Date().toISOString()
    expect((await list(`&updatedSince=${since}`)).body.items).toEqual([])

    const { review, etag } = await getReview(h, 57, SEED_YEAR)
    const edited = await h.request<{ createdAt: string; updatedAt: string }>("PUT", reviewPath(57, SEED_YEAR), {
      token: "admin",
      headers: { "if-match": etag },
      json: { ...review, ratingReason: `${review.ratingReason}（追記）` }
    })
    expect(edited.status, edited.text).toBe(200)
    expect(edited.body.updatedAt >= since).toBe(true)
    expect(edited.body.createdAt < since).toBe(true)
    const initiative = await h.request<{ name: string }>("GET", `/plans/${PLAN}/initiatives/59`, { token: "admin" })
    const renamed = await h.request("PATCH", `/plans/${PLAN}/initiatives/59`, {
      token: "admin",
      headers: { "if-match": initiative.headers.get("etag")! },
      json: { name: `${initiative.body.name}（改）` }
    })
    expect(renamed.status, renamed.text).toBe(200)

    for (const view of ["", "&view=compact"]) {
      const changed = await list(`&updatedSince=${encodeURIComponent(since)}${view}`)
      expect(changed.status, changed.text).toBe(200)
      expect(changed.body.items.map((item) => item.no)).toEqual([57, 59])
    }
    const detail = await h.request<Item>("GET", `/plans/${PLAN}/initiatives/59`, { token: "viewer" })
    expect(detail.body.updatedAt >= since).toBe(true)
    expect(detail.body.createdAt < since).toBe(true)
    expectProblem(await list("&updatedSince=yesterday"), 400, "validation")
  })

  it("pages by the cursor, and nothing new leaves the cursor where it was", async () => {
    const all = await readAll("0")
    const paged = await readAll("0", 7)
    expect(paged.changes.map((c) => c.cursor)).toEqual(all.changes.map((c) => c.cursor))
    const idle = await h.request<ChangeFeed>("GET", feedPath(all.cursor), { token: "viewer" })
    expect(idle.body).toEqual({ changes: [], next: all.cursor, more: false })
  })

  it("keeps another plan's changes out, and refuses a bad cursor or plan", async () => {
    const before = await readAll("0")
    const other = await h.request("POST", `/plans/${FICTIONAL_PLAN}/definition`, {
      token: "admin",
      json: fictionalPlanJson()
    })
    expect(other.status, other.text).toBe(200)
    const after = await readAll(before.cursor)
    expect(after.changes).toEqual([])
    expect(Number(after.cursor)).toBeGreaterThan(Number(before.cursor))
    const fictional = await readAll("0", 1000, FICTIONAL_PLAN)
    expect(fictional.changes.length).toBeGreaterThan(0)
    expect(fictional.changes.some((c) => c.key.startsWith(`${FICTIONAL_PLAN}/`))).toBe(true)
    expect(fictional.changes.filter((c) => c.key.startsWith(`${PLAN}/`))).toEqual([])

    expectProblem(await h.request("GET", `/plans/${PLAN}/changes?after=-1`, { token: "viewer" }), 400, "validation")
    expectProblem(
      await h.request("GET", `/plans/${PLAN}/changes?after=2147483648`, { token: "viewer" }),
      400,
      "validation"
    )
    expectProblem(await h.request("GET", "/plans/no-such-plan/changes", { token: "viewer" }), 404, "notFound")
    expect((await h.request("GET", feedPath("0"))).status).toBe(401)
  })
})
