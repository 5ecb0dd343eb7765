/**
 * The HTTP conventions every route shares (httpConventions.ts), over real HTTP on both databases:
 * conditional GET on every GET the document says has an ETag, compression, 405 with Allow, problem
 * titles in the client's language, and the list's Link, sort and multi-value filter (If-Match: preconditions.test.ts).
 */
import { connect } from "node:net"
import { brotliDecompressSync, gunzipSync } from "node:zlib"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { API_BASE, createApp } from "../src/index.ts"
import { dialects, type Harness, PLAN, PROBLEM_JSON, rawResponse, SEED_YEAR, startHarness } from "./support.ts"

type Document = {
  paths: Record<string, Record<string, { responses: Record<string, { headers?: Record<string, unknown> }> }>>
}

/** A raw GET, its body as the bytes on the wire (fetch would decode them). */

describe.each(dialects)("the API's HTTP conventions on %s", (dialect) => {
  let h: Harness
  let document: Document
  beforeAll(async () => {
    h = await startHarness(dialect)
    document = (await (await fetch(`${h.url}${API_BASE}/openapi.json`)).json()) as Document
  })
  afterAll(async () => {
    await h?.close()
  })

  it("answers 304 to If-None-Match on every GET that the document says has an ETag", async () => {
    const targets = await h.request<Array<{ id: string }>>("GET", `/plans/${PLAN}/targets`, { token: "admin" })
    const values: Record<string, string> = {
      planId: PLAN,
      no: "58",
      fiscalYear: String(SEED_YEAR),
      targetId: targets.body[0]!.id
    }
    const withEtag = Object.entries(document.paths).filter(
      ([, item]) => item["get"]?.responses["200"]?.headers?.["ETag"] !== undefined
    )
    const checked: Array<string> = []
    for (const [template] of withEtag) {
      const path = template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? "none")
      const first = await h.request("GET", path, { token: "admin" })
      // Paths whose parameters name nothing here (an attachment, a cycle not opened) answer 404.
      if (first.status !== 200) continue
      const etag = first.headers.get("etag")
      expect(etag ?? "", template).toMatch(/^"[^"]+"$/)
      const again = await h.request("GET", path, { token: "admin", headers: { "If-None-Match": etag! } })
      expect(again.status, template).toBe(304)
      expect(again.text, template).toBe("")
      expect(again.headers.get("etag"), template).toBe(etag)
      const other = await h.request("GET", path, { token: "admin", headers: { "If-None-Match": '"other"' } })
      expect(other.status, template).toBe(200)
      checked.push(template)
    }
    expect(checked).toEqual(
      expect.arrayContaining(
        [
          "/plans",
          "/plans/{planId}",
          "/plans/{planId}/initiatives",
          "/plans/{planId}/initiatives/{no}",
          "/plans/{planId}/initiatives/{no}/reviews/{fiscalYear}",
          "/plans/{planId}/summary",
          "/plans/{planId}/targets",
          "/plans/{planId}/targets/{targetId}"
        ].map((path) => `${API_BASE}${path}`)
      )
    )
  })

  it("compresses a page of the list with br or gzip when the client accepts it, and leaves small JSON and files alone", async () => {
    const list = `${h.url}${API_BASE}/plans/${PLAN}/initiatives?fiscalYear=${SEED_YEAR}`
    const auth = { Authorization: `Bearer ${h.tokens.viewer}` }
    const plain = await rawResponse(list, { headers: auth })
    expect(plain.headers["content-encoding"]).toBeUndefined()
    expect(plain.headers["vary"]).toMatch(/Accept-Encoding/)

    const gzip = await rawResponse(list, { headers: { ...auth, "Accept-Encoding": "gzip" } })
    expect(gzip.headers["content-encoding"]).toBe("gzip")
    expect(gzip.body.length).toBeLessThan(plain.body.length / 4)
    expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true)
    expect(gzip.headers["etag"]).toBe(plain.headers["etag"])

    const br = await rawResponse(list, { headers: { ...auth, "Accept-Encoding": "gzip, deflate, br" } })
    expect(br.headers["content-encoding"]).toBe("br")
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true)

    const refused = await rawResponse(list, { headers: { ...auth, "Accept-Encoding": "br;q=0, gzip;q=0" } })
    expect(refused.headers["content-encoding"]).toBeUndefined()

    const small = await rawResponse(`${h.url}${API_BASE}/health`, { headers: { "Accept-Encoding": "gzip" } })
    expect(small.headers["content-encoding"]).toBeUndefined()
    const xlsx = await rawResponse(`${h.url}${API_BASE}/plans/${PLAN}/export?format=xlsx`, {
      headers: {
        ...auth,
        "Accept-Encoding": "gzip, br"
      }
    })
    expect(xlsx.status).toBe(200)
    expect(xlsx.headers["content-encoding"]).toBeUndefined()
  })

  it("answers 405 with Allow for a method a path does not have, and 404 for a path that does not exist", async () => {
    const wrong = await h.request("DELETE", `/plans/${PLAN}/initiatives`, { token: "admin" })
    expect(wrong.status).toBe(405)
    expect(wrong.headers.get("content-type")).toMatch(PROBLEM_JSON)
    expect(wrong.headers.get("allow")).toBe("GET, HEAD, POST")
    expect((await h.request("PUT", "/plans", { token: "admin", json: {} })).headers.get("allow")).toBe("GET, HEAD")
    expect((await h.request("DELETE", `/plans/${PLAN}/nothing-here`, { token: "admin" })).status).toBe(404)
  })

  it("titles a problem in the client's language: Japanese by default, English when preferred", async () => {
    const path = `/plans/${PLAN}/initiatives/9999`
    const ja = await h.request<{ title: string }>("GET", path, { token: "viewer" })
    expect(ja.body.title).toBe("見つかりません")
    expect(ja.headers.get("content-language")).toBe("ja")
    const en = await h.request<{ title: string }>("GET", path, {
      token: "viewer",
      headers: { "Accept-Language": "en-GB,en;q=0.9,ja;q=0.5" }
    })
    expect(en.body.title).toBe("Not found")
    expect(en.headers.get("content-language")).toBe("en")
    const preferJa = await h.request<{ title: string }>("GET", path, {
      token: "viewer",
      headers: { "Accept-Language": "en;q=0.4, ja" }
    })
    expect(preferJa.body.title).toBe("見つかりません")
    const bounds = await h.request<{ errors: Array<{ path: string; ja: string; en: string }> }>(
      "GET",
      `/plans/${PLAN}/initiatives?pageSize=500`,
      { token: "viewer" }
    )
    expect(bounds.body.errors).toEqual([
      { path: "query.pageSize", ja: "1〜200 の範囲で指定してください（値: 500）", en: "must be from 1 to 200, got 500" }
    ])
  })

  it("answers a URL with raw bytes that are not UTF-8 with problem+json, not a bare 400", async () => {
    const { port } = new URL(h.url)
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), "127.0.0.1", () =>
        socket.end(
          Buffer.concat([
            Buffer.from("GET /api/v1/plans/"),
            Buffer.from([0xff, 0xfe]),
            Buffer.from(" HTTP/1.1\r\nHost: x\r\n\r\n")
          ])
        )
      )
      const chunks: Array<Buffer> = []
      socket.on("data", (chunk: Buffer) => chunks.push(chunk))
      socket.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")))
      socket.on("error", reject)
    })
    const [head, body] = answer.split("\r\n\r\n")
    expect(head).toMatch(/^HTTP\/1\.1 400 /)
    expect(head).toMatch(/content-type: application\/problem\+json/i)
    expect(JSON.parse(body!)).toMatchObject({ type: "urn:sukoyaka:problem:badRequest", status: 400 })
  })

  it("links a list's pages, sorts it, and filters by several ratings at once", async () => {
    const base = `/plans/${PLAN}/initiatives?fiscalYear=${SEED_YEAR}`
    const page = await h.request<{ total: number }>("GET", `${base}&page=2&pageSize=10`, { token: "viewer" })
    const last = Math.ceil(page.body.total / 10)
    const link = page.headers.get("link")!
    const at = (n: number) => `<${API_BASE}/plans/${PLAN}/initiatives?fiscalYear=${SEED_YEAR}&page=${n}&pageSize=10>`
    expect(link.split(", ")).toEqual([
      `${at(1)}; rel="first"`,
      `${at(1)}; rel="prev"`,
      `${at(3)}; rel="next"`,
      `${at(last)}; rel="last"`
    ])

    type Item = { no: number; review: { selfRating: string | null } | null }
    const all = await h.request<{ items: Array<Item> }>("GET", `${base}&pageSize=200`, { token: "viewer" })
    const cd = await h.request<{ items: Array<Item>; total: number }>("GET", `${base}&rating=C,D&pageSize=200`, {
      token: "viewer"
    })
    const expected = all.body.items.filter((item) => ["C", "D"].includes(item.review?.selfRating ?? ""))
    expect(expected.length).toBeGreaterThan(0)
    expect(cd.body.items.map((item) => item.no)).toEqual(expected.map((item) => item.no))

    const descending = await h.request<{ items: Array<Item> }>("GET", `${base}&sort=-no&pageSize=200`, {
      token: "viewer"
    })
    expect(descending.body.items.map((item) => item.no)).toEqual(all.body.items.map((item) => item.no).reverse())
    const byRating = await h.request<{ items: Array<Item> }>("GET", `${base}&sort=rating&pageSize=200`, {
      token: "viewer"
    })
    const ratings = byRating.body.items.map((item) => item.review?.selfRating ?? "~")
    expect(ratings).toEqual([...ratings].sort())
    expect((await h.request("GET", `${base}&sort=size`, { token: "viewer" })).status).toBe(400)

    // view=compact: the same initiatives and reviews' standing, without the long texts.
    const compact = await h.request<{ items: Array<Record<string, unknown> & Item> }>(
      "GET",
      `${base}&view=compact&pageSize=200`,
      { token: "viewer" }
    )
    expect(compact.body.items.map((item) => item.no)).toEqual(all.body.items.map((item) => item.no))
    expect(compact.body.items.map((item) => item.review?.selfRating ?? null)).toEqual(
      all.body.items.map((item) => item.review?.selfRating ?? null)
    )
    expect(compact.body.items[0]).not.toHaveProperty("content")
    expect(compact.body.items[0]!.review).not.toHaveProperty("actions")
    expect(compact.text.length).toBeLessThan(all.text.length / 4)
  })
})

describe("CORS, when enabled", () => {
  it("lets a browser send conditional requests and read the headers an integration needs", async () => {
    const { appRuntime } = await import("@sukoyaka/app")
    const runtime = appRuntime({ _tag: "Sqlite", filename: ":memory:" })
    try {
      const app = createApp(runtime, { corsOrigins: ["https://example.jp"] })
      const preflight = await app.request(`${API_BASE}/plans`, {
        method: "OPTIONS",
        headers: {
          Origin: "https://example.jp",
          "Access-Control-Request-Method": "PUT",
          "Access-Control-Request-Headers": "if-match, if-none-match"
        }
      })
      const allowed = (preflight.headers.get("access-control-allow-headers") ?? "").toLowerCase()
      expect(allowed).toContain("if-match")
      expect(allowed).toContain("if-none-match")
      const answer = await app.request(`${API_BASE}/health`, { headers: { Origin: "https://example.jp" } })
      const exposed = (answer.headers.get("access-control-expose-headers") ?? "").toLowerCase().split(/,\s*/)
      expect(exposed).toEqual(
        expect.arrayContaining(["etag", "location", "link", "retry-after", "content-disposition", "x-request-id"])
      )
    } finally {
      await runtime.dispose()
    }
  })
})
