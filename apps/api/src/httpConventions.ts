/**
 * The HTTP conventions every route of the API shares, in one place: conditional GET (a strong ETag
 * and 304), compression of JSON, the client's language for problem titles, 405 with Allow, and the
 * headers CORS lets a browser send and read.
 */
import type { Context, MiddlewareHandler } from "hono"
import { createHash } from "node:crypto"
import { LRUCache } from "lru-cache"
import { brotliCompressSync, constants as zlib, gzipSync } from "node:zlib"

/** RFC 9110 §13.1.2: `*`, or any listed tag equal to ours under weak comparison. */
export const noneMatch = (header: string | undefined, etag: string): boolean => {
  if (header === undefined) return false
  const opaque = etag.replace(/^W\//, "")
  return header.split(",").some((candidate) => {
    const tag = candidate.trim()
    return tag === "*" || tag.replace(/^W\//, "") === opaque
  })
}

/** A strong ETag of a body: a hash of its bytes, so equal bodies match across processes and restarts. */
export const strongEtagOf = (body: Uint8Array) =>
  `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`

const isJson = (type: string | null) => type !== null && /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)

/** Replaces the response without Hono merging the old one's headers back in (its `c.res` setter does). */
const replaceResponse = (c: Context, response: Response) => {
  c.res = undefined
  c.res = response
}

/** Headers a 304 keeps (RFC 9110 §15.4.5): what a cache would have updated from a 200. */
const notModifiedHeaders = ["cache-control", "etag", "vary", "content-location", "expires", "x-request-id"]

/**
 * Conditional GET for every JSON representation: a route that sets no ETag gets a strong one from a
 * hash of the body, and a matching If-None-Match answers 304 without the body. Routes authorise
 * before they answer, so a 304 never tells more than the 200 would. Answers that set a cookie
 * (sign-in, session) are left alone.
 */
export const conditionalGet: MiddlewareHandler = async (c, next) => {
  await next()
  if ((c.req.method !== "GET" && c.req.method !== "HEAD") || c.res.status !== 200) return
  if (!isJson(c.res.headers.get("content-type")) || c.res.headers.has("set-cookie")) return
  let etag = c.res.headers.get("etag")
  if (etag === null || !c.res.headers.has("cache-control")) {
    // A new response rather than headers set in place: the Node adapter's light responses do not
    // keep changes made to their headers.
    const body = new Uint8Array(await c.res.arrayBuffer())
    const headers = new Headers(c.res.headers)
    etag ??= strongEtagOf(body)
    headers.set("ETag", etag)
    if (!headers.has("cache-control")) headers.set("Cache-Control", "private, no-cache")
    replaceResponse(c, new Response(body, { status: c.res.status, headers }))
  }
  if (!noneMatch(c.req.header("if-none-match"), etag)) return
  const headers = new Headers()
  for (const name of notModifiedHeaders) {
    const value = c.res.headers.get(name)
    if (value !== null) headers.set(name, value)
  }
  replaceResponse(c, new Response(null, { status: 304, headers }))
}

/** JSON smaller than this is sent as it is: compressing it saves less than the headers cost. */
export const COMPRESS_MIN_BYTES = 1024

/** The coding to use for `accept` (Accept-Encoding), br first: none when neither is acceptable. */
export const codingFor = (accept: string | undefined): "br" | "gzip" | undefined => {
  if (accept === undefined) return undefined
  const weights = new Map<string, number>()
  for (const part of accept.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";")
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find((m) => m !== null)
    if (name) weights.set(name, q ? Number(q[1]) : 1)
  }
  const weight = (coding: string) => weights.get(coding) ?? weights.get("*") ?? 0
  if (weight("br") > 0) return "br"
  if (weight("gzip") > 0) return "gzip"
  return undefined
}

/**
 * Compressed bodies by coding and a hash of the bytes: a page asked for again (the view cache keeps
 * its JSON) is not compressed again. Keyed by the bytes, not the ETag: a version's ETag ("v1") is
 * the same for many resources, and hashing costs a fraction of compressing. Bounded in bytes.
 */
const compressedByBytes = new LRUCache<string, Uint8Array>({
  maxSize: 16 * 1024 * 1024,
  sizeCalculation: (bytes) => Math.max(1, bytes.byteLength)
})

/** `body` in `coding`: Brotli at quality 5, most of the gain of 11 for a fraction of its time. */
export const compress = (coding: "br" | "gzip", body: Uint8Array): Uint8Array =>
  new Uint8Array(
    coding === "br"
      ? brotliCompressSync(body, {
          params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: body.byteLength }
        })
      : gzipSync(body)
  )

const compressOnce = (coding: "br" | "gzip", body: Uint8Array): Uint8Array => {
  const key = `${coding} ${strongEtagOf(body)}`
  const known = compressedByBytes.get(key)
  if (known !== undefined) return known
  const compressed = compress(coding, body)
  compressedByBytes.set(key, compressed)
  return compressed
}

/**
 * br or gzip for JSON bodies of at least COMPRESS_MIN_BYTES, when the client accepts it (a page of
 * the list is ~190 KB as JSON, a few KB compressed). Files (xlsx is a zip already, csv downloads)
 * are left as they are. Brotli at quality 5: most of the gain of 11 for a fraction of its time.
 * The ETag stays the representation's: a writer sends it back in If-Match whatever the coding.
 */
export const compressJson: MiddlewareHandler = async (c, next) => {
  await next()
  if (!isJson(c.res.headers.get("content-type"))) return
  if (c.res.headers.has("content-encoding")) return
  // A cached view (sendCachedJson) has chosen its coding already: reading and copying its bytes
  // again here cost two copies of up to 190 KB per request (a CPU profile under load). Checked
  // before `body` is touched: reading it turns the Node adapter's light response (its bytes
  // written to the socket at once) into a web stream read chunk by chunk.
  if (/accept-encoding/i.test(c.res.headers.get("vary") ?? "")) return
  if (c.res.body === null) return
  const body = new Uint8Array(await c.res.arrayBuffer())
  const headers = new Headers(c.res.headers)
  headers.append("Vary", "Accept-Encoding")
  const coding = codingFor(c.req.header("accept-encoding"))
  if (coding === undefined || body.byteLength < COMPRESS_MIN_BYTES) {
    replaceResponse(c, new Response(body, { status: c.res.status, statusText: c.res.statusText, headers }))
    return
  }
  const compressed = compressOnce(coding, body)
  headers.set("Content-Encoding", coding)
  headers.delete("Content-Length")
  replaceResponse(c, new Response(compressed.slice(), { status: c.res.status, statusText: c.res.statusText, headers }))
}

export type Language = "ja" | "en"

/** The client's language by Accept-Language (RFC 9110 §12.5.4): Japanese unless English is preferred. */
export const languageOf = (accept: string | undefined): Language => {
  if (accept === undefined) return "ja"
  let best: { language: Language; q: number } = { language: "ja", q: 0 }
  for (const part of accept.split(",")) {
    const [range, ...params] = part.trim().toLowerCase().split(";")
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find((m) => m !== null)
    const weight = q ? Number(q[1]) : 1
    const language =
      range === "en" || range?.startsWith("en-") ? "en" : range === "ja" || range?.startsWith("ja-") ? "ja" : undefined
    if (language !== undefined && weight > best.q) best = { language, q: weight }
  }
  return best.language
}

const routeMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const

/** A route's path as a regular expression: `:name` is one segment, `*` anything. */
const patternOf = (path: string) =>
  new RegExp(
    `^${path
      .split("/")
      .map((segment) =>
        segment.startsWith(":") ? "[^/]+" : segment === "*" ? ".*" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
      )
      .join("/")}/?$`
  )

/**
 * The methods the app answers at a path, from its routes (middleware, registered for every method,
 * aside): a request with another method on such a path is a 405 with Allow, not a 404.
 */
export const allowedMethods = (routes: ReadonlyArray<{ readonly method: string; readonly path: string }>) => {
  const compiled = routes
    .filter((route) => (routeMethods as ReadonlyArray<string>).includes(route.method))
    .map((route) => ({ method: route.method, pattern: patternOf(route.path) }))
  return (path: string): ReadonlyArray<string> => {
    const methods = new Set(compiled.filter((route) => route.pattern.test(path)).map((route) => route.method))
    if (methods.has("GET")) methods.add("HEAD")
    return [...methods].sort()
  }
}

/**
 * RFC 8288 links to the first, previous, next and last page of a list (`page`, `pageSize`) at `url`,
 * its other query parameters kept: a client follows them instead of counting pages itself.
 */
export const pageLinks = (url: string, page: number, pageSize: number, total: number): string => {
  const last = Math.max(1, Math.ceil(total / pageSize))
  const at = (n: number) => {
    const target = new URL(url)
    target.searchParams.set("page", String(n))
    target.searchParams.set("pageSize", String(pageSize))
    return `<${target.pathname}${target.search}>`
  }
  return [
    `${at(1)}; rel="first"`,
    ...(page > 1 ? [`${at(Math.min(page - 1, last))}; rel="prev"`] : []),
    ...(page < last ? [`${at(page + 1)}; rel="next"`] : []),
    `${at(last)}; rel="last"`
  ].join(", ")
}

/** What CORS lets a browser send (conditional requests included) and read of an answer. */
export const corsHeaders = {
  allowHeaders: ["Authorization", "Content-Type", "If-Match", "If-None-Match", "Accept-Language", "X-CSRF-Token"],
  exposeHeaders: ["ETag", "Location", "Link", "Retry-After", "Content-Disposition", "X-Request-Id"]
}
