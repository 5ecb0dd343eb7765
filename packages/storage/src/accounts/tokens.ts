import { AgencyId, TokenView } from "@sukoyaka/core"
import { Clock, Effect, Option, Schema } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import * as SqlSchema from "effect/sql/SqlSchema"
import { Audit, type AuditActor, nowIso } from "../Audit.ts"
import { ChangeStamp } from "../ChangeStamp.ts"
import { makeTokenCache } from "../tokenCache.ts"

/** An API token as the API shows it: the core representation, without its hash. */
export const ApiToken = TokenView
export type ApiToken = typeof ApiToken.Type

/** How precisely a token's last use is kept (see activeToken). */
const LAST_USED_RESOLUTION_MS = 60_000
/**
 * While the database has no change stamp (PostgreSQL's listener not connected), how long a checked
 * token is trusted without asking again: 0, asked on every request, so that a token revoked or
 * expired by another process is refused at once there too.
 */
export const TOKEN_RECHECK_MS = 0

/**
 * What a token's validity is read from (activeRow): a cached token is trusted while neither table
 * was written, whatever else was (a saved review does not make every request ask again).
 */
const TOKEN_TABLES = ["api_tokens", "users"] as const

const TokenRow = Schema.Struct({ ...ApiToken.fields, agencies: Schema.fromJsonString(Schema.Array(AgencyId)) })

/**
 * API tokens, stored as the SHA-256 of a high-entropy secret that is shown once. `invalidate`
 * forgets every token checked so far (a revocation, a change of the user who created one).
 */
export const makeTokens = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const audit = yield* Audit
  const changes = yield* ChangeStamp
  const tokens = makeTokenCache<ApiToken>({
    recheckMs: TOKEN_RECHECK_MS,
    lastUsedResolutionMs: LAST_USED_RESOLUTION_MS,
    capacity: 1_000
  })
  // A token dies with its creator's account: a disabled user's tokens are refused too.
  const activeRow = SqlSchema.findOneOption({
    Request: Schema.Struct({ tokenHash: Schema.String, now: Schema.String }),
    Result: TokenRow,
    execute: ({ tokenHash, now }) => sql`SELECT * FROM api_tokens WHERE token_hash = ${tokenHash} AND revoked_at IS NULL
      AND (expires_at IS NULL OR expires_at > ${now})
      AND NOT EXISTS (SELECT 1 FROM users WHERE users.id = api_tokens.created_by AND users.disabled <> 0)`
  })
  const allRows = SqlSchema.findAll({
    Request: Schema.Void,
    Result: TokenRow,
    execute: () => sql`SELECT * FROM api_tokens ORDER BY created_at`
  })

  const createToken = (
    actor: AuditActor,
    token: Omit<ApiToken, "createdAt" | "revokedAt" | "lastUsedAt"> & { readonly tokenHash: string }
  ) =>
    sql
      .withTransaction(
        Effect.gen(function* () {
          const createdAt = yield* nowIso
          yield* sql`INSERT INTO api_tokens ${sql.insert({ ...token, agencies: JSON.stringify(token.agencies), createdAt, revokedAt: null, lastUsedAt: null })}`
          const { tokenHash: _hash, ...visible } = token
          const created: ApiToken = { ...visible, createdAt, revokedAt: null, lastUsedAt: null }
          yield* audit.record({
            actor,
            planId: null,
            entity: "apiToken",
            entityKey: token.id,
            action: "create",
            before: null,
            after: created
          })
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
      const found = yield* activeRow({ tokenHash, now })
      if (Option.isNone(found)) return found
      const token = found.value
      if (token.lastUsedAt === null || token.lastUsedAt < new Date(millis - LAST_USED_RESOLUTION_MS).toISOString()) {
        yield* sql`UPDATE api_tokens SET last_used_at = ${now} WHERE id = ${token.id}`
        return Option.some({ ...token, lastUsedAt: now })
      }
      return found
    }).pipe(Effect.orDie, Effect.withSpan("Accounts.activeToken"))

  const activeToken = (tokenHash: string) =>
    Effect.flatMap(Clock.currentTimeMillis, (millis) => {
      // Read before the query (ChangeStamp): a commit in between makes the next request ask again.
      const stamp = changes.currentOf(TOKEN_TABLES)
      const cached = tokens.get(tokenHash, stamp, millis)
      if (cached !== undefined) return Effect.succeed(Option.some(cached))
      const generation = tokens.generation()
      return Effect.tap(loadActiveToken(tokenHash, millis), (found) =>
        Effect.sync(() => {
          if (Option.isSome(found)) tokens.set(tokenHash, found.value, { stamp, at: millis, generation })
        })
      )
    })

  /**
   * activeToken's answer from memory, without running an Effect: the token when its cache entry
   * can be trusted now, undefined when the database must be asked (activeToken). `stamp` is the
   * change stamp the caller read for its request (the API reads it once per request, for this and
   * the view cache: on SQLite each read is a query); read here when not given.
   */
  const cachedToken = (tokenHash: string, stamp?: string | null): ApiToken | undefined =>
    tokens.get(tokenHash, changes.currentOf(TOKEN_TABLES, stamp), Date.now())

  const listTokens: Effect.Effect<ReadonlyArray<ApiToken>> = allRows(undefined).pipe(
    Effect.orDie,
    Effect.withSpan("Accounts.listTokens")
  )

  const revokeToken = (actor: AuditActor, id: string) =>
    sql
      .withTransaction(
        Effect.gen(function* () {
          const now = yield* nowIso
          const revoked =
            yield* sql`UPDATE api_tokens SET revoked_at = ${now} WHERE id = ${id} AND revoked_at IS NULL RETURNING id`
          if (revoked.length > 0) {
            yield* audit.record({
              actor,
              planId: null,
              entity: "apiToken",
              entityKey: id,
              action: "revoke",
              before: null,
              after: { revokedAt: now }
            })
          }
          return revoked.length > 0
        })
      )
      // After the commit (and on failure too): a token loaded meanwhile is not kept either.
      .pipe(Effect.ensuring(Effect.sync(tokens.invalidate)), Effect.orDie, Effect.withSpan("Accounts.revokeToken"))

  return {
    createToken,
    activeToken,
    cachedToken,
    listTokens,
    revokeToken,
    invalidate: Effect.sync(tokens.invalidate)
  } as const
})
