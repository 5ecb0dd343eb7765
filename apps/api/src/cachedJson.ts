import type { Context } from "hono"
import { noneMatch, strongEtagOf } from "./httpConventions.ts"

/** A JSON response body encoded once, with its strong ETag: what cached views are sent as. */
export interface CachedJson {
  readonly body: Uint8Array
  readonly etag: string
}

/** The ETag is a hash of the bytes, so equal bodies match across processes and restarts. */
export const cachedJson = (json: string): CachedJson => {
  const body = Buffer.from(json)
  return { body, etag: strongEtagOf(body) }
}

/**
 * 200 with the cached bytes, or 304 without a body when the client already has them. Callers
 * authorise first: a 304 tells as much as the body. `private, no-cache`: no shared cache keeps an
 * authorised answer, and a browser revalidates (and so re-authenticates) before reusing one.
 */
export const sendCachedJson = (c: Context, view: CachedJson) => {
  const headers = { ETag: view.etag, "Cache-Control": "private, no-cache" }
  if (noneMatch(c.req.header("if-none-match"), view.etag)) return c.body(null, 304, headers)
  return c.body(view.body as Uint8Array<ArrayBuffer>, 200, { ...headers, "Content-Type": "application/json" })
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
