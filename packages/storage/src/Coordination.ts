import { Clock, Context, Effect, Layer, Option, Schema } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import * as SqlSchema from "effect/sql/SqlSchema"

const Window = Schema.Struct({ key: Schema.String, windowStart: Schema.String })
const CountRow = Schema.Struct({ count: Schema.Number })

/**
 * Rate-limit counters and locks, kept in the database so that several API processes behind a load
 * balancer share them. Each operation is one atomic statement (upsert … RETURNING), correct under
 * concurrent writers in SQLite and PostgreSQL alike.
 */
export class Coordination extends Context.Service<Coordination>()("@sukoyaka/storage/Coordination", {
  make: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const countHit = SqlSchema.findOneOption({
      Request: Window,
      Result: CountRow,
      execute: ({
        key,
        windowStart
      }) => sql`INSERT INTO rate_limits (key, window_start, count) VALUES (${key}, ${windowStart}, 1)
          ON CONFLICT (key) DO UPDATE SET
            count = CASE WHEN rate_limits.window_start = excluded.window_start THEN rate_limits.count + 1 ELSE 1 END,
            window_start = excluded.window_start
          RETURNING count`
    })
    const countOf = SqlSchema.findOneOption({
      Request: Window,
      Result: CountRow,
      execute: ({ key, windowStart }) =>
        sql`SELECT count FROM rate_limits WHERE key = ${key} AND window_start = ${windowStart}`
    })
    const countOr = (fallback: number) =>
      Option.match({ onNone: () => fallback, onSome: (row: typeof CountRow.Type) => row.count })

    /** Counts a hit in a fixed window; allowed while the count stays within `limit`. */
    const hit = (key: string, limit: number, windowSeconds: number) =>
      Effect.gen(function* () {
        const now = yield* Clock.currentTimeMillis
        const windowStart = new Date(Math.floor(now / (windowSeconds * 1000)) * windowSeconds * 1000).toISOString()
        const count = countOr(1)(yield* countHit({ key, windowStart }))
        const resetAt = Date.parse(windowStart) + windowSeconds * 1000
        return {
          allowed: count <= limit,
          count,
          remaining: Math.max(0, limit - count),
          retryAfterSeconds: Math.ceil((resetAt - now) / 1000)
        }
      }).pipe(Effect.orDie, Effect.withSpan("Coordination.hit"))

    /** The count of the current window without adding to it (0 when the window has moved on). */
    const peek = (key: string, windowSeconds: number) =>
      Effect.gen(function* () {
        const now = yield* Clock.currentTimeMillis
        const windowStart = new Date(Math.floor(now / (windowSeconds * 1000)) * windowSeconds * 1000).toISOString()
        const count = countOr(0)(yield* countOf({ key, windowStart }))
        return { count, retryAfterSeconds: Math.ceil((Date.parse(windowStart) + windowSeconds * 1000 - now) / 1000) }
      }).pipe(Effect.orDie, Effect.withSpan("Coordination.peek"))

    /** Takes back one hit of the current window (an attempt that turned out not to count, e.g. a successful sign-in). */
    const giveBack = (key: string, windowSeconds: number) =>
      Effect.gen(function* () {
        const now = yield* Clock.currentTimeMillis
        const windowStart = new Date(Math.floor(now / (windowSeconds * 1000)) * windowSeconds * 1000).toISOString()
        yield* sql`UPDATE rate_limits SET count = count - 1 WHERE key = ${key} AND window_start = ${windowStart} AND count > 0`
      }).pipe(Effect.orDie, Effect.withSpan("Coordination.giveBack"))

    const reset = (key: string) => Effect.orDie(sql`DELETE FROM rate_limits WHERE key = ${key}`).pipe(Effect.asVoid)

    /** Takes the named lock for `ttlSeconds` unless someone else holds it unexpired. */
    const acquire = (name: string, holder: string, ttlSeconds: number) =>
      Effect.gen(function* () {
        const now = yield* Clock.currentTimeMillis
        const rows = yield* sql`INSERT INTO locks (name, holder, expires_at)
          VALUES (${name}, ${holder}, ${new Date(now + ttlSeconds * 1000).toISOString()})
          ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
            WHERE locks.expires_at < ${new Date(now).toISOString()} OR locks.holder = excluded.holder
          RETURNING holder`
        return rows.length > 0
      }).pipe(Effect.orDie, Effect.withSpan("Coordination.acquire"))

    const release = (name: string, holder: string) =>
      Effect.orDie(sql`DELETE FROM locks WHERE name = ${name} AND holder = ${holder}`).pipe(Effect.asVoid)

    return { hit, peek, giveBack, reset, acquire, release } as const
  })
}) {
  static readonly layer = Layer.effect(this, this.make)
}
