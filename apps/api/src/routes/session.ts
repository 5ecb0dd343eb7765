import { PasswordChange, SignIn, UserView } from "@sukoyaka/core"
import { Accounts, Coordination } from "@sukoyaka/storage"
import { Effect, Option, Schema } from "effect"
import { type Context, Hono } from "hono"
import { deleteCookie, getCookie, setCookie } from "hono/cookie"
import { authenticate, clientAddress, SESSION_COOKIE } from "../auth.ts"
import type { AppEnv } from "../env.ts"
import { doc } from "../openapi.ts"
import { HttpProblem } from "../problem.ts"
import { decoyHash, hashPassword, newSecret, sha256, verifyPassword } from "../security.ts"
import { validate } from "../validation.ts"

const SESSION_HOURS = 12
const SessionView = Schema.Struct({ user: UserView, csrfToken: Schema.String }).annotations({ identifier: "Session" })

const SIGNIN_LIMIT = 10
const SIGNIN_WINDOW_SECONDS = 900

/**
 * Ten failed attempts per address and per e-mail in fifteen minutes, counted in the database (so
 * every API process shares them). Only failures count: the admin UI signs everyone in from one
 * address, and a correct password is not what a brute-force limit is for.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const signInKeys = (c: Context<AppEnv, any, any>, email: string) => [`signin:ip:${clientAddress(c)}`, `signin:email:${email}`]

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const refuseWhenThrottled = async (c: Context<AppEnv, any, any>, email: string) => {
  const counts = await c.var.run(
    Effect.flatMap(Coordination, (coordination) => Effect.all(signInKeys(c, email).map((key) => coordination.peek(key, SIGNIN_WINDOW_SECONDS))))
  )
  const refused = counts.find((count) => count.count >= SIGNIN_LIMIT)
  if (refused) throw new HttpProblem("tooManyRequests", "too many sign-in attempts; try again later", undefined, { "Retry-After": String(refused.retryAfterSeconds) })
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const countFailure = (c: Context<AppEnv, any, any>, email: string) =>
  c.var.run(Effect.flatMap(Coordination, (coordination) => Effect.all(signInKeys(c, email).map((key) => coordination.hit(key, SIGNIN_LIMIT, SIGNIN_WINDOW_SECONDS)))))

const secureCookies = (url: string) => process.env.SUKOYAKA_SECURE_COOKIES === "true" || url.startsWith("https:")

export default new Hono<AppEnv>()
  .post(
    "/session",
    doc({ tag: "session", summary: "Sign in with e-mail and password; sets an HttpOnly session cookie", ok: { schema: SessionView, description: "Signed in" }, isPublic: true }),
    validate("json", SignIn),
    async (c) => {
      const { email, password } = c.req.valid("json")
      const normalized = email.trim().toLowerCase()
      await refuseWhenThrottled(c, normalized)
      const credentials = await c.var.run(Effect.flatMap(Accounts, (a) => a.credentialsFor(normalized)))
      const valid = Option.isSome(credentials)
        ? !credentials.value.disabled && (await verifyPassword(password, credentials.value.passwordHash))
        : (await verifyPassword(password, await decoyHash()), false)
      if (!valid || Option.isNone(credentials)) {
        await countFailure(c, normalized)
        throw new HttpProblem("unauthorized", "wrong e-mail or password")
      }
      // A new id at every sign-in: a session id planted before sign-in is never promoted (fixation).
      const previous = getCookie(c, SESSION_COOKIE)
      if (previous) await c.var.run(Effect.flatMap(Accounts, (a) => a.deleteSession(sha256(previous))))
      const sessionId = newSecret("sks")
      const csrfToken = newSecret("csrf")
      const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600_000).toISOString()
      const { passwordHash: _hash, ...user } = credentials.value
      await c.var.run(Effect.flatMap(Accounts, (a) => a.createSession({ idHash: sha256(sessionId), userId: user.id, csrfToken, expiresAt })))
      setCookie(c, SESSION_COOKIE, sessionId, {
        httpOnly: true,
        sameSite: "Lax",
        secure: secureCookies(c.req.url),
        path: "/",
        maxAge: SESSION_HOURS * 3600
      })
      return c.json({ user, csrfToken })
    }
  )
  .get("/session", authenticate, doc({ tag: "session", summary: "Who is signed in", ok: { schema: SessionView, description: "The session" } }), async (c) => {
    const auth = c.var.auth
    // A bearer token's userId is the user who created it: answering with that user would tell a
    // viewer token's holder "you are the admin". Only a session has a signed-in user.
    const user = auth.via === "session" && auth.userId ? await c.var.run(Effect.flatMap(Accounts, (a) => a.findUser(auth.userId!))) : Option.none()
    if (Option.isNone(user)) throw new HttpProblem("unauthorized", "not a user session")
    return c.json({ user: user.value, csrfToken: auth.csrfToken ?? "" })
  })
  .delete("/session", authenticate, doc({ tag: "session", summary: "Sign out" }), async (c) => {
    const sessionId = getCookie(c, SESSION_COOKIE)
    if (sessionId) await c.var.run(Effect.flatMap(Accounts, (a) => a.deleteSession(sha256(sessionId))))
    deleteCookie(c, SESSION_COOKIE, { path: "/" })
    return c.body(null, 204)
  })
  .put(
    "/session/password",
    authenticate,
    doc({ tag: "session", summary: "Change one's own password (signs out every session)" }),
    validate("json", PasswordChange),
    async (c) => {
      const { currentPassword, newPassword } = c.req.valid("json")
      const auth = c.var.auth
      if (auth.via !== "session" || auth.userId === null) throw new HttpProblem("forbidden", "only a signed-in user changes a password")
      const user = await c.var.run(Effect.flatMap(Accounts, (a) => a.findUser(auth.userId!)))
      const credentials = Option.isSome(user) ? await c.var.run(Effect.flatMap(Accounts, (a) => a.credentialsFor(user.value.email))) : Option.none()
      if (Option.isNone(credentials) || !(await verifyPassword(currentPassword, credentials.value.passwordHash))) {
        throw new HttpProblem("validation", "the current password is wrong", [{ path: "currentPassword", ja: "現在のパスワードが違います", en: "the current password is wrong" }])
      }
      const passwordHash = await hashPassword(newPassword)
      await c.var.run(Effect.flatMap(Accounts, (a) => a.updateUser(auth.audit, auth.userId!, { passwordHash })))
      deleteCookie(c, SESSION_COOKIE, { path: "/" })
      return c.body(null, 204)
    }
  )
