import type { Context, MiddlewareHandler } from "hono"
import { LRUCache } from "lru-cache"
import { sha256 } from "@sukoyaka/app"
import { bearerTokenOf, cachedTokenAuth } from "./auth.ts"
import { type CachedJson, sendCachedJson } from "./cachedJson.ts"
import type { AppEnv } from "./env.ts"

/**
 * Where a GET's cached view is: the plan and the view's key in the view cache, and the headers the
 * route adds to it (the list's Link) — all that its route worked out from the URL after validating it.
 */
export interface ViewAddress<V extends CachedJson = CachedJson> {
  readonly planId: string
  readonly key: string
  readonly headers?: ((view: V) => Record<string, string>) | undefined
}

/**
 * The URLs (as the request states them, query and all) whose GET a route answered from a cached
 * view, with where the view is. Bounded: the least recently asked go first. A URL is remembered only
 * once its route has validated it and reached its view, so that a later request for the same URL
 * would validate the same way and ask for the same view.
 */
export const makeViewUrls = (capacity = 1024) => {
  const addresses = new LRUCache<string, ViewAddress>({ max: capacity })
  return {
    remember: (url: string, address: ViewAddress) => void addresses.set(url, address),
    addressOf: (url: string): ViewAddress | undefined => addresses.get(url)
  }
}

export type ViewUrls = ReturnType<typeof makeViewUrls>

/**
 * A route's answer from a cached view (`sendCachedJson`), its URL remembered for the early path.
 * Only for views that every authenticated caller may read alike (cached per plan, not per caller):
 * what the early path checks is authentication alone.
 */
export const sendCachedView = <V extends CachedJson>(c: Context<AppEnv>, address: ViewAddress<V>, view: V) => {
  // The view under this address is always a V: the key names what the route cached there.
  c.get("viewUrls").remember(c.req.url, address as ViewAddress<CachedJson>)
  return sendCachedJson(c, view, address.headers?.(view))
}

/**
 * A repeated GET of a cached view (a plan's summary, its trends, a page of its initiatives),
 * answered before the rest of the API's middleware, its routing, validators and handler run: for the
 * 17 KB summary those took most of the ≈ 90 µs of CPU a request cost, against ≈ 15 µs for a bare
 * node:http server sending the same bytes (docs/performance.md, #23). It answers only when its
 * answer is the one the whole way would give, and otherwise passes the request on:
 * - a GET or HEAD that states no body (no Content-Length or Transfer-Encoding: a body is for the
 *   whole way to deal with),
 * - of a URL a route has answered from a cached view before (`sendCachedView`), so that routing
 *   and validation would come to the same view,
 * - whose view is cached at the plan's version the request's change stamp vouches for (`peek`),
 * - with a bearer token checked a moment ago (the token cache, at the same stamp). A session, an
 *   unknown or a malformed token take the whole way, and with it its 401.
 * The middleware it skips leave such an answer alone: compression and the conditional GET (its
 * coding, ETag and 304 are sendCachedJson's), the body limit, the JSON body checks and the timeout.
 * What runs before it stays: the request id, the request log, the security headers and CORS.
 */
export const earlyView: MiddlewareHandler<AppEnv> = async (c, next) => {
  const method = c.req.method
  if (method !== "GET" && method !== "HEAD") return next()
  const stamp = c.get("stamp")
  if (stamp === null) return next()
  const address = c.get("viewUrls").addressOf(c.req.url)
  if (address === undefined) return next()
  if (c.req.header("content-length") !== undefined || c.req.header("transfer-encoding") !== undefined) return next()
  const view = c.get("views").peek<CachedJson>(stamp, address.planId, address.key)
  if (view === undefined) return next()
  const authorization = c.req.header("authorization")
  const token = authorization === undefined ? undefined : bearerTokenOf(authorization)
  if (token === undefined) return next()
  const auth = cachedTokenAuth(c, sha256(token))
  if (auth === undefined) return next()
  c.set("auth", auth)
  return sendCachedJson(c, view, address.headers?.(view))
}
