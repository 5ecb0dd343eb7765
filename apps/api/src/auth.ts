import type { Actor, Role } from "@sukoyaka/core"
import { sha256 } from "@sukoyaka/app"
import { Accounts, type ApiToken } from "@sukoyaka/storage"
import { Effect, Option } from "effect"
import type { Context, MiddlewareHandler } from "hono"
import { getCookie } from "hono/cookie"
import type { AppEnv, Auth } from "./env.ts"
import { HttpProblem } from "./problem.ts"
import { SESSION_COOKIE } from "./sessionCookie.ts"

const unsafeMethods = new Set(["POST", "PUT", "PATCH", "DELETE"])

const tokenPrincipal = (t: ApiToken): Auth => ({
  actor: { id: t.id, role: t.role, agencies: t.agencies } satisfies Actor,
  audit: { id: t.id, label: `token:${t.name}` },
  via: "token",
  userId: t.createdBy,
  csrfToken: null
})

const BEARER = /^Bearer\s+([A-Za-z0-9_\-.~+/]+=*)$/

/** The token of an `Authorization: Bearer …` header; undefined when the header has another form. */
export const bearerTokenOf = (header: string): string | undefined => BEARER.exec(header)?.[1]

/**
 * A token checked a moment ago, answered from memory while nothing can have revoked it (Accounts,
 * at the request's change stamp); undefined when the database must be asked.
 */
export const cachedTokenAuth = (c: Context<AppEnv>, tokenHash: string): Auth | undefined => {
  const cached = c.get("memory")?.accounts.cachedToken(tokenHash, c.get("stamp"))
  return cached === undefined ? undefined : tokenPrincipal(cached)
}

const tokenAuth = async (c: Context<AppEnv>, token: string): Promise<Option.Option<Auth>> => {
  const tokenHash = sha256(token)
  const cached = cachedTokenAuth(c, tokenHash)
  if (cached !== undefined) return Option.some(cached)
  return Option.map(await c.get("run")(Accounts.use((accounts) => accounts.activeToken(tokenHash))), tokenPrincipal)
}

const sessionAuth = (c: Context<AppEnv>, sessionId: string) =>
  c.get("run")(
    Effect.gen(function* () {
      const accounts = yield* Accounts
      const found = yield* accounts.sessionUser(sha256(sessionId))
      return Option.map(found, ({ user, csrfToken }): Auth => ({
        actor: { id: user.id, role: user.role, agencies: user.agencies },
        audit: { id: user.id, label: user.email },
        via: "session",
        userId: user.id,
        csrfToken
      }))
    })
  )

/**
 * Every route behind this requires a valid bearer token (integrations) or session cookie (the
 * admin UI). A cookie-authenticated write must also carry the session's CSRF token, which a
 * cross-site form cannot know.
 */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header("authorization")
  let auth: Option.Option<Auth> = Option.none()
  if (header !== undefined) {
    const token = bearerTokenOf(header)
    if (token === undefined)
      throw new HttpProblem("unauthorized", "Authorization must be 'Bearer <token>'", undefined, {
        "WWW-Authenticate": 'Bearer realm="sukoyaka"'
      })
    auth = await tokenAuth(c, token)
  } else {
    const sessionId = getCookie(c, SESSION_COOKIE)
    if (sessionId) {
      auth = await sessionAuth(c, sessionId)
      if (
        Option.isSome(auth) &&
        unsafeMethods.has(c.req.method) &&
        c.req.header("x-csrf-token") !== auth.value.csrfToken
      ) {
        throw new HttpProblem("forbidden", "missing or wrong X-CSRF-Token for a cookie-authenticated write")
      }
    }
  }
  if (Option.isNone(auth)) {
    throw new HttpProblem("unauthorized", "a valid bearer token or session is required", undefined, {
      "WWW-Authenticate": 'Bearer realm="sukoyaka"'
    })
  }
  c.set("auth", auth.value)
  await next()
}

export const requireRole =
  (...roles: ReadonlyArray<Role>): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    if (!roles.includes(c.get("auth").actor.role))
      throw new HttpProblem("forbidden", `this needs the role ${roles.join(" or ")}`)
    await next()
  }
