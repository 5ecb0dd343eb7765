import { Clock, Context, Effect, Layer, Schema } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import * as SqlSchema from "effect/sql/SqlSchema"
import { slidingVerdict, windowStarts } from "./slidingWindow.ts"

const Window = Schema.Struct({ key: Schema.String, windowStart: Schema.String, previousStart: Schema.String })
const Counts = Schema.Struct({ count: Schema.Number, previousCount: Schema.Number })

/**
 * Rate-limit counters and locks, kept in the database so that several API processes behind a load
 * balancer share them. Each operation is one atomic statement (upsert … RETURNING), correct under
 * concurrent writers in SQLite and PostgreSQL alike.
 */
export class Coordination extends Context.Service<Coordination>()("@sukoyaka/storage/Coordination", {
  make: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    // One atomic upsert per hit: a new window keeps the old one's count as its previous count
    // when the two are adjacent (SET reads the row as it was before the statement, in both engines).
    const countHit = SqlSchema.findOne({
      Request: Window,
      Result: Counts,
      execute: ({ key, windowStart, previousStart }) =>
        sql`INSERT INTO rate_limits (key, window_start, count, previous_count) VALUES (${key}, ${windowStart}, 1, 0)
          ON CONFLICT (key) DO UPDATE SET
            previous_count = CASE
              WHEN rate_limits.window_start = excluded.window_start THEN rate_limits.previous_count
              WHEN rate_limits.window_start = ${previousStart} THEN rate_limits.count
              ELSE 0 END,
            count = CASE WHEN rate_limits.window_start = excluded.window_start THEN rate_limits.count + 1 ELSE 1 END,
            window_start = excluded.window_start
          RETURNING count, previous_count`
    })
    const isoOf = (millis: number) => new Date(millis).toISOString()

    /** Counts a hit in a sliding window (slidingWindow.ts); allowed while the estimate stays within `limit`. */
    const hit = (key: string, limit: number, windowSeconds: number) =>
      Effect.gen(function* () {
        const now = yield* Clock.currentTimeMillis
        const { start, previousStart } = windowStarts(now, windowSeconds)
        const counts = yield* countHit({ key, windowStart: isoOf(start), previousStart: isoOf(previousStart) })
        return slidingVerdict(counts, now, limit, windowSeconds)
      }).pipe(Effect.orDie, Effect.withSpan("Coordination.hit"))

    /** Takes back one hit of the current window (an attempt that turned out not to count, e.g. a successful sign-in). */
    const giveBack = (key: string, windowSeconds: number) =>
      Effect.gen(function* () {
        const now = yield* Clock.currentTimeMillis
        const windowStart = isoOf(windowStarts(now, windowSeconds).start)
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

    return { hit, giveBack, reset, acquire, release } as const
  })
}) {
  static readonly layer = Layer.effect(this, this.make)
}
