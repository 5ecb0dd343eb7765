/**
 * Hostile bodies and path ids over real HTTP: every JSON body is refused with a 400 problem when it
 * nests too deeply (it was a 500 "Maximum call stack size exceeded", even on the public sign-in) or
 * is not valid UTF-8 (it was stored as U+FFFD with a 200), and a path id is a canonical decimal
 * integer (`57.0`, `0x39`, `%2057` read as 57 before).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  auditCount,
  expectProblem,
  type Harness,
  getReview,
  PLAN,
  rawRequest,
  reviewPath,
  SEED_YEAR,
  startHarness,
  V1
} from "./support.ts"

describe("JSON bodies and path ids on sqlite", () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness("sqlite")
  }, 120_000)
  afterAll(() => h?.close())

  const send = (method: string, path: string, body: Uint8Array | string, headers: Record<string, string> = {}) =>
    rawRequest(`${h.url}${V1}${path}`, {
      method,
      headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)), ...headers },
      body
    })

  const problemOf = (response: { status: number; headers: Record<string, unknown>; text: string }) => {
    expect(response.status, response.text).toBe(400)
    expect(String(response.headers["content-type"])).toMatch(/^application\/problem\+json/)
    const body = JSON.parse(response.text) as { type: string; errors?: Array<{ path: string; ja: string; en: string }> }
    expect(response.text).not.toMatch(/call stack|\.ts:\d+|node_modules/)
    return body
  }

  it("refuses 100,000 nested brackets with a 400 problem, on the public sign-in and on a write", async () => {
    const deep = "[".repeat(100_000) + "]".repeat(100_000)
    const signIn = problemOf(await send("POST", "/session", deep))
    expect(signIn.type).toBe("urn:sukoyaka:problem:validation")
    expect(signIn.errors?.[0]).toMatchObject({
      path: "(body)",
      ja: expect.stringContaining("入れ子"),
      en: expect.stringContaining("nested")
    })
    const { etag } = await getReview(h, 58, SEED_YEAR)
    const before = await auditCount(h)
    const deepObject = '{"actions":' + '{"a":'.repeat(50_000) + "1" + "}".repeat(50_000) + "}"
    const write = problemOf(
      await send("PUT", reviewPath(58, SEED_YEAR), deepObject, {
        authorization: `Bearer ${h.tokens.admin}`,
        "if-match": etag
      })
    )
    expect(write.type).toBe("urn:sukoyaka:problem:validation")
    expect(await auditCount(h)).toBe(before)
    // A body as deep as the API's own documents still goes through.
    const fine = await send(
      "POST",
      "/session",
      JSON.stringify({ email: "nobody@example.jp", password: "x".repeat(12) })
    )
    expect(fine.status).toBe(401)
  })

  it("refuses a body that is not valid UTF-8 instead of storing U+FFFD", async () => {
    const { review, etag } = await getReview(h, 58, SEED_YEAR)
    const before = await auditCount(h)
    const text = JSON.stringify({ ...review, ratingReason: "理由XX" })
    const bytes = Buffer.from(text, "utf8")
    const at = bytes.indexOf(Buffer.from("XX"))
    bytes[at] = 0xc3 // a lead byte followed by an ASCII byte: not UTF-8
    bytes[at + 1] = 0x28
    const response = problemOf(
      await send("PUT", reviewPath(58, SEED_YEAR), bytes, {
        authorization: `Bearer ${h.tokens.admin}`,
        "if-match": etag
      })
    )
    expect(response.type).toBe("urn:sukoyaka:problem:malformedJson")
    expect(response.errors?.[0]).toMatchObject({
      path: "(body)",
      ja: expect.stringContaining("UTF-8"),
      en: expect.stringContaining("UTF-8")
    })
    expect(await auditCount(h)).toBe(before)
    expect((await getReview(h, 58, SEED_YEAR)).review.ratingReason).toBe(review.ratingReason)
    // Also on the public sign-in, before any credentials are looked at.
    const signIn = Buffer.concat([
      Buffer.from('{"email":"a@example.jp","password":"'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('xxxxxxxxxx"}')
    ])
    expect(problemOf(await send("POST", "/session", signIn)).type).toBe("urn:sukoyaka:problem:malformedJson")
    // A byte-order mark is valid UTF-8 and is accepted as before.
    const withBom = await send(
      "POST",
      "/session",
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(JSON.stringify({ email: "nobody@example.jp", password: "x".repeat(12) }))
      ])
    )
    expect(withBom.status).not.toBe(500)
  })

  it("accepts only canonical decimal integers as path ids, with the 400 of any malformed id", async () => {
    expect((await h.request("GET", `/plans/${PLAN}/initiatives/57`, { token: "viewer" })).status).toBe(200)
    expect((await h.request("GET", reviewPath(57, SEED_YEAR), { token: "viewer" })).status).toBe(200)
    for (const no of ["57.0", "0x39", "%2057", "57%20", "+57", "057", "5.7e1", "0b111001", "57abc"]) {
      const initiative = expectProblem(
        await h.request("GET", `/plans/${PLAN}/initiatives/${no}`, { token: "viewer" }),
        400,
        "validation"
      )
      expect(initiative.errors?.[0]).toMatchObject({
        path: "param.no",
        ja: expect.any(String),
        en: expect.stringContaining("decimal")
      })
      expectProblem(
        await h.request("GET", `/plans/${PLAN}/initiatives/${no}/reviews/${SEED_YEAR}`, { token: "viewer" }),
        400,
        "validation"
      )
    }
    for (const year of ["2024.0", "0x7e8", "%202024", "02024"]) {
      const review = expectProblem(
        await h.request("GET", `/plans/${PLAN}/initiatives/57/reviews/${year}`, { token: "viewer" }),
        400,
        "validation"
      )
      expect(review.errors?.[0]?.path).toBe("param.fiscalYear")
    }
  })
})
