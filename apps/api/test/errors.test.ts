// A domain error is reported as the problem its class annotates (core's answersWith), by the one
// mapper in app.ts: no table of tag names, no catchTag per route.
import { Coordination } from "@sukoyaka/storage"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type Harness, PLAN, PROBLEM_JSON, startHarness } from "./support.ts"

let h: Harness
beforeAll(async () => {
  h = await startHarness("sqlite")
}, 120_000)
afterAll(async () => {
  await h?.close()
})

describe("domain errors as problem+json", () => {
  it("a rollover while another one holds the plan is a 409 conflict, in the error's own words", async () => {
    const lock = `rollover:${PLAN}`
    await h.run(Coordination.use((coordination) => coordination.acquire(lock, "another process", 60)))
    try {
      const refused = await h.request("POST", `/plans/${PLAN}/fiscal-years/2025/rollover`, { token: "admin" })
      expect(refused.status).toBe(409)
      expect(refused.headers.get("content-type")).toMatch(PROBLEM_JSON)
      expect(refused.body).toMatchObject({
        type: "urn:sukoyaka:problem:conflict",
        status: 409,
        detail: "a rollover of this plan is already running"
      })
    } finally {
      await h.run(Coordination.use((coordination) => coordination.release(lock, "another process")))
    }
    expect((await h.request("POST", `/plans/${PLAN}/fiscal-years/2025/rollover`, { token: "admin" })).status).toBe(200)
  })

  it("not found and stale writes keep their problem types, details and ETag", async () => {
    expect((await h.request("GET", "/plans/nowhere", { token: "viewer" })).body).toMatchObject({
      type: "urn:sukoyaka:problem:notFound",
      status: 404,
      detail: "plan not found"
    })
    expect((await h.request("GET", `/plans/${PLAN}/initiatives/9999`, { token: "viewer" })).body).toMatchObject({
      status: 404,
      detail: "initiative not found"
    })
    const path = `/plans/${PLAN}/targets/suicide-rate`
    const current = await h.request<Record<string, unknown>>("GET", path, { token: "admin" })
    const etag = current.headers.get("etag")!
    const { observations, baseline, targetValue, targetYear } = current.body as Record<string, unknown>
    const body = { observations, baseline, targetValue, targetYear }
    expect((await h.request("PUT", path, { token: "admin", json: body, headers: { "if-match": etag } })).status).toBe(
      200
    )
    const stale = await h.request("PUT", path, { token: "admin", json: body, headers: { "if-match": etag } })
    expect(stale.status).toBe(412)
    expect(stale.headers.get("etag")).not.toBe(etag)
    expect(stale.body).toMatchObject({
      type: "urn:sukoyaka:problem:preconditionFailed",
      detail: expect.stringMatching(/^you edited version \d+, the current version is \d+$/)
    })
  })
})
