/**
 * Writes under If-Match (RFC 9110 §13.1.1), over real HTTP on both databases: the strong comparison,
 * and `*` on every versioned write.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { dialects, type Harness, PLAN, SEED_YEAR, startHarness } from "./support.ts"

describe.each(dialects)("If-Match on %s", (dialect) => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness(dialect)
  })
  afterAll(async () => {
    await h?.close()
  })

  it("compares If-Match strongly: a weak tag of the current version is refused", async () => {
    const path = `/plans/${PLAN}/initiatives/58`
    const read = await h.request<{ name: string }>("GET", path, { token: "admin" })
    const weak = await h.request("PATCH", path, {
      token: "admin",
      json: { name: read.body.name },
      headers: { "If-Match": `W/${read.headers.get("etag")!}` }
    })
    expect(weak.status).toBe(412)
    // `*` matches whatever version exists (RFC 9110 §13.1.1): the write goes ahead, on the current one.
    const any = await h.request<{ version: number }>("PATCH", path, {
      token: "admin",
      json: { name: read.body.name },
      headers: { "If-Match": "*" }
    })
    expect(any.status, any.text).toBe(200)
    const review = `/plans/${PLAN}/initiatives/58/reviews/${SEED_YEAR}`
    const current = await h.request<Record<string, unknown>>("GET", review, { token: "admin" })
    const saved = await h.request<{ version: number }>("PUT", review, {
      token: "admin",
      json: current.body,
      headers: { "If-Match": "*" }
    })
    expect(saved.status, saved.text).toBe(200)
    expect(saved.headers.get("etag")).toBe(`"v${saved.body.version}"`)
  })

  it("lets `If-Match: *` through on every versioned write: targets, the tree, agencies, notes, restores", async () => {
    const any = { "If-Match": "*" }
    const targets = await h.request<Array<{ id: string; version: number }>>("GET", `/plans/${PLAN}/targets`, {
      token: "admin"
    })
    const target = targets.body[0]!
    const patched = await h.request<{ version: number }>("PATCH", `/plans/${PLAN}/targets/${target.id}`, {
      token: "admin",
      json: {},
      headers: any
    })
    expect(patched.status, patched.text).toBe(200)

    const agencies = await h.request<Array<{ id: string; name: string }>>("GET", `/plans/${PLAN}/agencies`, {
      token: "admin"
    })
    const agency = agencies.body[0]!
    const renamed = await h.request("PATCH", `/plans/${PLAN}/agencies/${agency.id}`, {
      token: "admin",
      json: { name: `${agency.name}（改）` },
      headers: any
    })
    expect(renamed.status, renamed.text).toBe(200)
    const history = await h.request<Array<{ id: number }>>("GET", `/audit?planId=${PLAN}&entity=agency&limit=1`, {
      token: "admin"
    })
    const restored = await h.request<{ entity: string }>(
      "POST",
      `/plans/${PLAN}/audit/${history.body[0]!.id}/restore`,
      {
        token: "admin",
        headers: any
      }
    )
    expect(restored.status, restored.text).toBe(200)
    const after = await h.request<Array<{ id: string; name: string }>>("GET", `/plans/${PLAN}/agencies`, {
      token: "admin"
    })
    expect(after.body.find((a) => a.id === agency.id)?.name).toBe(agency.name)

    const policy = await h.request("PATCH", `/plans/${PLAN}/policies/3`, { token: "admin", json: {}, headers: any })
    expect(policy.status, policy.text).toBe(200)
    const note = await h.request<{ note: string }>("PUT", `/plans/${PLAN}/initiatives/58/reviews/${SEED_YEAR}/note`, {
      token: "admin",
      json: { note: "確認済み" },
      headers: any
    })
    expect(note.status, note.text).toBe(200)
    expect(note.body.note).toBe("確認済み")
  })
})
