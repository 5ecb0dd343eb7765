import { createServer, type Server } from "node:http"
import { gzipSync } from "node:zlib"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { apiAgent, apiFetch } from "./apiFetch.ts"

/** A stand-in for the API: JSON, a problem, a 304, a file, a gzip answer, and what a POST sent. */
let server: Server
let base = ""
const seen: Array<{ method: string; headers: Record<string, unknown> }> = []

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push({ method: request.method ?? "", headers: request.headers })
    if (request.method === "POST") {
      let body = ""
      request.on("data", (chunk: Buffer) => (body += chunk.toString()))
      request.on("end", () => response.writeHead(201, { "content-type": "application/json" }).end(body))
      return
    }
    switch (request.url) {
      case "/json":
        return response
          .writeHead(200, { "content-type": "application/json", etag: '"abc"', "x-several": ["a", "b"] })
          .end(JSON.stringify({ ok: "日本語" }))
      case "/problem":
        return response
          .writeHead(404, "Not Found", { "content-type": "application/problem+json" })
          .end(JSON.stringify({ type: "about:blank", title: "not found", status: 404 }))
      case "/unchanged":
        return response.writeHead(304, { etag: '"abc"' }).end()
      case "/file":
        response.writeHead(200, { "content-type": "text/csv", "content-disposition": 'attachment; filename="a.csv"' })
        response.write("a,b\n")
        return response.end("1,2\n")
      case "/gzip":
        return response
          .writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" })
          .end(gzipSync(JSON.stringify({ packed: true })))
      default:
        return response.writeHead(404).end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const address = server.address()
  base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`
})

afterAll(async () => {
  apiAgent.destroy()
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

describe("the typed client's fetch for reads", () => {
  it("answers a Response with the JSON, status, headers and the address asked", async () => {
    const response = await apiFetch(`${base}/json`, { method: "GET", headers: new Headers({ cookie: "s=1" }) })
    expect(response).toBeInstanceOf(Response)
    expect(response.ok).toBe(true)
    expect(response.url).toBe(`${base}/json`)
    expect(response.headers.get("etag")).toBe('"abc"')
    expect(response.headers.get("x-several")).toBe("a, b")
    expect(await response.json()).toEqual({ ok: "日本語" })
    expect(seen.at(-1)?.headers.cookie).toBe("s=1")
  })

  it("keeps a problem's status and text, and a 304 without a body", async () => {
    const problem = await apiFetch(`${base}/problem`)
    expect(problem.status).toBe(404)
    expect(problem.statusText).toBe("Not Found")
    expect(JSON.parse(await problem.text())).toMatchObject({ title: "not found" })
    const unchanged = await apiFetch(`${base}/unchanged`, { headers: { "if-none-match": '"abc"' } })
    expect(unchanged.status).toBe(304)
    expect(unchanged.body).toBeNull()
  })

  it("streams a file on as a body, and decodes a compressed JSON answer", async () => {
    const file = await apiFetch(`${base}/file`)
    expect(file.headers.get("content-disposition")).toBe('attachment; filename="a.csv"')
    expect(file.body).toBeInstanceOf(ReadableStream)
    expect(await file.text()).toBe("a,b\n1,2\n")
    expect(await (await apiFetch(`${base}/gzip`)).json()).toEqual({ packed: true })
  })

  it("leaves writes to fetch, body and all", async () => {
    const response = await apiFetch(`${base}/anything`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ a: 1 })
    })
    expect(response.status).toBe(201)
    expect(await response.json()).toEqual({ a: 1 })
    expect(seen.at(-1)?.method).toBe("POST")
  })

  it("fails as fetch does when nothing listens", async () => {
    await expect(apiFetch("http://127.0.0.1:1/nothing")).rejects.toThrow(/ECONNREFUSED/)
  })
})
