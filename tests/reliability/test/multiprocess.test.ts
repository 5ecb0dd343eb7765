/**
 * Two API processes on one PostgreSQL database, as behind a load balancer without sticky
 * sessions: both started at once on an empty database (migration and seed race), then sessions,
 * token revocation, the sign-in rate limit and conflict detection must hold across them, and 20
 * clients alternating between them lose no update.
 */
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { runConcurrency } from "../src/concurrency.ts"
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  type ApiProcess,
  freshDb,
  PLAN,
  reviewPath,
  SEED_YEAR,
  startApi,
  type TestDatabase,
  tokenFor,
  V1
} from "../src/harness.ts"
import { call, setCookieOf } from "../src/http.ts"
import { record } from "../src/results.ts"

const SECONDS = Number(process.env.CONCURRENCY_SECONDS ?? 5)

let db: TestDatabase
let a: ApiProcess
let b: ApiProcess
let admin: string
const figures: Record<string, number | string> = {}

beforeAll(async () => {
  db = await freshDb("pg")
  // Both at once on the empty database: each migrates and seeds, one of them finds it done.
  ;[a, b] = await Promise.all([startApi(db), startApi(db)])
  admin = (await tokenFor(db, "admin")).token
})
afterAll(async () => {
  await Promise.all([a?.kill("SIGTERM"), b?.kill("SIGTERM")])
  await db?.drop()
})

describe("two API processes on one PostgreSQL", () => {
  it("both started on the empty database seeded it once", async () => {
    const plans = await db.sql<{ n: number | string }>((sql) => sql`SELECT COUNT(*) AS n FROM plans`)
    const seeded = await db.sql<{ n: number | string }>(
      (sql) => sql`SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'plan' AND action = 'create'`
    )
    const admins = await db.sql<{ n: number | string }>((sql) => sql`SELECT COUNT(*) AS n FROM users`)
    expect(Number(plans[0]!.n)).toBe(1)
    expect(Number(seeded[0]!.n)).toBe(1)
    expect(Number(admins[0]!.n)).toBe(1)
  })

  it("each webhook event goes out once, though both processes deliver", async () => {
    const received: Array<string> = []
    const receiver = createServer((request, response) => {
      request.resume()
      request.on("end", () => {
        received.push(String(request.headers["webhook-id"]))
        response.end("ok")
      })
    })
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve))
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`
    const created = await call(a.url, "POST", `${V1}/webhooks`, {
      token: admin,
      json: { url, eventTypes: ["review.updated"] }
    })
    expect(created.status, created.text).toBe(201)
    // Ten edits, one after the other, each through the other process.
    const edits = 10
    for (let i = 0; i < edits; i++) {
      const via = i % 2 === 0 ? a : b
      const read = await call<Record<string, unknown>>(via.url, "GET", reviewPath(64, SEED_YEAR), { token: admin })
      const write = await call(via.url, "PUT", reviewPath(64, SEED_YEAR), {
        token: admin,
        json: { ...read.body, ratingReason: `webhook ${i}` },
        headers: { "if-match": read.headers.get("etag")! }
      })
      expect(write.status, write.text).toBe(200)
    }
    for (let waited = 0; new Set(received).size < edits && waited < 600; waited++)
      await new Promise((resolve) => setTimeout(resolve, 100))
    // A few more rounds of both schedules: a second sending would come in them.
    await new Promise((resolve) => setTimeout(resolve, 5000))
    receiver.close()
    expect(new Set(received).size).toBe(edits)
    expect(received).toHaveLength(edits)
    figures["webhook events delivered by two processes"] = received.length
  })

  it("a session opened on one process is valid on the other, and signing out on the other ends it", async () => {
    const signIn = await call<{ csrfToken: string }>(a.url, "POST", `${V1}/session`, {
      json: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD }
    })
    expect(signIn.status).toBe(200)
    const cookie = `sukoyaka_session=${setCookieOf(signIn.headers, "sukoyaka_session")!.value}`
    const csrf = signIn.body.csrfToken
    expect((await call(b.url, "GET", `${V1}/session`, { cookie })).status).toBe(200)
    const read = await call<Record<string, unknown>>(b.url, "GET", reviewPath(64, SEED_YEAR), {
      cookie
    })
    const write = await call(b.url, "PUT", reviewPath(64, SEED_YEAR), {
      cookie,
      csrf,
      json: { ...read.body, ratingReason: "via B" },
      headers: { "if-match": read.headers.get("etag")! }
    })
    expect(write.status).toBe(200)
    // The CSRF token of the session is the same on both.
    expect(
      (
        await call(a.url, "PUT", reviewPath(64, SEED_YEAR), {
          cookie,
          csrf: "wrong",
          json: read.body,
          headers: { "if-match": write.headers.get("etag")! }
        })
      ).status
    ).toBe(403)
    expect((await call(b.url, "DELETE", `${V1}/session`, { cookie, csrf })).status).toBe(204)
    expect((await call(a.url, "GET", `${V1}/session`, { cookie })).status).toBe(401)
    figures.sessionChecks = 5
  })

  it("a token revoked through one process is refused by the other at once", async () => {
    const created = await call<{ id: string; token: string }>(a.url, "POST", `${V1}/tokens`, {
      token: admin,
      json: { name: "short-lived", role: "viewer", agencies: [] }
    })
    expect(created.status).toBe(201)
    expect((await call(b.url, "GET", `${V1}/plans`, { token: created.body.token })).status).toBe(200)
    // Checked on A too, so that A holds it in memory (its change stamp must make it ask again).
    expect((await call(a.url, "GET", `${V1}/plans`, { token: created.body.token })).status).toBe(200)
    expect((await call(a.url, "GET", `${V1}/plans`, { token: created.body.token })).status).toBe(200)
    expect((await call(b.url, "DELETE", `${V1}/tokens/${created.body.id}`, { token: admin })).status).toBe(204)
    expect((await call(a.url, "GET", `${V1}/plans`, { token: created.body.token })).status).toBe(401)
    expect((await call(b.url, "GET", `${V1}/plans`, { token: created.body.token })).status).toBe(401)
  })

  it("the sign-in limit counts attempts on both processes together", async () => {
    // One address guessing one account, alternating between the processes: ten attempts in all
    // (counted before the password is checked), then 429 on both.
    const statuses: Array<number> = []
    for (let attempt = 0; attempt < 14; attempt++) {
      const server = attempt % 2 === 0 ? a : b
      statuses.push(
        (
          await call(server.url, "POST", `${V1}/session`, {
            json: { email: ADMIN_EMAIL, password: `guess-${attempt}` }
          })
        ).status
      )
    }
    const allowed = statuses.filter((status) => status === 401).length
    figures.signInAttempts = statuses.length
    figures.signInAllowedBeforeThrottle = allowed
    expect(allowed).toBeLessThanOrEqual(10)
    expect(statuses.slice(allowed).every((status) => status === 429)).toBe(true)
    expect(statuses.slice(-4)).toEqual([429, 429, 429, 429])
    // Even the right password waits now, on either process.
    expect(
      (
        await call(b.url, "POST", `${V1}/session`, {
          json: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD }
        })
      ).status
    ).toBe(429)
  })

  it("a write on one process makes the other refuse the stale ETag with 412", async () => {
    const read = await call<Record<string, unknown>>(a.url, "GET", reviewPath(66, SEED_YEAR), {
      token: admin
    })
    const etag = read.headers.get("etag")!
    const first = await call(a.url, "PUT", reviewPath(66, SEED_YEAR), {
      token: admin,
      json: { ...read.body, ratingReason: "first, on A" },
      headers: { "if-match": etag }
    })
    expect(first.status).toBe(200)
    const stale = await call(b.url, "PUT", reviewPath(66, SEED_YEAR), {
      token: admin,
      json: { ...read.body, ratingReason: "second, on B" },
      headers: { "if-match": etag }
    })
    expect(stale.status).toBe(412)
    expect(stale.headers.get("etag")).toBe(first.headers.get("etag"))
    const rows = await db.sql<{ ratingReason: string }>(
      (sql) =>
        sql`SELECT rating_reason FROM reviews WHERE plan_id = ${PLAN} AND initiative_no = 66 AND fiscal_year = ${SEED_YEAR}`
    )
    expect(rows[0]!.ratingReason).toBe("first, on A")
  })

  it("a write on one process is in the other's next read of a cached view, even while its listener reconnects", async () => {
    // PostgreSQL's change stamp (LISTEN/NOTIFY) lets a repeated read skip the database: B must
    // still see A's write at once, in the summary and in the list it keeps in memory.
    const summary = `${V1}/plans/${PLAN}/summary?fiscalYear=${SEED_YEAR}`
    const list = `${V1}/plans/${PLAN}/initiatives?year=${SEED_YEAR}&pageSize=200`
    const ratings = ["A", "B", "C", "D", "A", "C"]
    for (const [round, rating] of ratings.entries()) {
      if (round === ratings.length - 2) {
        // Drop every change listener of this database: until they listen again the stamp is
        // unknown and the caches must ask the database.
        await db.sql(
          (sql) => sql`SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity
            WHERE application_name = 'sukoyaka-changes' AND datname = current_database()`
        )
      }
      // Warm B's caches (twice: the second is answered from memory).
      for (const path of [summary, list, summary, list]) {
        expect((await call(b.url, "GET", path, { token: admin })).status).toBe(200)
      }
      const before = await call<Record<string, unknown>>(a.url, "GET", reviewPath(70, SEED_YEAR), { token: admin })
      const saved = await call(a.url, "PUT", reviewPath(70, SEED_YEAR), {
        token: admin,
        json: { ...before.body, selfRating: rating, ratingReason: `round ${round}` },
        headers: { "if-match": before.headers.get("etag")! }
      })
      expect(saved.status).toBe(200)
      const onA = await call(a.url, "GET", summary, { token: admin })
      const onB = await call(b.url, "GET", summary, { token: admin })
      expect(onB.headers.get("etag")).toBe(onA.headers.get("etag"))
      const listed = await call<{ items: Array<{ no: number; review: { ratingReason: string } | null }> }>(
        b.url,
        "GET",
        list,
        { token: admin }
      )
      expect(JSON.stringify(listed.body.items.find((item) => item.no === 70))).toContain(`round ${round}`)
    }
  })

  it(`20 clients alternating between the two for ${SECONDS} s: no lost update, the audit log complete`, async () => {
    const tokens = await Promise.all([
      tokenFor(db, "admin", [], null, "pg-writer-a"),
      tokenFor(db, "admin", [], null, "pg-writer-b")
    ])
    const run = await runConcurrency({
      db,
      servers: [a.url, b.url],
      tokens: tokens.map((t) => t.token),
      clients: 20,
      seconds: SECONDS
    })
    record("multiprocess", "pg, 2 processes", { ...run.figures, ...figures })
    expect(run.problems).toEqual([])
    expect(run.figures.conflicts412).toBeGreaterThan(0)
    expect(run.figures.auditEntries).toBe(run.figures.acknowledged)
  })
})
