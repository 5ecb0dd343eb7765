/**
 * Sign-in and sessions under attack, over real HTTP (issue 14): concurrent guesses, a flood of
 * anonymous attempts, forged client addresses, tokens and sessions of a disabled user, the last
 * admin, and whose e-mail the review history shows. The figures go to docs/reliability.md.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  auditCount,
  dialects,
  type Harness,
  reviewPath,
  type Response,
  startHarness
} from "./support.ts"

const SECRET = "internal-secret-for-the-test"
const signIn = (h: Harness, email: string, password: string, headers: Record<string, string> = {}) =>
  h.request("POST", "/session", { json: { email, password }, headers })

const tally = (responses: ReadonlyArray<Response>) => {
  const counts: Record<number, number> = {}
  for (const response of responses) counts[response.status] = (counts[response.status] ?? 0) + 1
  return counts
}

// Each attempt that reaches argon2 costs ~0.1–0.5 s on a shared 2-core machine: minutes, not 30 s.
describe("sign-in under attack (SQLite)", { timeout: 180_000 }, () => {
  let h: Harness
  beforeAll(async () => {
    // As behind a TLS proxy that appends X-Forwarded-For: requests without the header count by their socket.
    h = await startHarness("sqlite", { internalSecret: SECRET, trustProxy: true, secureCookies: true })
  })
  afterAll(async () => h.close())

  it("configured behind a TLS proxy (secureCookies), the session cookie is Secure although the request came over HTTP", async () => {
    const user = await h.userWithSession({ role: "viewer", password: "the right password 0" })
    const response = await signIn(h, user.email, "the right password 0")
    expect(response.status).toBe(200)
    expect(response.headers.get("set-cookie")).toMatch(/;\s*Secure/i)
  })

  it("30 concurrent wrong guesses for one account: at most 10 × 401, the rest 429 with Retry-After; then even the right password waits", async () => {
    const user = await h.userWithSession({ role: "viewer", password: "the right password 1" })
    const guesses = await Promise.all(Array.from({ length: 30 }, (_, i) => signIn(h, user.email, `wrong guess ${i}`)))
    const counts = tally(guesses)
    expect(counts[401] ?? 0, JSON.stringify(counts)).toBeLessThanOrEqual(10)
    expect((counts[401] ?? 0) + (counts[429] ?? 0), JSON.stringify(counts)).toBe(30)
    for (const refused of guesses.filter((r) => r.status === 429)) {
      expect(refused.body).toMatchObject({ type: "urn:sukoyaka:problem:tooManyRequests", status: 429 })
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0)
    }
    // Sequential guesses fill the account's count from this address up to 10, then 429.
    const more: Array<number> = []
    for (let i = 0; i < 12; i++) more.push((await signIn(h, user.email, `more ${i}`)).status)
    expect(more.filter((s) => s === 401).length + (counts[401] ?? 0)).toBeLessThanOrEqual(10)
    expect(more.at(-1)).toBe(429)
    expect((await signIn(h, user.email, "the right password 1")).status).toBe(429)
    // Another account from the same address is not locked out.
    expect((await signIn(h, ADMIN_EMAIL, ADMIN_PASSWORD)).status).toBe(200)
    console.info(JSON.stringify({ figure: "concurrent guesses", attempts: 30, outcomes: counts }))
  })

  it("configured behind a proxy (trustProxy), the forwarded address is the one counted: ten failures refuse that address, not the next one", async () => {
    const user = await h.userWithSession({ role: "viewer", password: "the right password 7" })
    for (let i = 0; i < 10; i++)
      expect((await signIn(h, user.email, `guess ${i}`, { "x-forwarded-for": "198.51.100.90" })).status).toBe(401)
    expect((await signIn(h, user.email, "guess 10", { "x-forwarded-for": "198.51.100.90" })).status).toBe(429)
    expect((await signIn(h, user.email, "guess 11", { "x-forwarded-for": "198.51.100.91" })).status).toBe(401)
  })

  it("a successful sign-in gives its attempt back: ten good sign-ins in a row never reach the limit", async () => {
    const user = await h.userWithSession({ role: "viewer", password: "a password that works" })
    for (let i = 0; i < 9; i++) expect((await signIn(h, user.email, `wrong ${i}`)).status).toBe(401)
    for (let i = 0; i < 5; i++) expect((await signIn(h, user.email, "a password that works")).status).toBe(200)
    expect((await signIn(h, user.email, "wrong again")).status).toBe(401)
    expect((await signIn(h, user.email, "a password that works")).status).toBe(429)
  })

  it("an anonymous flood from one address locks out nobody else: a real sign-in from another address succeeds, no 503", async () => {
    // What one sign-in costs on this machine now (argon2 dominates, and the machine is shared):
    // the flood may delay a real sign-in by a few of them, not by the whole flood's. The times are
    // reported, not asserted (speed is the bench's to measure); what must hold is the outcome: the
    // real sign-in succeeds (the old code answered 503 to everyone) and the flood gets 401 or 429.
    const alone: Array<number> = []
    for (let i = 0; i < 3; i++) {
      const started = performance.now()
      expect((await signIn(h, ADMIN_EMAIL, ADMIN_PASSWORD, { "x-forwarded-for": "198.51.100.21" })).status).toBe(200)
      alone.push(performance.now() - started)
    }
    const baseline = Math.round(alone.sort((x, y) => x - y)[1]!)
    const flood = Array.from({ length: 150 }, (_, i) =>
      signIn(h, `nobody-${i}@example.jp`, `guess ${i}`, { "x-forwarded-for": "203.0.113.66" })
    )
    await new Promise((resolve) => setTimeout(resolve, 50))
    const started = performance.now()
    const legit = await signIn(h, ADMIN_EMAIL, ADMIN_PASSWORD, { "x-forwarded-for": "198.51.100.20" })
    const elapsed = Math.round(performance.now() - started)
    const counts = tally(await Promise.all(flood))
    expect(legit.status, legit.text).toBe(200)
    expect(
      Object.keys(counts)
        .map(Number)
        .every((status) => status === 401 || status === 429),
      JSON.stringify(counts)
    ).toBe(true)
    console.info(
      JSON.stringify({
        figure: "flood",
        attempts: 150,
        outcomes: counts,
        legitimateSignInMs: elapsed,
        signInAloneMs: baseline
      })
    )
  })

  it("behind a proxy the right-most X-Forwarded-For hop counts: rotating the left-most entries does not escape the limit", async () => {
    const user = await h.userWithSession({ role: "viewer", password: "the right password 2" })
    const statuses: Array<number> = []
    for (let i = 0; i < 12; i++)
      statuses.push(
        (await signIn(h, user.email, `guess ${i}`, { "x-forwarded-for": `10.0.${i}.1, 198.51.100.77` })).status
      )
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true)
    expect(statuses.slice(10)).toEqual([429, 429])
  })

  it("only the admin UI, with the internal secret, may name the browser's address; anyone else claiming one is counted by its own", async () => {
    const user = await h.userWithSession({ role: "viewer", password: "the right password 3" })
    const forged: Array<number> = []
    for (let i = 0; i < 12; i++) {
      forged.push(
        (
          await signIn(h, user.email, `guess ${i}`, {
            "x-sukoyaka-internal": "a guess",
            "x-sukoyaka-client-address": `192.0.2.${i}`
          })
        ).status
      )
    }
    expect(forged.slice(10)).toEqual([429, 429])
    const other = await h.userWithSession({ role: "viewer", password: "the right password 4" })
    const trusted: Array<number> = []
    for (let i = 0; i < 12; i++) {
      trusted.push(
        (
          await signIn(h, other.email, `guess ${i}`, {
            "x-sukoyaka-internal": SECRET,
            "x-sukoyaka-client-address": `192.0.2.${100 + i}`
          })
        ).status
      )
    }
    expect(
      trusted.every((s) => s === 401),
      trusted.join(",")
    ).toBe(true)
  })
})

describe.each(dialects)("accounts on %s", (dialect) => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness(dialect)
  })
  afterAll(async () => h.close())

  it("not configured behind a proxy: X-Forwarded-For changes no one's address, and the session cookie is not Secure over HTTP", async () => {
    const user = await h.userWithSession({ role: "viewer", password: "the right password 5" })
    const statuses: Array<number> = []
    for (let i = 0; i < 12; i++)
      statuses.push((await signIn(h, user.email, `guess ${i}`, { "x-forwarded-for": `198.51.100.${i}` })).status)
    expect(statuses.slice(10)).toEqual([429, 429])
    const other = await h.userWithSession({ role: "viewer", password: "the right password 6" })
    const response = await signIn(h, other.email, "the right password 6")
    expect(response.status).toBe(200)
    expect(response.headers.get("set-cookie")).not.toMatch(/;\s*Secure/i)
  })

  it("a disabled admin's tokens and sessions stop working at once", async () => {
    const admin = await h.userWithSession({ role: "admin" })
    const created = await h.request<{ token: string }>("POST", "/tokens", {
      session: admin,
      json: { name: "made by a soon-disabled admin", role: "admin", agencies: [] }
    })
    expect(created.status, created.text).toBe(201)
    expect((await h.request("GET", "/users", { token: created.body.token })).status).toBe(200)
    expect(
      (await h.request("PATCH", `/users/${admin.userId}`, { token: "admin", json: { disabled: true } })).status
    ).toBe(200)
    expect((await h.request("GET", "/users", { token: created.body.token })).status).toBe(401)
    expect((await h.request("GET", "/plans", { session: admin })).status).toBe(401)
    // Enabled again, the token works again: it was refused for its creator, not revoked.
    expect(
      (await h.request("PATCH", `/users/${admin.userId}`, { token: "admin", json: { disabled: false } })).status
    ).toBe(200)
    expect((await h.request("GET", "/users", { token: created.body.token })).status).toBe(200)
    expect(
      (await h.request("PATCH", `/users/${admin.userId}`, { token: "admin", json: { disabled: true } })).status
    ).toBe(200)
  })

  it("the last enabled admin can be neither demoted nor disabled: 409 lastAdmin, nothing changed", async () => {
    const users = await h.request<Array<{ id: string; email: string; role: string; disabled: boolean }>>(
      "GET",
      "/users",
      { token: "admin" }
    )
    const enabledAdmins = users.body.filter((u) => u.role === "admin" && !u.disabled)
    expect(enabledAdmins.map((u) => u.email)).toEqual([ADMIN_EMAIL])
    const last = enabledAdmins[0]!
    const before = await auditCount(h)
    for (const change of [{ role: "viewer" }, { disabled: true }, { role: "editor", agencies: ["kenko-shien"] }]) {
      const refused = await h.request("PATCH", `/users/${last.id}`, { token: "admin", json: change })
      expect(refused.status, refused.text).toBe(409)
      expect(refused.body).toMatchObject({ type: "urn:sukoyaka:problem:lastAdmin", status: 409 })
    }
    expect(await auditCount(h)).toBe(before)
    // With a second admin, the first may step down; then the second is the last one.
    const second = await h.userWithSession({ role: "admin" })
    expect((await h.request("PATCH", `/users/${last.id}`, { token: "admin", json: { role: "viewer" } })).status).toBe(
      200
    )
    expect(
      (await h.request("PATCH", `/users/${second.userId}`, { token: "admin", json: { disabled: true } })).status
    ).toBe(409)
    expect((await h.request("PATCH", `/users/${last.id}`, { token: "admin", json: { role: "admin" } })).status).toBe(
      200
    )
  })

  it("two admins demoting each other at once: one succeeds, the other is refused; one admin is left", async () => {
    const [first, second] = [await h.userWithSession({ role: "admin" }), await h.userWithSession({ role: "admin" })]
    // Every other admin steps aside for this, so that these two are the only enabled admins.
    const users = await h.request<Array<{ id: string; role: string; disabled: boolean }>>("GET", "/users", {
      token: "admin"
    })
    const others = users.body.filter(
      (u) => u.role === "admin" && !u.disabled && u.id !== first.userId && u.id !== second.userId
    )
    for (const other of others)
      expect(
        (await h.request("PATCH", `/users/${other.id}`, { token: "admin", json: { role: "viewer" } })).status
      ).toBe(200)
    const answers = await Promise.all([
      h.request("PATCH", `/users/${second.userId}`, { session: first, json: { role: "viewer" } }),
      h.request("PATCH", `/users/${first.userId}`, { session: second, json: { role: "viewer" } })
    ])
    // Refused as the last admin (409) when both got past the role check together, or as no longer
    // an admin (403) when the other's change came first (SQLite's one writer often orders them so).
    const statuses = answers.map((a) => a.status).sort()
    expect(
      [
        [200, 403],
        [200, 409]
      ],
      answers.map((a) => a.text).join(" | ")
    ).toContainEqual(statuses)
    const after = await h.request<Array<{ role: string; disabled: boolean }>>("GET", "/users", { token: "admin" })
    expect(after.body.filter((u) => u.role === "admin" && !u.disabled)).toHaveLength(1)
    for (const other of others)
      expect((await h.request("PATCH", `/users/${other.id}`, { token: "admin", json: { role: "admin" } })).status).toBe(
        200
      )
    console.info(JSON.stringify({ figure: "demoting each other", dialect, statuses }))
  })

  it("the review history shows an actor's e-mail to admins only; others see the display name", async () => {
    const admin = await h.userWithSession({ role: "admin" })
    const path = reviewPath(70, 2024)
    const read = await h.request("GET", path, { token: "admin" })
    const reopened = await h.request("POST", `${path}/status`, {
      session: admin,
      headers: { "if-match": read.headers.get("etag")! },
      json: { action: "reopen" }
    })
    expect(reopened.status, reopened.text).toBe(200)
    const asAdmin = await h.request<Array<{ actorLabel: string }>>("GET", `${path}/history`, { token: "admin" })
    expect(asAdmin.body[0]!.actorLabel).toBe(admin.email)
    for (const token of ["viewer", "editor"] as const) {
      const seen = await h.request<Array<{ actorLabel: string }>>("GET", `${path}/history`, { token })
      expect(seen.status).toBe(200)
      expect(seen.body[0]!.actorLabel).toBe(admin.email.replace(/^admin(\d+)@.*$/, "admin $1"))
      expect(seen.text).not.toContain("@")
    }
  })
})
