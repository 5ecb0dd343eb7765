import { completePasswordSetup, decoyHash, hashPassword, newSecret, sha256, verifyPassword } from "@sukoyaka/app"
import { LanguageChange, PasswordChange, PasswordSetup, SessionView, SignIn, UserView } from "@sukoyaka/core"
import { Accounts, Coordination } from "@sukoyaka/storage"
import { Effect, Option, Schema } from "effect"
import { type Context, Hono } from "hono"
import { deleteCookie, getCookie, setCookie } from "hono/cookie"
import { authenticate } from "../auth.ts"
import { clientAddress } from "../clientAddress.ts"
import type { AppEnv } from "../env.ts"
import { doc } from "../openapi.ts"
import { HttpProblem } from "../problem.ts"
import { SESSION_COOKIE } from "../sessionCookie.ts"
import { validate } from "../validation.ts"

const SESSION_HOURS = 12

const SIGNIN_WINDOW_SECONDS = 900

/**
 * Sign-in attempts allowed per fifteen minutes (a sliding window: storage's slidingWindow.ts), counted in the database (so every API process
 * shares them) and counted *before* the password is checked, so that concurrent guesses cannot all
 * pass a check made before any of them was counted. A successful attempt is given back. The keys,
 * tried in order (an attempt refused by one is not counted by the next):
 * - one address guessing one account: 10;
 * - one address trying many accounts (spraying): 50, so that a few mistyped e-mails of the people
 *   behind one address (an office's NAT, the admin UI without its secret) lock out nobody;
 * - one account from many addresses: 50, above what one address may try, so that a flood from one
 *   address against an account never locks its owner out elsewhere.
 */
const signInLimits = (address: string, email: string) => [
  { key: `signin:pair:${address}|${email}`, limit: 10 },
  { key: `signin:ip:${address}`, limit: 50 },
  { key: `signin:email:${email}`, limit: 50 }
]

const tooMany = (retryAfterSeconds: number) =>
  new HttpProblem("tooManyRequests", "too many sign-in attempts; try again later", undefined, {
    "Retry-After": String(Math.max(1, retryAfterSeconds))
  })

/** Counts the attempt under every key; throws 429 at the first key over its limit. Returns the keys counted. */
const countAttempt = async (run: AppEnv["Variables"]["run"], address: string, email: string) => {
  const counted: Array<string> = []
  for (const { key, limit } of signInLimits(address, email)) {
    const result = await run(Coordination.use((coordination) => coordination.hit(key, limit, SIGNIN_WINDOW_SECONDS)))
    if (!result.allowed) throw tooMany(result.retryAfterSeconds)
    counted.push(key)
  }
  return counted
}

const giveBack = (run: AppEnv["Variables"]["run"], keys: ReadonlyArray<string>) =>
  run(
    Coordination.use((coordination) =>
      Effect.forEach(keys, (key) => coordination.giveBack(key, SIGNIN_WINDOW_SECONDS), { discard: true })
    )
  )

/** Checks the password (or burns the same time on a decoy) under the gate's bound on argon2 work. */
const checkCredentials = async (
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any route's context
  c: Context<AppEnv, any, any>,
  email: string,
  password: string,
  verify: <A>(work: () => Promise<A>) => Promise<A>
) => {
  const credentials = await c.var.run(Accounts.use((a) => a.credentialsFor(email)))
  if (Option.isNone(credentials)) {
    await verify(async () => verifyPassword(password, await decoyHash()))
    return Option.none()
  }
  const valid = await verify(() => verifyPassword(password, credentials.value.passwordHash))
  return valid && !credentials.value.disabled ? credentials : Option.none()
}

export default new Hono<AppEnv>()
  .post(
    "/session",
    doc({
      tag: "session",
      summary: "Sign in with e-mail and password; sets an HttpOnly session cookie",
      description:
        "Attempts are counted before the password is checked, per 15 minutes: 10 per address and account, 50 per address, 50 per account; a successful attempt is given back.",
      ok: { schema: SessionView, description: "Signed in" },
      isPublic: true,
      throttled: {
        tooMany: "Too many attempts from this address or for this account (or two already in flight from this address)",
        busy: "Too many sign-ins being checked at once"
      }
    }),
    validate("json", SignIn),
    async (c) => {
      const { email, password } = c.req.valid("json")
      const normalized = email.trim().toLowerCase()
      const address = clientAddress(c, c.var.signIn)
      const admission = c.var.signIn.gate.admit(address)
      if (admission === "addressBusy") throw tooMany(1)
      if (admission === "overloaded")
        throw new HttpProblem("busy", "too many sign-ins at once; try again shortly", undefined, { "Retry-After": "1" })
      let credentials: Awaited<ReturnType<typeof checkCredentials>>
      try {
        const counted = await countAttempt(c.var.run, address, normalized)
        credentials = await checkCredentials(c, normalized, password, admission.verify)
        if (Option.isSome(credentials)) await giveBack(c.var.run, counted)
      } finally {
        admission.leave()
      }
      if (Option.isNone(credentials)) throw new HttpProblem("unauthorized", "wrong e-mail or password")
      // A new id at every sign-in: a session id planted before sign-in is never promoted (fixation).
      const previous = getCookie(c, SESSION_COOKIE)
      if (previous) await c.var.run(Accounts.use((a) => a.deleteSession(sha256(previous))))
      const sessionId = newSecret("sks")
      const csrfToken = newSecret("csrf")
      const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600_000).toISOString()
      const { passwordHash: _hash, ...user } = credentials.value
      await c.var.run(
        Accounts.use((a) => a.createSession({ idHash: sha256(sessionId), userId: user.id, csrfToken, expiresAt }))
      )
      setCookie(c, SESSION_COOKIE, sessionId, {
        httpOnly: true,
        sameSite: "Lax",
        secure: c.var.signIn.secureCookies || c.req.url.startsWith("https:"),
        path: "/",
        maxAge: SESSION_HOURS * 3600
      })
      return c.json(Schema.encodeSync(SessionView)({ user, csrfToken }))
    }
  )
  .get(
    "/session",
    authenticate,
    doc({ tag: "session", summary: "Who is signed in", ok: { schema: SessionView, description: "The session" } }),
    async (c) => {
      const auth = c.var.auth
      // A bearer token's userId is the user who created it: answering with that user would tell a
      // viewer token's holder "you are the admin". Only a session has a signed-in user.
      const user =
        auth.via === "session" && auth.userId
          ? await c.var.run(Accounts.use((a) => a.findUser(auth.userId!)))
          : Option.none()
      if (Option.isNone(user)) throw new HttpProblem("unauthorized", "not a user session")
      return c.json(Schema.encodeSync(SessionView)({ user: user.value, csrfToken: auth.csrfToken ?? "" }))
    }
  )
  .post(
    "/password-setup",
    doc({
      tag: "session",
      summary: "Set one's own password with a one-time link the admin issued (no sign-in)",
      description:
        "The link's secret works once and for a week; a newer link for the same user ends it. Signs out every session of the user. An invalid, used or expired link answers 400 `urn:sukoyaka:problem:passwordSetupInvalid`.",
      isPublic: true
    }),
    validate("json", PasswordSetup),
    async (c) => {
      const { token, password } = c.req.valid("json")
      await c.var.run(completePasswordSetup(token, password))
      return c.body(null, 204)
    }
  )
  .delete("/session", authenticate, doc({ tag: "session", summary: "Sign out" }), async (c) => {
    const sessionId = getCookie(c, SESSION_COOKIE)
    if (sessionId) await c.var.run(Accounts.use((a) => a.deleteSession(sha256(sessionId))))
    deleteCookie(c, SESSION_COOKIE, { path: "/" })
    return c.body(null, 204)
  })
  .put(
    "/session/language",
    authenticate,
    doc({
      tag: "session",
      summary: "Choose the language of one's notifications and mails (ja or en)",
      ok: { schema: UserView, description: "The user" }
    }),
    validate("json", LanguageChange),
    async (c) => {
      const auth = c.var.auth
      if (auth.via !== "session" || auth.userId === null)
        throw new HttpProblem("forbidden", "only a signed-in user chooses a language")
      const { language } = c.req.valid("json")
      const user = await c.var.run(Accounts.use((a) => a.updateUser(auth.audit, auth.userId!, { language })))
      if (Option.isNone(user)) throw new HttpProblem("unauthorized", "not a user session")
      return c.json(Schema.encodeSync(UserView)(user.value))
    }
  )
  .put(
    "/session/password",
    authenticate,
    doc({ tag: "session", summary: "Change one's own password (signs out every session)" }),
    validate("json", PasswordChange),
    async (c) => {
      const { currentPassword, newPassword } = c.req.valid("json")
      const auth = c.var.auth
      if (auth.via !== "session" || auth.userId === null)
        throw new HttpProblem("forbidden", "only a signed-in user changes a password")
      const user = await c.var.run(Accounts.use((a) => a.findUser(auth.userId!)))
      const credentials = Option.isSome(user)
        ? await c.var.run(Accounts.use((a) => a.credentialsFor(user.value.email)))
        : Option.none()
      if (Option.isNone(credentials) || !(await verifyPassword(currentPassword, credentials.value.passwordHash))) {
        throw new HttpProblem("validation", "the current password is wrong", [
          { path: "currentPassword", ja: "現在のパスワードが違います", en: "the current password is wrong" }
        ])
      }
      const passwordHash = await hashPassword(newPassword)
      await c.var.run(Accounts.use((a) => a.updateUser(auth.audit, auth.userId!, { passwordHash })))
      deleteCookie(c, SESSION_COOKIE, { path: "/" })
      return c.body(null, 204)
    }
  )
