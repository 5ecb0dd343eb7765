/**
 * A new user sets their own password with a one-time link (#20): the admin creates the user without
 * a password and passes on the link; the link works once, a newer one ends it, and until then no
 * password signs the user in. On both databases, over real HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { auditCount, dialects, expectProblem, type Harness, startHarness } from "./support.ts"

interface Created {
  id: string
  passwordSetup?: { token: string; expiresAt: string }
}

describe.each(dialects)("password-setup links on %s", (dialect) => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness(dialect)
  })
  afterAll(async () => h.close())

  const create = (email: string) =>
    h.request<Created>("POST", "/users", {
      token: "admin",
      json: { email, displayName: "新しい利用者", role: "viewer", agencies: [] }
    })
  const setUp = (token: string, password: string) => h.request("POST", "/password-setup", { json: { token, password } })
  const signIn = (email: string, password: string) => h.request("POST", "/session", { json: { email, password } })

  it("a user created without a password gets a link for a week, signs in only after setting one, and the link works once", async () => {
    const created = await create("new-user@example.jp")
    expect(created.status).toBe(201)
    const link = created.body.passwordSetup!
    expect(link.token).toMatch(/^sps_[A-Za-z0-9_-]{43}$/)
    const days = (Date.parse(link.expiresAt) - Date.now()) / 86_400_000
    expect(days).toBeGreaterThan(6.9)
    expect(days).toBeLessThanOrEqual(7)
    // No password matches before the user sets one: not even an empty one.
    expect((await signIn("new-user@example.jp", "")).status).toBe(401)
    expect((await signIn("new-user@example.jp", "any password at all")).status).toBe(401)

    const before = await auditCount(h)
    expect((await setUp(link.token, "my own long password")).status).toBe(204)
    expect(await auditCount(h)).toBe(before + 1)
    expect((await signIn("new-user@example.jp", "my own long password")).status).toBe(200)

    const again = expectProblem(await setUp(link.token, "someone else's password"), 400, "passwordSetupInvalid")
    expect(again.errors?.[0]).toMatchObject({ path: "token", ja: expect.stringContaining("事務局") })
    expect((await signIn("new-user@example.jp", "someone else's password")).status).toBe(401)
  })

  it("a newer link ends the older one; an unknown link and a short password are refused at their fields", async () => {
    const created = await create("second-user@example.jp")
    const first = created.body.passwordSetup!.token
    const reissued = await h.request<{ token: string }>("POST", `/users/${created.body.id}/password-setup`, {
      token: "admin"
    })
    expect(reissued.status).toBe(201)
    expectProblem(await setUp(first, "a long enough password"), 400, "passwordSetupInvalid")
    const short = expectProblem(await setUp(reissued.body.token, "short"), 400, "validation")
    expect(short.errors?.map((e) => e.path)).toEqual(["password"])
    expectProblem(await setUp(`sps_${"A".repeat(43)}`, "a long enough password"), 400, "passwordSetupInvalid")
    expect((await setUp(reissued.body.token, "a long enough password")).status).toBe(204)
  })

  it("only an admin issues links, and only for a user that exists", async () => {
    const created = await create("third-user@example.jp")
    const path = `/users/${created.body.id}/password-setup`
    expect((await h.request("POST", path, { token: "editor" })).status).toBe(403)
    expect((await h.request("POST", path)).status).toBe(401)
    expectProblem(await h.request("POST", "/users/usr_nobody/password-setup", { token: "admin" }), 404, "notFound")
  })

  it("a user created with a password gets no link", async () => {
    const created = await h.request<Created>("POST", "/users", {
      token: "admin",
      json: {
        email: "typed@example.jp",
        displayName: "typed",
        role: "viewer",
        agencies: [],
        password: "typed by the admin 1"
      }
    })
    expect(created.status).toBe(201)
    expect(created.body.passwordSetup).toBeUndefined()
  })
})
