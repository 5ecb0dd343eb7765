/**
 * Who may do what, over HTTP on both databases: every write route × every kind of caller (each
 * role by token and by session, an editor of another agency, no credentials, revoked, expired and
 * malformed tokens, a cookie without or with a wrong CSRF token), every read route × role, and the
 * session's own rules (cookie flags, CSRF, password change, rate-limited sign-in, hashed tokens).
 */
import { Effect } from "effect"
import { SqlClient } from "effect/sql"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { sha256 } from "@sukoyaka/app"
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  auditCount,
  changesCounted,
  dialects,
  getReview,
  type Harness,
  openNextYear,
  OTHER_AGENCY,
  OTHER_ROW,
  OWN_AGENCY,
  PLAN,
  PROBLEM_JSON,
  type RequestOptions,
  type Response,
  reviewPath,
  type Session,
  startHarness
} from "./support.ts"

const YEAR = 2025
let cycleYear = 2060

/** What a caller is, for the expectations: its role and scope, or why it is refused. */
type Kind = "admin" | "editorOwn" | "editorOther" | "viewer" | "unauthenticated" | "noCsrf"

const credentials: ReadonlyArray<{ name: string; kind: Kind }> = [
  { name: "admin token", kind: "admin" },
  { name: "admin session + CSRF", kind: "admin" },
  { name: "editor token (健康支援課)", kind: "editorOwn" },
  { name: "editor session + CSRF (健康支援課)", kind: "editorOwn" },
  { name: "editor token (こども育成課)", kind: "editorOther" },
  { name: "viewer token", kind: "viewer" },
  { name: "viewer session + CSRF", kind: "viewer" },
  { name: "no credentials", kind: "unauthenticated" },
  { name: "revoked admin token", kind: "unauthenticated" },
  { name: "expired admin token", kind: "unauthenticated" },
  { name: "unknown token", kind: "unauthenticated" },
  { name: "malformed Authorization", kind: "unauthenticated" },
  { name: "expired admin session", kind: "unauthenticated" },
  { name: "admin session without CSRF", kind: "noCsrf" },
  { name: "admin session with a wrong CSRF", kind: "noCsrf" }
]

interface Route {
  readonly name: string
  /** The kinds of caller allowed, and the status they get. */
  readonly allowed: ReadonlyArray<Kind>
  readonly ok: number
  /** Sets the stage with the admin token (an ETag to send, a user to change); not counted. */
  readonly prepare?: (h: Harness) => Promise<Record<string, string>>
  /** The request, as the caller. */
  readonly perform: (h: Harness, as: RequestOptions, prepared: Record<string, string>) => Promise<Response>
  /** Puts things back after an allowed request, so that the next caller finds the same state. */
  readonly reset?: (h: Harness) => Promise<void>
}

const withIfMatch = (as: RequestOptions, etag: string | undefined): RequestOptions => ({
  ...as,
  headers: { ...as.headers, "if-match": etag ?? "" }
})

const reviewWrite = (no: number) => ({
  prepare: async (h: Harness) => {
    const { review, etag } = await getReview(h, no, YEAR)
    return { etag, body: JSON.stringify({ ...review, ratingReason: `written at ${Date.now()}` }) }
  },
  perform: (h: Harness, as: RequestOptions, { etag, body }: Record<string, string>) =>
    h.request("PUT", reviewPath(no, YEAR), {
      ...withIfMatch(as, etag),
      raw: body,
      headers: { ...withIfMatch(as, etag).headers, "content-type": "application/json" }
    })
})

const move = async (h: Harness, no: number, action: string, as: RequestOptions, comment?: string) => {
  const { etag } = await getReview(h, no, YEAR)
  return h.request("POST", reviewPath(no, YEAR, "/status"), {
    ...withIfMatch(as, etag),
    json: comment ? { action, comment } : { action }
  })
}

const put = async (h: Harness, no: number, as: RequestOptions) => {
  const write = reviewWrite(no)
  return write.perform(h, as, await write.prepare(h))
}

let users = 0

const routes: ReadonlyArray<Route> = [
  { name: "PUT review of 健康支援課", allowed: ["admin", "editorOwn"], ok: 200, ...reviewWrite(58) },
  { name: "PUT review of こども育成課", allowed: ["admin", "editorOther"], ok: 200, ...reviewWrite(OTHER_ROW) },
  {
    name: "POST status submit of 健康支援課",
    allowed: ["admin", "editorOwn"],
    ok: 200,
    prepare: async (h) => ({ etag: (await getReview(h, 85, YEAR)).etag }),
    perform: (h, as, { etag }) =>
      h.request("POST", reviewPath(85, YEAR, "/status"), { ...withIfMatch(as, etag), json: { action: "submit" } }),
    reset: async (h) => void (await move(h, 85, "return", { token: "admin" }, "もう一度"))
  },
  {
    name: "POST status approve of 健康支援課",
    allowed: ["admin"],
    ok: 200,
    prepare: async (h) => {
      if ((await getReview(h, 86, YEAR)).review.status === "draft") await move(h, 86, "submit", { token: "admin" })
      return { etag: (await getReview(h, 86, YEAR)).etag }
    },
    perform: (h, as, { etag }) =>
      h.request("POST", reviewPath(86, YEAR, "/status"), { ...withIfMatch(as, etag), json: { action: "approve" } }),
    reset: async (h) => void (await move(h, 86, "reopen", { token: "admin" }))
  },
  {
    name: "POST restore of 健康支援課",
    allowed: ["admin", "editorOwn"],
    ok: 200,
    prepare: async (h) => {
      // A change to undo first: restoring what is already stored would be no change at all.
      const { review, etag } = await getReview(h, 88, YEAR)
      await h.request("PUT", reviewPath(88, YEAR), {
        token: "admin",
        json: { ...review, ratingReason: `to be undone ${Date.now()}` },
        headers: { "if-match": etag }
      })
      const history = await h.request<Array<{ id: number }>>("GET", reviewPath(88, YEAR, "/history"), {
        token: "admin"
      })
      return { etag: (await getReview(h, 88, YEAR)).etag, auditId: String(history.body.at(-1)!.id) }
    },
    perform: (h, as, { etag, auditId }) =>
      h.request("POST", reviewPath(88, YEAR, "/restore"), {
        ...withIfMatch(as, etag),
        json: { auditId: Number(auditId) }
      })
  },
  {
    name: "PUT target",
    allowed: ["admin"],
    ok: 200,
    prepare: async (h) => {
      const target = await h.request<{
        baseline: unknown
        observations: unknown[]
        targetValue: number
        targetYear: number | null
      }>("GET", `/plans/${PLAN}/targets/suicide-rate`, {
        token: "admin"
      })
      const { baseline, observations, targetValue, targetYear } = target.body
      return {
        etag: target.headers.get("etag")!,
        body: JSON.stringify({ baseline, observations, targetValue, targetYear })
      }
    },
    perform: (h, as, { etag, body }) =>
      h.request("PUT", `/plans/${PLAN}/targets/suicide-rate`, { ...withIfMatch(as, etag), json: JSON.parse(body!) })
  },
  {
    name: "POST rollover",
    allowed: ["admin"],
    ok: 200,
    perform: (h, as) => h.request("POST", `/plans/${PLAN}/fiscal-years/${YEAR}/rollover`, as)
  },
  {
    name: "POST cycles",
    allowed: ["admin"],
    ok: 201,
    // A year of its own for each success (a year opens once).
    perform: (h, as) =>
      h.request("POST", `/plans/${PLAN}/cycles`, { ...as, json: { fiscalYear: ++cycleYear, dueDate: "2061-05-31" } })
  },
  {
    name: "PATCH cycle",
    allowed: ["admin"],
    ok: 200,
    prepare: async (h) => {
      const path = `/plans/${PLAN}/cycles/${YEAR}`
      const current = await h.request("GET", path, { token: "admin" })
      if (current.status === 200) return { etag: current.headers.get("etag")! }
      const opened = await h.request("POST", `/plans/${PLAN}/cycles`, {
        token: "admin",
        json: { fiscalYear: YEAR, dueDate: "2025-06-30" }
      })
      return { etag: opened.headers.get("etag")! }
    },
    perform: (h, as, { etag }) =>
      h.request("PATCH", `/plans/${PLAN}/cycles/${YEAR}`, {
        ...withIfMatch(as, etag!),
        json: { dueDate: "2025-07-31" }
      })
  },
  {
    name: "POST users",
    allowed: ["admin"],
    ok: 201,
    perform: (h, as) =>
      h.request("POST", "/users", {
        ...as,
        json: {
          email: `new${++users}@example.jp`,
          displayName: "新しい人",
          role: "viewer",
          agencies: [],
          password: "a long enough password"
        }
      })
  },
  {
    name: "PATCH users",
    allowed: ["admin"],
    ok: 200,
    prepare: async (h) => ({ id: (await h.userWithSession({ role: "viewer" })).userId }),
    perform: (h, as, { id }) =>
      h.request("PATCH", `/users/${id}`, { ...as, json: { displayName: "変更後", agencies: [OWN_AGENCY] } })
  },
  {
    name: "POST tokens",
    allowed: ["admin"],
    ok: 201,
    perform: (h, as) => h.request("POST", "/tokens", { ...as, json: { name: "matrix", role: "viewer" } })
  },
  {
    name: "DELETE tokens",
    allowed: ["admin"],
    ok: 204,
    prepare: async (h) => ({ id: (await h.issue({ role: "viewer" })).id }),
    perform: (h, as, { id }) => h.request("DELETE", `/tokens/${id}`, as)
  }
]

const expected = (route: Route, kind: Kind) =>
  kind === "unauthenticated" ? 401 : kind === "noCsrf" ? 403 : route.allowed.includes(kind) ? route.ok : 403

const writeCells = routes.flatMap((route) =>
  credentials.map((credential) => ({
    route: route.name,
    credential: credential.name,
    status: expected(route, credential.kind)
  }))
)

const readRoutes: ReadonlyArray<{ path: string; adminOnly?: boolean }> = [
  { path: "/plans" },
  { path: `/plans/${PLAN}` },
  { path: `/plans/${PLAN}/agencies` },
  { path: `/plans/${PLAN}/initiatives?agency=${OTHER_AGENCY}` },
  { path: `/plans/${PLAN}/initiatives/${OTHER_ROW}` },
  { path: reviewPath(OTHER_ROW, YEAR) },
  { path: reviewPath(OTHER_ROW, YEAR, "/history") },
  { path: `/plans/${PLAN}/summary` },
  { path: `/plans/${PLAN}/targets` },
  { path: `/plans/${PLAN}/targets/suicide-rate` },
  { path: "/users", adminOnly: true },
  { path: "/tokens", adminOnly: true },
  { path: "/audit", adminOnly: true }
]

const readCells = readRoutes.flatMap((route) =>
  credentials.map((credential) => ({
    path: route.path,
    credential: credential.name,
    // Reads need no CSRF token: a cookie alone reads.
    status:
      credential.kind === "unauthenticated"
        ? 401
        : route.adminOnly && credential.kind !== "admin" && credential.kind !== "noCsrf"
          ? 403
          : 200
  }))
)

describe.each(dialects)("access on %s", (dialect) => {
  let h: Harness
  const as = new Map<string, RequestOptions>()

  beforeAll(async () => {
    h = await startHarness(dialect)
    await openNextYear(h)
    const [adminSession, editorSession, viewerSession, expiredSession] = await Promise.all([
      h.userWithSession({ role: "admin" }),
      h.userWithSession({ role: "editor", agencies: [OWN_AGENCY] }),
      h.userWithSession({ role: "viewer" }),
      h.userWithSession({ role: "admin" })
    ])
    await h.run(
      Effect.gen(function* () {
        const sql = yield* SqlClient.SqlClient
        yield* sql`UPDATE sessions SET expires_at = ${new Date(Date.now() - 1000).toISOString()} WHERE user_id = ${expiredSession.userId}`
      })
    )
    const revoked = await h.issue({ role: "admin" })
    expect((await h.request("DELETE", `/tokens/${revoked.id}`, { token: "admin" })).status).toBe(204)
    const expired = await h.issue({ role: "admin", expiresAt: new Date(Date.now() - 1000).toISOString() })
    as.set("admin token", { token: "admin" })
    as.set("admin session + CSRF", { session: adminSession })
    as.set("editor token (健康支援課)", { token: "editor" })
    as.set("editor session + CSRF (健康支援課)", { session: editorSession })
    as.set("editor token (こども育成課)", { token: "otherEditor" })
    as.set("viewer token", { token: "viewer" })
    as.set("viewer session + CSRF", { session: viewerSession })
    as.set("no credentials", {})
    as.set("revoked admin token", { token: revoked.token })
    as.set("expired admin token", { token: expired.token })
    as.set("unknown token", { token: `skt_${"A".repeat(43)}` })
    as.set("malformed Authorization", {
      headers: { authorization: `Basic ${Buffer.from("admin:admin").toString("base64")}` }
    })
    as.set("expired admin session", { session: expiredSession })
    as.set("admin session without CSRF", { session: adminSession, csrf: false })
    as.set("admin session with a wrong CSRF", {
      session: adminSession,
      csrf: false,
      headers: { "x-csrf-token": `${adminSession.csrfToken}x` }
    })
  })
  afterAll(async () => {
    await h?.close()
  })

  describe("every write × every caller", () => {
    it.each(writeCells)("$route as $credential → $status", async ({ route: name, credential, status }) => {
      const route = routes.find((r) => r.name === name)!
      const prepared = (await route.prepare?.(h)) ?? {}
      const before = await auditCount(h)
      const response = await route.perform(h, as.get(credential)!, prepared)
      expect(response.status, response.text).toBe(status)
      if (status >= 400) {
        expect(response.headers.get("content-type")).toMatch(PROBLEM_JSON)
        expect(response.body).toMatchObject({
          type: `urn:sukoyaka:problem:${status === 401 ? "unauthorized" : "forbidden"}`,
          status
        })
        if (status === 401) expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/)
        // A refused write changes nothing.
        expect(await auditCount(h)).toBe(before)
      } else {
        if (name !== "POST rollover") expect(await auditCount(h)).toBeGreaterThan(before)
        await route.reset?.(h)
      }
    })
  })

  describe("every read × every caller", () => {
    it.each(readCells)("GET $path as $credential → $status", async ({ path, credential, status }) => {
      const response = await h.request("GET", path, as.get(credential)!)
      expect(response.status, response.text).toBe(status)
    })

    it("health and the OpenAPI document need no credentials", async () => {
      for (const path of ["/health", "/api/v1/health", "/api/v1/openapi.json", "/api/docs"])
        expect((await h.request("GET", path)).status).toBe(200)
    })
  })

  describe("editor scope", () => {
    it("an editor writes its agency's drafts only: not another agency's, not once submitted or approved", async () => {
      const own = await put(h, 91, { token: "editor" })
      expect(own.status, own.text).toBe(200)
      const other = await put(h, OTHER_ROW, { token: "editor" })
      expect(other.status).toBe(403)
      expect(other.body).toMatchObject({ type: "urn:sukoyaka:problem:forbidden" })
      expect((await move(h, OTHER_ROW, "submit", { token: "editor" })).status).toBe(403)
      // FY2024 is approved: read-only for the editor even on its own row.
      const { review, etag } = await getReview(h, 58, 2024)
      expect(
        (await h.request("PUT", reviewPath(58, 2024), { token: "editor", json: review, headers: { "if-match": etag } }))
          .status
      ).toBe(403)
      // A row with several agencies (No. 86: 障がい福祉課 and 健康支援課) is writable by each.
      if ((await getReview(h, 86, YEAR)).review.status === "submitted")
        await move(h, 86, "return", { token: "admin" }, "編集に戻す")
      expect((await put(h, 86, { token: "editor" })).status).toBe(200)
      // An editor cannot approve, return or reopen, even its own rows.
      expect((await move(h, 91, "submit", { token: "editor" })).status).toBe(200)
      expect((await move(h, 91, "approve", { token: "editor" })).status).toBe(403)
      expect((await move(h, 91, "return", { token: "editor" }, "自分で差戻し")).status).toBe(403)
      expect((await put(h, 91, { token: "editor" })).status).toBe(403)
    })

    it("a user's role and agencies changed by the admin apply to the user's next request", async () => {
      const user = await h.userWithSession({ role: "editor", agencies: [OTHER_AGENCY] })
      expect((await put(h, 97, { session: user })).status).toBe(403)
      const patched = await h.request("PATCH", `/users/${user.userId}`, {
        token: "admin",
        json: { agencies: [OWN_AGENCY] }
      })
      expect(patched.status, patched.text).toBe(200)
      expect((await put(h, 97, { session: user })).status).toBe(200)
      await h.request("PATCH", `/users/${user.userId}`, { token: "admin", json: { role: "viewer" } })
      expect((await put(h, 97, { session: user })).status).toBe(403)
    })
  })

  describe("tokens", () => {
    it("are shown once, stored as their SHA-256 only, and record their last use", async () => {
      const created = await h.request<{ id: string; token: string; lastUsedAt: string | null }>("POST", "/tokens", {
        token: "admin",
        json: { name: "once", role: "viewer" }
      })
      expect(created.status).toBe(201)
      const secret = created.body.token
      const stored = await h.run(
        Effect.gen(function* () {
          const sql = yield* SqlClient.SqlClient
          return yield* sql<Record<string, unknown>>`SELECT * FROM api_tokens WHERE id = ${created.body.id}`
        })
      )
      expect(stored[0]!.tokenHash).toBe(sha256(secret))
      expect(JSON.stringify(stored)).not.toContain(secret)
      const audit = await h.request<unknown[]>("GET", "/audit?limit=1000", { token: "admin" })
      expect(audit.text).not.toContain(secret)
      expect(audit.text).not.toContain(sha256(secret))
      expect((await h.request("GET", "/plans", { token: secret })).status).toBe(200)
      const listed = await h.request<Array<{ id: string; lastUsedAt: string | null }>>("GET", "/tokens", {
        token: "admin"
      })
      expect(listed.body.find((token) => token.id === created.body.id)!.lastUsedAt).not.toBeNull()
    })

    it("expire: a token past its expiresAt is refused at once", async () => {
      const token = await h.issue({ role: "viewer", expiresAt: new Date(Date.now() + 3600_000).toISOString() })
      expect((await h.request("GET", "/plans", { token: token.token })).status).toBe(200)
      await h.run(
        SqlClient.SqlClient.use(
          (sql) =>
            sql`UPDATE api_tokens SET expires_at = ${new Date(Date.now() - 1).toISOString()} WHERE id = ${token.id}`
        )
      )
      await changesCounted(h)
      expect((await h.request("GET", "/plans", { token: token.token })).status).toBe(401)
    })

    it("an editor token needs agencies; a token's role cannot be unknown", async () => {
      const noAgencies = await h.request<{ errors: Array<{ path: string }> }>("POST", "/tokens", {
        token: "admin",
        json: { name: "x", role: "editor" }
      })
      expect(noAgencies.status).toBe(400)
      expect(noAgencies.body.errors.map((error) => error.path)).toEqual(["agencies"])
      expect((await h.request("POST", "/tokens", { token: "admin", json: { name: "x", role: "root" } })).status).toBe(
        400
      )
    })

    it("a bearer token is not a signed-in user: GET /session does not answer with the token's creator", async () => {
      const admin = await h.userWithSession({ role: "admin" })
      const created = await h.request<{ token: string; createdBy: string }>("POST", "/tokens", {
        session: admin,
        json: { name: "made by a user", role: "viewer" }
      })
      expect(created.status, created.text).toBe(201)
      expect(created.body.createdBy).toBe(admin.userId)
      const who = await h.request("GET", "/session", { token: created.body.token })
      expect(who.status, who.text).toBe(401)
      expect(who.text).not.toContain(admin.email)
    })
  })

  describe("sessions", () => {
    let signedIn: Session
    it("sign-in sets an HttpOnly, SameSite, path-wide session cookie and returns the CSRF token", async () => {
      const response = await h.request<{ user: { id: string; email: string }; csrfToken: string }>("POST", "/session", {
        json: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD }
      })
      expect(response.status, response.text).toBe(200)
      const cookie = response.headers.get("set-cookie")!
      expect(cookie).toMatch(/^sukoyaka_session=sks_[\w-]{43};/)
      expect(cookie).toMatch(/;\s*HttpOnly/i)
      expect(cookie).toMatch(/;\s*SameSite=(Lax|Strict)/i)
      expect(cookie).toMatch(/;\s*Path=\//i)
      expect(cookie).toMatch(/;\s*Max-Age=43200/i)
      expect(response.body.csrfToken).toMatch(/^csrf_/)
      expect(response.text).not.toMatch(/passwordHash|argon2/)
      signedIn = { cookie: cookie.split(";")[0]!, csrfToken: response.body.csrfToken, userId: response.body.user.id }
      // Stored as a hash only.
      const sessions = await h.run(
        SqlClient.SqlClient.use(
          (sql) => sql<{ idHash: string }>`SELECT id_hash FROM sessions WHERE user_id = ${signedIn.userId}`
        )
      )
      expect(sessions.map((session) => session.idHash)).toContain(sha256(signedIn.cookie.split("=")[1]!))
    })

    it("a cookie write needs the session's CSRF token; a bearer token needs none and wins over a cookie", async () => {
      const noCsrf = await h.request("POST", "/tokens", {
        session: signedIn,
        csrf: false,
        json: { name: "csrf", role: "viewer" }
      })
      expect(noCsrf.status).toBe(403)
      expect(noCsrf.body).toMatchObject({ detail: expect.stringMatching(/CSRF/) })
      expect(
        (await h.request("POST", "/tokens", { session: signedIn, json: { name: "csrf", role: "viewer" } })).status
      ).toBe(201)
      expect((await h.request("DELETE", "/session", { session: signedIn, csrf: false })).status).toBe(403)
      const viewerWithCookie = await h.request("POST", `/plans/${PLAN}/fiscal-years/${YEAR}/rollover`, {
        token: "viewer",
        session: signedIn,
        csrf: false
      })
      expect(viewerWithCookie.status).toBe(403)
      expect(viewerWithCookie.body).toMatchObject({ detail: expect.stringMatching(/role admin/) })
    })

    it("signing in again replaces a planted session id (no fixation)", async () => {
      const response = await h.request<{ csrfToken: string }>("POST", "/session", {
        json: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
        session: signedIn,
        csrf: false
      })
      expect(response.status).toBe(200)
      const fresh = response.headers.get("set-cookie")!.split(";")[0]!
      expect(fresh).not.toBe(signedIn.cookie)
      expect((await h.request("GET", "/session", { session: signedIn })).status).toBe(401)
      signedIn = { cookie: fresh, csrfToken: response.body.csrfToken, userId: signedIn.userId }
      expect((await h.request("GET", "/session", { session: signedIn })).status).toBe(200)
    })

    it("a disabled user's sessions end and it cannot sign in", async () => {
      const user = await h.userWithSession({
        role: "editor",
        agencies: [OWN_AGENCY],
        password: "disabled user password"
      })
      expect((await h.request("GET", "/session", { session: user })).status).toBe(200)
      expect(
        (await h.request("PATCH", `/users/${user.userId}`, { token: "admin", json: { disabled: true } })).status
      ).toBe(200)
      expect((await h.request("GET", "/plans", { session: user })).status).toBe(401)
      expect(
        (await h.request("POST", "/session", { json: { email: user.email, password: "disabled user password" } }))
          .status
      ).toBe(401)
    })

    it("changing one's password needs a session and the current password, and signs out everywhere", async () => {
      const user = await h.userWithSession({ role: "viewer", password: "the first password" })
      expect(
        (
          await h.request("PUT", "/session/password", {
            token: "admin",
            json: { currentPassword: "x", newPassword: "a new long password" }
          })
        ).status
      ).toBe(403)
      const wrong = await h.request<{ errors: Array<{ path: string }> }>("PUT", "/session/password", {
        session: user,
        json: { currentPassword: "not the password", newPassword: "a new long password" }
      })
      expect(wrong.status).toBe(400)
      expect(wrong.body.errors.map((error) => error.path)).toEqual(["currentPassword"])
      const short = await h.request<{ errors: Array<{ path: string; en: string }> }>("PUT", "/session/password", {
        session: user,
        json: { currentPassword: "the first password", newPassword: "short" }
      })
      expect(short.status).toBe(400)
      expect(short.body.errors).toEqual([
        expect.objectContaining({ path: "newPassword", en: "a password needs at least 12 characters" })
      ])
      expect(
        (
          await h.request("PUT", "/session/password", {
            session: user,
            csrf: false,
            json: { currentPassword: "the first password", newPassword: "a new long password" }
          })
        ).status
      ).toBe(403)
      const changed = await h.request("PUT", "/session/password", {
        session: user,
        json: { currentPassword: "the first password", newPassword: "a new long password" }
      })
      expect(changed.status, changed.text).toBe(204)
      expect(changed.headers.get("set-cookie")).toMatch(/sukoyaka_session=;/)
      expect((await h.request("GET", "/session", { session: user })).status).toBe(401)
      expect(
        (await h.request("POST", "/session", { json: { email: user.email, password: "the first password" } })).status
      ).toBe(401)
      expect(
        (await h.request("POST", "/session", { json: { email: user.email, password: "a new long password" } })).status
      ).toBe(200)
    })

    it("sign-in is rate-limited per address and account: 429 with Retry-After, then even the right password waits", async () => {
      const user = await h.userWithSession({ role: "viewer", password: "the guessed password" })
      let refused: Response | undefined
      const statuses: number[] = []
      for (let attempt = 0; attempt < 25 && !refused; attempt++) {
        const response = await h.request("POST", "/session", {
          json: { email: user.email, password: `guess ${attempt}` }
        })
        statuses.push(response.status)
        if (response.status === 429) refused = response
      }
      expect(refused, statuses.join(",")).toBeDefined()
      expect(statuses.slice(0, -1).every((status) => status === 401)).toBe(true)
      expect(statuses.length).toBe(11)
      expect(refused!.body).toMatchObject({ type: "urn:sukoyaka:problem:tooManyRequests", status: 429 })
      expect(Number(refused!.headers.get("retry-after"))).toBeGreaterThan(0)
      expect(
        (await h.request("POST", "/session", { json: { email: user.email, password: "the guessed password" } })).status
      ).toBe(429)
      // Sessions already open are not affected.
      expect((await h.request("GET", "/session", { session: signedIn })).status).toBe(200)
    })
  })
})
