import type { Context } from "hono"
import { codingFor, COMPRESS_MIN_BYTES, compress, noneMatch, strongEtagOf } from "./httpConventions.ts"

/**
 * A JSON response body encoded once, with its strong ETag: what cached views are sent as. Its
 * compressed forms are made on the first request that accepts each coding and kept with it, so a
 * version is compressed once per coding, not once per request (compressJson hashed the bytes of
 * every response to find its earlier compression).
 */
export interface CachedJson {
  readonly body: Uint8Array
  readonly etag: string
  readonly coded: { br?: Uint8Array; gzip?: Uint8Array }
}

/** The ETag is a hash of the bytes, so equal bodies match across processes and restarts. */
export const cachedJson = (json: string): CachedJson => {
  const body = Buffer.from(json)
  return { body, etag: strongEtagOf(body), coded: {} }
}

/** The body in the coding the client accepts (compressed at most once per coding), or as it is. */
const representation = (c: Context, view: CachedJson) => {
  const coding = view.body.byteLength < COMPRESS_MIN_BYTES ? undefined : codingFor(c.req.header("accept-encoding"))
  if (coding === undefined) return { body: view.body, coding }
  view.coded[coding] ??= compress(coding, view.body)
  return { body: view.coded[coding], coding }
}

/**
 * 200 with the cached bytes, or 304 without a body when the client already has them. Callers
 * authorise first: a 304 tells as much as the body. `private, no-cache`: no shared cache keeps an
 * authorised answer, and a browser revalidates (and so re-authenticates) before reusing one.
 * `extra`: headers of the route's own (a list's Link), on the 200 and the 304 alike.
 */
export const sendCachedJson = (c: Context, view: CachedJson, extra?: Record<string, string>) => {
  // Appended: CORS may have set Vary: Origin already.
  c.header("Vary", "Accept-Encoding", { append: true })
  const headers = { ...extra, ETag: view.etag, "Cache-Control": "private, no-cache" }
  if (noneMatch(c.req.header("if-none-match"), view.etag)) return c.body(null, 304, headers)
  const { body, coding } = representation(c, view)
  return c.body(body as Uint8Array<ArrayBuffer>, 200, {
    ...headers,
    "Content-Type": "application/json",
    ...(coding === undefined ? {} : { "Content-Encoding": coding })
  })
}

/** How long a shared cache or a browser may reuse a public answer before asking again (then a 304). */
export const PUBLIC_MAX_AGE_SECONDS = 300

/**
 * A public answer (#21): the same for everyone, so any cache may keep it (`public`) for a few
 * minutes; its strong ETag (a hash of the bytes) turns a revalidation into a 304.
 */
export const sendPublic = (c: Context, body: Uint8Array, contentType: string) => {
  const etag = strongEtagOf(body)
  const headers = { ETag: etag, "Cache-Control": `public, max-age=${PUBLIC_MAX_AGE_SECONDS}` }
  if (noneMatch(c.req.header("if-none-match"), etag)) return c.body(null, 304, headers)
  return c.body(body as Uint8Array<ArrayBuffer>, 200, { ...headers, "Content-Type": contentType })
}
