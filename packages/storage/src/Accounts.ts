import { SqlClient } from "@effect/sql"
import { AgencyId, answersWith, type Role, TokenView, UserView } from "@sukoyaka/core"
import { Clock, Effect, Option, Schema } from "effect"
import { Audit, type AuditActor, nowIso } from "./Audit.ts"
import { ChangeStamp } from "./ChangeStamp.ts"
import { makeTokenCache } from "./tokenCache.ts"

/** Users and tokens as the API shows them: the core representations, without secrets. */
export const User = UserView
export type User = typeof User.Type

const UserRow = Schema.Struct({
  ...User.fields,
  agencies: Schema.parseJson(Schema.Array(AgencyId)),
  disabled: Schema.Union(Schema.Boolean, Schema.transform(Schema.Number, Schema.Boolean, { decode: (n) => n !== 0, encode: (b) => (b ? 1 : 0) })),
  passwordHash: Schema.String
})

export const ApiToken = TokenView

/** How precisely a token's last use is kept (see activeToken). */
const LAST_USED_RESOLUTION_MS = 60_000
/**
 * Where the database has no change stamp (PostgreSQL), how long a checked token is trusted without
 * asking again: 0, asked on every request, so that a token revoked or expired by another process is
 * refused at once there too. Raising it trades that promise for one query less per request.
 */
export const TOKEN_RECHECK_MS = 0
export type ApiToken = typeof ApiToken.Type

const TokenRow = Schema.Struct({ ...ApiToken.fields, agencies: Schema.parseJson(Schema.Array(AgencyId)) })

export class EmailTaken extends Schema.TaggedError<EmailTaken>()("EmailTaken", { email: Schema.String }, answersWith(409)) {}

/** The change would leave nobody who can administer: no enabled admin but the one changed. */
export class LastAdmin extends Schema.TaggedError<LastAdmin>()("LastAdmin", { userId: Schema.String }, answersWith(409, "lastAdmin")) {
  override get message() {
    return "this is the last enabled admin: make another user admin first"
  }
}

export interface NewUser {
  readonly id: string
  readonly email: string
  readonly displayName: string
  readonly role: Role
  readonly agencies: ReadonlyArray<AgencyId>
  readonly passwordHash: string
}

const publicUser = ({ passwordHash: _hash, ...user }: typeof UserRow.Type): User => user

/**
 * Users, API tokens and sessions. Only hashes are stored: passwords as argon2id (hashed by the
 * caller), tokens and session ids as SHA-256 of high-entropy secrets that are shown once.
 */
export class Accounts extends Effect.Service<Accounts>()("@sukoyaka/storage/Accounts", {
  effect: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const audit = yield* Audit
    const changes = yield* ChangeStamp
    const tokens = makeTokenCache<ApiToken>({ recheckMs: TOKEN_RECHECK_MS, lastUsedResolutionMs: LAST_USED_RESOLUTION_MS, capacity: 1_000 })
    const decodeUsers = Schema.decodeUnknown(Schema.Array(UserRow))
    const decodeTokens = Schema.decodeUnknown(Schema.Array(TokenRow))

    const userBy = (column: "id" | "email", value: string) =>
      Effect.gen(function* () {
        const rows = yield* sql`SELECT * FROM users WHERE ${sql(column)} = ${value}`
        return Option.fromNullable((yield* decodeUsers(rows))[0])
      }).pipe(Effect.orDie)

    const createUser = (actor: AuditActor, user: NewUser) =>
      sql
        .withTransaction(
          Effect.gen(function* () {
            if (Option.isSome(yield* userBy("email", user.email))) return yield* new EmailTaken({ email: user.email })
            const at = yield* nowIso
            yield* sql`INSERT INTO users ${sql.insert({ ...user, agencies: JSON.stringify(user.agencies), disabled: 0, createdAt: at, updatedAt: at })}`
            const created: User = { id: user.id, email: user.email, displayName: user.displayName, role: user.role, agencies: user.agencies, disabled: false }
            yield* audit.record({ actor, planId: null, entity: "user", entityKey: user.id, action: "create", before: null, after: created })
            return created
          })
        )
        .pipe(Effect.catchTag("SqlError", Effect.die), Effect.withSpan("Accounts.createUser"))

    const listUsers = Effect.gen(function* () {
      return (yield* decodeUsers(yield* sql`SELECT * FROM users ORDER BY email`)).map(publicUser)
    }).pipe(Effect.orDie, Effect.withSpan("Accounts.listUsers"))

    const findUser = (id: string) => Effect.map(userBy("id", id), Option.map(publicUser))

    /** The user and the stored hash, for sign-in only. */
    const credentialsFor = (email: string) => userBy("email", email)

    const updateUser = (
      actor: AuditActor,
      id: string,
      requested: { readonly [K in "displayName" | "role" | "agencies" | "disabled"]?: User[K] | undefined } & { readonly passwordHash?: string | undefined }
    ) =>
      sql
        .withTransaction(
          Effect.gen(function* () {
            const changes = Object.fromEntries(Object.entries(requested).filter(([, value]) => value !== undefined)) as Partial<
              Pick<typeof UserRow.Type, "displayName" | "role" | "agencies" | "disabled" | "passwordHash">
            >
            const current = yield* userBy("id", id)
            if (Option.isNone(current)) return Option.none<User>()
            const next = { ...current.value, ...changes }
            const wasAdmin = current.value.role === "admin" && !current.value.disabled
            if (wasAdmin && (next.role !== "admin" || next.disabled)) {
              // PostgreSQL locks every enabled admin's row, in one order, so that two admins demoting
              // each other at once queue up instead of both seeing the other still there (or
              // deadlocking); the second then re-reads the rows and finds itself the last one.
              // SQLite has one writer anyway.
              const admins = yield* sql.onDialectOrElse({
                pg: () => sql<{ id: string }>`SELECT id FROM users WHERE role = 'admin' AND disabled = 0 ORDER BY id FOR UPDATE`,
                orElse: () => sql<{ id: string }>`SELECT id FROM users WHERE role = 'admin' AND disabled = 0`
              })
              const others = admins.filter((admin) => admin.id !== id)
              if (others.length === 0) return yield* new LastAdmin({ userId: id })
            }
            yield* sql`UPDATE users SET ${sql.update({
              displayName: next.displayName,
              role: next.role,
              agencies: JSON.stringify(next.agencies),
              disabled: next.disabled ? 1 : 0,
              passwordHash: next.passwordHash,
              updatedAt: yield* nowIso
            })} WHERE id = ${id}`
            // The audit keeps that a password changed, never the hash.
            const { passwordHash: _h, ...visible } = changes
            yield* audit.record({
              actor,
              planId: null,
              entity: "user",
              entityKey: id,
              action: changes.passwordHash !== undefined ? "passwordChange" : "update",
              before: publicUser(current.value),
              after: { ...publicUser(next), ...visible }
            })
            if (changes.disabled === true || changes.passwordHash !== undefined) {
              yield* sql`DELETE FROM sessions WHERE user_id = ${id}`
            }
            return Option.some(publicUser(next))
          })
        )
        // A user's change may matter to the tokens they created: forget them all, it is rare.
        .pipe(Effect.ensuring(Effect.sync(tokens.invalidate)), Effect.catchTag("SqlError", Effect.die), Effect.withSpan("Accounts.updateUser"))

    const createToken = (actor: AuditActor, token: Omit<ApiToken, "createdAt" | "revokedAt" | "lastUsedAt"> & { readonly tokenHash: string }) =>
      sql
        .withTransaction(
          Effect.gen(function* () {
            const createdAt = yield* nowIso
            yield* sql`INSERT INTO api_tokens ${sql.insert({ ...token, agencies: JSON.stringify(token.agencies), createdAt, revokedAt: null, lastUsedAt: null })}`
            const { tokenHash: _hash, ...visible } = token
            const created: ApiToken = { ...visible, createdAt, revokedAt: null, lastUsedAt: null }
            yield* audit.record({ actor, planId: null, entity: "apiToken", entityKey: token.id, action: "create", before: null, after: created })
            return created
          })
        )
        .pipe(Effect.orDie, Effect.withSpan("Accounts.createToken"))

    /**
     * A token that is neither revoked nor expired, by the hash of what the client sent. Its last use
     * is recorded to the minute: writing it on every request made each read a durable write (an
     * fsync on SQLite), which capped the API's read throughput (bench/, docs/performance.md).
     * A token checked a moment ago is answered from memory while nothing could have revoked it
     * (tokenCache.ts): the query, its decoding and its span were most of a cached read's cost.
     */
    const loadActiveToken = (tokenHash: string, millis: number) =>
      Effect.gen(function* () {
        const now = new Date(millis).toISOString()
        // A token dies with its creator's account: a disabled user's tokens are refused too.
        const rows = yield* sql`SELECT * FROM api_tokens WHERE token_hash = ${tokenHash} AND revoked_at IS NULL
          AND (expires_at IS NULL OR expires_at > ${now})
          AND NOT EXISTS (SELECT 1 FROM users WHERE users.id = api_tokens.created_by AND users.disabled <> 0)`
        const token = (yield* decodeTokens(rows))[0]
        if (token && (token.lastUsedAt === null || token.lastUsedAt < new Date(millis - LAST_USED_RESOLUTION_MS).toISOString())) {
          yield* sql`UPDATE api_tokens SET last_used_at = ${now} WHERE id = ${token.id}`
          return Option.some({ ...token, lastUsedAt: now })
        }
        return Option.fromNullable(token)
      }).pipe(Effect.orDie, Effect.withSpan("Accounts.activeToken"))

    const activeToken = (tokenHash: string) =>
      Effect.flatMap(Clock.currentTimeMillis, (millis) => {
        // Read before the query (ChangeStamp): a commit in between makes the next request ask again.
        const stamp = changes.current()
        const cached = tokens.get(tokenHash, stamp, millis)
        if (cached !== undefined) return Effect.succeed(Option.some(cached))
        const generation = tokens.generation()
        return Effect.tap(loadActiveToken(tokenHash, millis), (found) => {
          if (Option.isSome(found)) tokens.set(tokenHash, found.value, { stamp, at: millis, generation })
        })
      })

    /**
     * activeToken's answer from memory, without running an Effect: the token when its cache entry
     * can be trusted now, undefined when the database must be asked (activeToken).
     */
    const cachedToken = (tokenHash: string): ApiToken | undefined => tokens.get(tokenHash, changes.current(), Date.now())

    const listTokens = Effect.gen(function* () {
      return yield* decodeTokens(yield* sql`SELECT * FROM api_tokens ORDER BY created_at`)
    }).pipe(Effect.orDie, Effect.withSpan("Accounts.listTokens"))

    const revokeToken = (actor: AuditActor, id: string) =>
      sql
        .withTransaction(
          Effect.gen(function* () {
            const now = yield* nowIso
            const revoked = yield* sql`UPDATE api_tokens SET revoked_at = ${now} WHERE id = ${id} AND revoked_at IS NULL RETURNING id`
            if (revoked.length > 0) {
              yield* audit.record({ actor, planId: null, entity: "apiToken", entityKey: id, action: "revoke", before: null, after: { revokedAt: now } })
            }
            return revoked.length > 0
          })
        )
        // After the commit (and on failure too): a token loaded meanwhile is not kept either.
        .pipe(Effect.ensuring(Effect.sync(tokens.invalidate)), Effect.orDie, Effect.withSpan("Accounts.revokeToken"))

    const createSession = (session: { readonly idHash: string; readonly userId: string; readonly csrfToken: string; readonly expiresAt: string }) =>
      Effect.gen(function* () {
        yield* sql`INSERT INTO sessions ${sql.insert({ ...session, createdAt: yield* nowIso })}`
      }).pipe(Effect.orDie, Effect.withSpan("Accounts.createSession"))

    /** The session's user if the session is live and the user enabled. */
    const sessionUser = (idHash: string) =>
      Effect.gen(function* () {
        const now = yield* nowIso
        const rows = yield* sql<{ userId: string; csrfToken: string }>`SELECT user_id, csrf_token FROM sessions WHERE id_hash = ${idHash} AND expires_at > ${now}`
        const session = rows[0]
        if (!session) return Option.none()
        const user = yield* findUser(session.userId)
        return Option.filter(user, (u) => !u.disabled).pipe(Option.map((u) => ({ user: u, csrfToken: session.csrfToken })))
      }).pipe(Effect.orDie, Effect.withSpan("Accounts.sessionUser"))

    const deleteSession = (idHash: string) => Effect.orDie(sql`DELETE FROM sessions WHERE id_hash = ${idHash}`).pipe(Effect.asVoid)

    return {
      createUser,
      listUsers,
      findUser,
      credentialsFor,
      updateUser,
      createToken,
      activeToken,
      cachedToken,
      listTokens,
      revokeToken,
      createSession,
      sessionUser,
      deleteSession
    } as const
  }),
  dependencies: [Audit.Default, ChangeStamp.Default]
}) {}
