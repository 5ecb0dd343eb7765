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
