/** A cached view is compressed once per coding and version, and sent in the coding asked for. */
import { Hono } from "hono"
import { brotliDecompressSync, gunzipSync } from "node:zlib"
import { describe, expect, it } from "vitest"
import { cachedJson, sendCachedJson } from "../src/cachedJson.ts"

const view = cachedJson(JSON.stringify({ items: Array.from({ length: 200 }, (_, no) => ({ no, name: `取組 ${no}` })) }))
const app = new Hono().get("/", (c) => sendCachedJson(c, view))
const get = (acceptEncoding?: string) =>
  app.request("/", { headers: acceptEncoding === undefined ? {} : { "accept-encoding": acceptEncoding } })

describe("cached JSON", () => {
  it("is compressed on the first request that accepts a coding and the same bytes are sent again", async () => {
    const first = await get("gzip, deflate, br")
    expect(first.headers.get("content-encoding")).toBe("br")
    expect(first.headers.get("vary")).toContain("Accept-Encoding")
    const compressed = view.coded.br
    expect(compressed).toBeDefined()
    const second = await get("br")
    expect(view.coded.br).toBe(compressed)
    const bytes = Buffer.from(await second.arrayBuffer())
    expect(brotliDecompressSync(bytes).equals(Buffer.from(view.body))).toBe(true)
    expect(second.headers.get("etag")).toBe(view.etag)
  })

  it("is sent gzipped, or as it is, by Accept-Encoding", async () => {
    const gzip = await get("gzip")
    expect(gzip.headers.get("content-encoding")).toBe("gzip")
    expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).equals(Buffer.from(view.body))).toBe(true)
    const plain = await get()
    expect(plain.headers.get("content-encoding")).toBeNull()
    expect(Buffer.from(await plain.arrayBuffer()).equals(Buffer.from(view.body))).toBe(true)
  })

  it("answers 304 without a body when the client has the version", async () => {
    const response = await app.request("/", { headers: { "if-none-match": view.etag, "accept-encoding": "br" } })
    expect(response.status).toBe(304)
    expect(await response.text()).toBe("")
  })
})
