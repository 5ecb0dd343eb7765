/**
 * The integration harness: the real server (startServer) on a fresh database of either dialect,
 * tokens for every role, and a small `request()` over fetch. Every test file starts its own
 * servers, so files never share state and run in parallel.
 */
// SQLite test files on a RAM disk where there is one: the database syncs every commit
// (synchronous=FULL), which on a slow disk would dominate the thousands of fuzz requests.
if (process.env.SUKOYAKA_TEST_TMPDIR) process.env.TMPDIR = process.env.SUKOYAKA_TEST_TMPDIR
else if (existsSync("/dev/shm")) process.env.TMPDIR = "/dev/shm"

import { afterAll, beforeAll, expect } from "vitest"
import type { Role } from "@sukoyaka/core"
import { loadDataset } from "@sukoyaka/data-tomakomai"
import { Accounts, ChangeStamp } from "@sukoyaka/storage"
import { type Dialect, freshDatabase, OTHER_AGENCY, OWN_AGENCY, PLAN } from "@sukoyaka/storage/testing"
import { Effect, Exit, Scope } from "effect"
import { SqlClient } from "effect/sql"
import { existsSync } from "node:fs"
import { request as httpRequest } from "node:http"
import { type AppServices, hashPassword, issueToken, newSecret, sha256, type WebhookSettings } from "@sukoyaka/app"
import { type RunningServer, startServer } from "../src/index.ts"

export { dialects } from "@sukoyaka/storage/testing"

export const V1 = "/api/v1"
export { OTHER_AGENCY, OTHER_ROW, OWN_AGENCY, OWN_ROWS, PLAN, SEED_YEAR } from "@sukoyaka/storage/testing"
export const ADMIN_EMAIL = "admin@example.jp"
export const ADMIN_PASSWORD = "correct horse battery staple"

export const PROBLEM_JSON = /^application\/problem\+json/

export type TokenName = "admin" | "editor" | "otherEditor" | "viewer"

export interface Response<T = unknown> {
  readonly status: number
  readonly headers: Headers
  /** The parsed JSON body (problem+json included), the text otherwise, null when empty. */
  readonly body: T
  readonly text: string
}

export interface RequestOptions {
  /** A bearer token, or the name of one of the harness's tokens. */
  readonly token?: TokenName | (string & {}) | undefined
  /** A JSON value (serialised here) or a raw string (sent as is). */
  readonly json?: unknown
  readonly raw?: string | Uint8Array | undefined
  readonly headers?: Record<string, string> | undefined
  readonly session?: Session | undefined
  /** Send the session's CSRF token with a cookie-authenticated request (default true). */
  readonly csrf?: boolean
}

export interface Session {
  readonly cookie: string
  readonly csrfToken: string
  readonly userId: string
}

export interface Harness {
  readonly dialect: Dialect
  readonly server: RunningServer
  readonly url: string
  readonly tokens: Readonly<Record<TokenName, string>>
  /** The ids of the harness's tokens, as the admin API lists them. */
  readonly tokenIds: Readonly<Record<TokenName, string>>
  readonly request: <T = unknown>(method: string, path: string, options?: RequestOptions) => Promise<Response<T>>
  /** Runs an Effect on the server's own runtime (its database). */
  readonly run: <A, E>(effect: Effect.Effect<A, E, AppServices>) => Promise<A>
  /** A user created directly in the database (no argon2 unless a password is given) and a live session for it. */
  readonly userWithSession: (options: {
    role: Role
    agencies?: ReadonlyArray<string>
    password?: string
    email?: string
  }) => Promise<Session & { email: string }>
  readonly issue: (options: {
    role: Role
    agencies?: ReadonlyArray<string>
    expiresAt?: string | null
    name?: string
  }) => Promise<{ id: string; token: string }>
  readonly close: () => Promise<void>
}

const system = { id: null, label: "integration-test" }

/** Resolves a path below the API base unless it is absolute already (`/health`, `/api/docs`). */
const apiPath = (path: string) => (path.startsWith("/api/") || path.startsWith("/health") ? path : `${V1}${path}`)

/** Starts the real server on a fresh database of `dialect`, seeded with the Tomakomai plan. */
export const startHarness = async (
  dialect: Dialect,
  options: {
    readonly internalSecret?: string
    readonly trustProxy?: boolean
    readonly secureCookies?: boolean
    /** The webhook schedule's timing (webhooks.test.ts retries in milliseconds). */
    readonly webhooks?: Partial<WebhookSettings> | false
    /** SUKOYAKA_SECRET_KEY: PostgreSQL needs one to store webhook secrets (SQLite keeps a key file). */
    readonly secretKey?: string
  } = {}
): Promise<Harness> => {
  const scope = Effect.runSync(Scope.make())
  const config = await Effect.runPromise(Scope.provide(scope)(freshDatabase(dialect)))
  const server = await startServer({
    database: config,
    port: 0,
    host: "127.0.0.1",
    seed: loadDataset(),
    admin: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
    internalSecret: options.internalSecret,
    trustProxy: options.trustProxy,
    secureCookies: options.secureCookies,
    webhooks: options.webhooks,
    secretKey: options.secretKey,
    // The request log would drown the test output.
    silentLog: true
  })
  const run = <A, E>(effect: Effect.Effect<A, E, AppServices>) => server.runtime.runPromise(effect)
  const issue: Harness["issue"] = async ({ role, agencies = [], expiresAt = null, name }) => {
    const created = await run(
      issueToken(system, { name: name ?? `${role}-${agencies.join("+") || "all"}`, role, agencies, expiresAt })
    )
    return { id: created.id, token: created.token }
  }
  const [admin, editor, otherEditor, viewer] = await Promise.all([
    issue({ role: "admin", name: "admin" }),
    issue({ role: "editor", agencies: [OWN_AGENCY], name: "editor" }),
    issue({ role: "editor", agencies: [OTHER_AGENCY], name: "otherEditor" }),
    issue({ role: "viewer", name: "viewer" })
  ])
  const tokens = { admin: admin.token, editor: editor.token, otherEditor: otherEditor.token, viewer: viewer.token }
  const tokenIds = { admin: admin.id, editor: editor.id, otherEditor: otherEditor.id, viewer: viewer.id }

  const request: Harness["request"] = async (method, path, options = {}) => {
    const headers: Record<string, string> = {}
    if (options.token !== undefined)
      headers.authorization = `Bearer ${tokens[options.token as TokenName] ?? options.token}`
    if (options.session) {
      headers.cookie = options.session.cookie
      if (options.csrf !== false) headers["x-csrf-token"] = options.session.csrfToken
    }
    let body: string | Uint8Array | undefined
    if (options.json !== undefined) {
      headers["content-type"] = "application/json"
      body = JSON.stringify(options.json)
    } else if (options.raw !== undefined) {
      body = options.raw
    }
    Object.assign(headers, options.headers)
    const response = await fetch(`${server.url}${apiPath(path)}`, {
      method,
      headers,
      ...(body !== undefined ? { body: body as NonNullable<RequestInit["body"]> } : {})
    })
    const text = await response.text()
    const type = response.headers.get("content-type") ?? ""
    const parsed = text === "" ? null : /json/.test(type) ? JSON.parse(text) : text
    return { status: response.status, headers: response.headers, body: parsed, text }
  }

  let users = 0
  const userWithSession: Harness["userWithSession"] = async ({ role, agencies = [], password, email }) => {
    users += 1
    const id = `usr_test_${users}_${Math.random().toString(36).slice(2, 8)}`
    const address = email ?? `${role}${users}@example.jp`
    const passwordHash = password === undefined ? "not-a-password-hash" : await hashPassword(password)
    const sessionId = newSecret("sks")
    const csrfToken = newSecret("csrf")
    await run(
      Effect.gen(function* () {
        const accounts = yield* Accounts
        yield* accounts.createUser(system, {
          id,
          email: address,
          displayName: `${role} ${users}`,
          role,
          agencies: agencies as never,
          passwordHash
        })
        yield* accounts.createSession({
          idHash: sha256(sessionId),
          userId: id,
          csrfToken,
          expiresAt: new Date(Date.now() + 3600_000).toISOString()
        })
      })
    )
    return { cookie: `sukoyaka_session=${sessionId}`, csrfToken, userId: id, email: address }
  }

  return {
    dialect,
    server,
    url: server.url,
    tokens,
    tokenIds,
    request,
    run,
    userWithSession,
    issue,
    close: async () => {
      await server.close()
      await Effect.runPromise(Scope.close(scope, Exit.void))
    }
  }
}

/** The path of a review. */
/** A request as the admin, with a JSON body and an If-Match when given: how the structure tests write. */
export const adminRequests = (h: () => Harness) => (method: string, path: string, json?: unknown, etag?: string) =>
  h().request(method, path, {
    token: "admin",
    ...(json !== undefined ? { json } : {}),
    ...(etag !== undefined ? { headers: { "if-match": etag } } : {})
  })

/** The ETag an answer carries (a test that reads it expects one). */
export const etagOf = (response: { readonly headers: Headers }) => response.headers.get("etag")!

export const reviewPath = (no: number, fiscalYear: number, suffix = "") =>
  `/plans/${PLAN}/initiatives/${no}/reviews/${fiscalYear}${suffix}`

/** Opens FY2025 (drafts planned from FY2024's K/L) as the admin: the year editors write. */
export const openNextYear = async (h: Harness) => {
  const response = await h.request("POST", `/plans/${PLAN}/fiscal-years/2025/rollover`, { token: "admin" })
  if (response.status !== 200) throw new Error(`rollover failed: ${response.status} ${response.text}`)
  return response.body as { created: number }
}

/**
 * The harness of a file whose tests work in FY2025: the real server on a fresh `dialect` database with
 * FY2025 opened (the rollover from the seed's year), started before the file's tests and closed after
 * them. Call it in the `describe` body; the returned function gives the harness inside the tests.
 */
export const nextYearHarness = (dialect: Dialect): (() => Harness) => {
  let harness: Harness | undefined
  beforeAll(async () => {
    harness = await startHarness(dialect)
    await openNextYear(harness)
  })
  afterAll(async () => {
    await harness?.close()
  })
  return () => {
    if (harness === undefined) throw new Error("the FY2025 harness is used before its beforeAll ran")
    return harness
  }
}

/** GETs a review and returns its body and ETag. */
export const getReview = async (h: Harness, no: number, fiscalYear: number, token: TokenName = "admin") => {
  const response = await h.request<Record<string, unknown> & { version: number; status: string }>(
    "GET",
    reviewPath(no, fiscalYear),
    { token }
  )
  if (response.status !== 200) throw new Error(`GET review ${no}/${fiscalYear}: ${response.status} ${response.text}`)
  return { review: response.body, etag: response.headers.get("etag")! }
}

/**
 * Everything the write endpoints can change, read straight from the database: the fuzz test
 * compares it before and after. Timestamps that reads update (a token's last use) are left out.
 */
export const databaseSnapshot = (h: Harness) =>
  h.run(
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      const [audit] = yield* sql<{ n: number | string }>`SELECT COUNT(*) AS n FROM audit_log`
      const [lastAudit] = yield* sql<{ id: number | null }>`SELECT MAX(id) AS id FROM audit_log`
      const reviews = yield* sql`SELECT * FROM reviews ORDER BY plan_id, initiative_no, fiscal_year`
      const targets = yield* sql`SELECT * FROM targets ORDER BY plan_id, id`
      const observations = yield* sql`SELECT * FROM target_observations ORDER BY plan_id, target_id, year`
      const users = yield* sql`SELECT * FROM users ORDER BY id`
      const tokens =
        yield* sql`SELECT id, name, token_hash, role, agencies, created_by, created_at, expires_at, revoked_at FROM api_tokens ORDER BY id`
      const sessions = yield* sql`SELECT id_hash, user_id, csrf_token, expires_at FROM sessions ORDER BY id_hash`
      // A sign-in attempt counts here, a rollover locks here: a request that got that far shows.
      const rateLimits = yield* sql`SELECT key, count FROM rate_limits ORDER BY key`
      const locks = yield* sql`SELECT name, holder FROM locks ORDER BY name`
      const cycles = yield* sql`SELECT * FROM cycles ORDER BY plan_id, fiscal_year`
      const comments = yield* sql`SELECT * FROM review_comments ORDER BY id`
      const attachments =
        yield* sql`SELECT id, plan_id, initiative_no, fiscal_year, name, sha256 FROM review_attachments ORDER BY id`
      return {
        auditCount: Number(audit!.n),
        lastAudit: lastAudit!.id,
        reviews,
        targets,
        observations,
        users,
        tokens,
        sessions,
        rateLimits,
        locks,
        cycles,
        comments,
        attachments
      }
    })
  )

/** Runs `tasks` with at most `limit` in flight. */
export const pool = async <T, R>(
  items: ReadonlyArray<T>,
  limit: number,
  task: (item: T, index: number) => Promise<R>
): Promise<R[]> => {
  const results: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await task(items[index]!, index)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}

/** A request without a body as sent on the wire: the body's bytes as the server coded them (fetch would decode them). */
export const rawResponse = (
  url: string,
  options: { readonly method?: string; readonly headers?: Record<string, string> } = {}
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> =>
  new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: options.method ?? "GET", headers: options.headers }, (response) => {
      const chunks: Array<Buffer> = []
      response.on("data", (chunk: Buffer) => chunks.push(chunk))
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) })
      )
    })
    request.on("error", reject)
    request.end()
  })

/**
 * A request on a connection of its own (node:http, no keep-alive), for bodies the server refuses
 * before reading them (413): it answers and closes, which a pooled fetch connection would report as
 * "other side closed" on its next use. A chunked body is sent without a Content-Length.
 */
export const rawRequest = (
  url: string,
  options: { method: string; headers: Record<string, string>; body: string | Uint8Array | ReadonlyArray<string> }
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> =>
  new Promise((resolve, reject) => {
    let answered = false
    const request = httpRequest(url, { method: options.method, headers: options.headers, agent: false }, (response) => {
      answered = true
      const chunks: Buffer[] = []
      response.on("data", (chunk: Buffer) => chunks.push(chunk))
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          text: Buffer.concat(chunks).toString("utf8")
        })
      )
      response.on("error", reject)
    })
    // Writing on after the server has answered and closed fails (EPIPE, ECONNRESET): expected here.
    request.on("error", (error) => {
      if (!answered) setTimeout(() => (answered ? undefined : reject(error)), 200)
    })
    if (typeof options.body === "string" || options.body instanceof Uint8Array) request.end(options.body)
    else {
      for (const chunk of options.body) request.write(chunk)
      request.end()
    }
  })

/** The number of audit entries: every change writes one, so an unchanged count means no change. */
export const auditCount = (h: Harness) =>
  h.run(
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      const [row] = yield* sql<{ n: number | string }>`SELECT COUNT(*) AS n FROM audit_log`
      return Number(row!.n)
    })
  )

/** A problem+json body as the API sends it (RFC 9457). */
export interface Problem {
  type: string
  title: string
  status: number
  detail?: string
  instance?: string
  requestId?: string
  errors?: Array<{ path: string; ja: string; en: string }>
}

/** Asserts a problem of `kind` with `status`, and that no stack trace or source location leaks. */
export const expectProblem = (response: Response, status: number, kind: string): Problem => {
  expect(response.status, response.text).toBe(status)
  expect(response.headers.get("content-type")).toMatch(PROBLEM_JSON)
  const body = response.body as Problem
  expect(body).toMatchObject({ type: `urn:sukoyaka:problem:${kind}`, status, title: expect.any(String) })
  expect(response.text).not.toMatch(/\bat .+:\d+:\d+|\.ts:\d+|node_modules|Error:/)
  return body
}

/**
 * Waits until the server has counted every commit made so far (ChangeStamp.sync). PostgreSQL learns
 * of a commit another connection made by its notification, a moment after that writer's
 * acknowledgement; a test that writes behind the API's back (plain SQL, as the CLI or another
 * process would) waits for it, as an API process does before answering its own writes.
 */
export const changesCounted = (h: Pick<Harness, "run">) =>
  h.run(ChangeStamp.use((stamps) => Effect.promise(async () => stamps.sync())))
