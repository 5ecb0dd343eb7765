/**
 * The change stamp the API's caches trust instead of querying (ChangeStamp): it must change when
 * another connection — another process — commits, and be unknown (null) whenever it cannot vouch
 * for anything, above all while PostgreSQL's LISTEN connection is down.
 */
import { describe, expect, it } from "@effect/vitest"
import { loadDataset } from "@sukoyaka/data-tomakomai"
import { Effect, Layer, ManagedRuntime } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import {
  ChangeStamp,
  databaseLayer,
  type DatabaseConfig,
  RepositoriesLive,
  Reviews,
  seedDataset
} from "../src/index.ts"
import { dialects, freshDatabase } from "../src/testing.ts"

const dataset = loadDataset()
const key = { planId: dataset.plan.id, initiativeNo: 87, fiscalYear: 2024 }
const storage = (config: DatabaseConfig) => RepositoriesLive.pipe(Layer.provideMerge(databaseLayer(config)))

/** The stamp once it satisfies `ok`, waiting for the listener (PostgreSQL) for at most 10 s. */
const stampWhen = (stamps: ChangeStamp["Service"], ok: (stamp: string | null) => boolean) =>
  Effect.promise(async () => {
    for (let waited = 0; waited < 10_000; waited += 20) {
      await stamps.settle()
      const stamp = stamps.current()
      if (ok(stamp)) return stamp
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    throw new Error(`the stamp never satisfied the condition (last: ${stamps.current()})`)
  })

describe.each(dialects)("the change stamp on %s", (dialect) => {
  it.effect(
    "changes when another connection commits, and stays while nothing is written",
    () =>
      Effect.gen(function* () {
        const config = yield* freshDatabase(dialect)
        const writer = ManagedRuntime.make(storage(config))
        const reader = ManagedRuntime.make(storage(config))
        yield* Effect.addFinalizer(() => Effect.promise(() => Promise.all([writer.dispose(), reader.dispose()])))
        yield* Effect.promise(() => writer.runPromise(seedDataset(dataset)))
        const stamps = yield* Effect.promise(() => reader.runPromise(ChangeStamp.use(Effect.succeed)))
        const before = yield* stampWhen(stamps, (stamp) => stamp !== null)
        // Reads do not move it.
        yield* Effect.promise(() => reader.runPromise(Effect.flatMap(Reviews, (r) => r.get(key))))
        expect(yield* stampWhen(stamps, (stamp) => stamp !== null)).toBe(before)

        const writerStamps = yield* Effect.promise(() => writer.runPromise(ChangeStamp.use(Effect.succeed)))
        const writerBefore = yield* stampWhen(writerStamps, (stamp) => stamp !== null)
        const review = yield* Effect.promise(() => writer.runPromise(Effect.flatMap(Reviews, (r) => r.get(key))))
        yield* Effect.promise(() =>
          writer.runPromise(
            Effect.flatMap(Reviews, (r) =>
              r.update({ id: "w", label: "w" }, key, review.version, { ...review, ratingReason: "moved" })
            )
          )
        )
        // The writer's own stamp has moved once sync() resolves: no waiting, no polling (what the
        // API awaits before answering a write).
        yield* Effect.promise(async () => writerStamps.sync())
        expect(writerStamps.current()).not.toBe(writerBefore)
        expect(writerStamps.current()).not.toBeNull()
        const after = yield* stampWhen(stamps, (stamp) => stamp !== before)
        expect(after).not.toBeNull()
      }).pipe(Effect.scoped),
    60_000
  )
})

describe("the PostgreSQL change stamp", () => {
  it.effect(
    "every table but the sign-in counters notifies its writes (migrations 0012, 0014), and a dropped listener makes the stamp unknown, then new",
    () =>
      Effect.gen(function* () {
        const config = yield* freshDatabase("pg")
        const runtime = ManagedRuntime.make(storage(config))
        yield* Effect.addFinalizer(() => Effect.promise(() => runtime.dispose()))
        const sql = <A extends object>(query: (sql: SqlClient.SqlClient) => Effect.Effect<ReadonlyArray<A>, unknown>) =>
          Effect.promise(() => runtime.runPromise(Effect.orDie(Effect.flatMap(SqlClient.SqlClient, query))))
        const silent = yield* sql<{ tablename: string }>(
          (sql) => sql`SELECT tablename FROM pg_tables t WHERE schemaname = current_schema() AND NOT EXISTS (
            SELECT 1 FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
            WHERE c.relname = t.tablename AND g.tgname = 'sukoyaka_notify_change')`
        )
        expect(silent.map((row) => row.tablename)).toEqual(["rate_limits"])

        const stamps = yield* Effect.promise(() => runtime.runPromise(ChangeStamp.use(Effect.succeed)))
        const listening = yield* stampWhen(stamps, (stamp) => stamp !== null)
        yield* sql(
          (sql) => sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE application_name = 'sukoyaka-changes' AND datname = current_database()`
        )
        // Unknown while it reconnects: the caches query the database, nothing stale is served.
        yield* stampWhen(stamps, (stamp) => stamp === null)
        const again = yield* stampWhen(stamps, (stamp) => stamp !== null)
        expect(again).not.toBe(listening)
      }).pipe(Effect.scoped),
    60_000
  )

  it.effect(
    "a stamp of some tables moves with their writes only (migration 0016), and sync's own notifications move no stamp",
    () =>
      Effect.gen(function* () {
        const config = yield* freshDatabase("pg")
        const runtime = ManagedRuntime.make(storage(config))
        yield* Effect.addFinalizer(() => Effect.promise(() => runtime.dispose()))
        yield* Effect.promise(() => runtime.runPromise(seedDataset(dataset)))
        const stamps = yield* Effect.promise(() => runtime.runPromise(ChangeStamp.use(Effect.succeed)))
        yield* stampWhen(stamps, (stamp) => stamp !== null)
        const tokenTables = ["api_tokens", "users"]
        yield* Effect.promise(async () => stamps.sync())
        const before = {
          all: stamps.current(),
          reviews: stamps.currentOf(["reviews"]),
          tokens: stamps.currentOf(tokenTables)
        }
        expect(before.tokens).not.toBeNull()

        // Nothing written: a sync (a notification of its own) leaves every stamp.
        yield* Effect.promise(async () => stamps.sync())
        expect(stamps.current()).toBe(before.all)
        expect(stamps.currentOf(tokenTables)).toBe(before.tokens)

        const review = yield* Effect.promise(() => runtime.runPromise(Effect.flatMap(Reviews, (r) => r.get(key))))
        yield* Effect.promise(() =>
          runtime.runPromise(
            Effect.flatMap(Reviews, (r) =>
              r.update({ id: "w", label: "w" }, key, review.version, { ...review, ratingReason: "moved" })
            )
          )
        )
        yield* Effect.promise(async () => stamps.sync())
        expect(stamps.current()).not.toBe(before.all)
        expect(stamps.currentOf(["reviews"])).not.toBe(before.reviews)
        expect(stamps.currentOf(tokenTables)).toBe(before.tokens)

        // Any statement on users (even one that changes no row) moves the tokens' stamp.
        yield* Effect.promise(() =>
          runtime.runPromise(
            Effect.orDie(Effect.flatMap(SqlClient.SqlClient, (sql) => sql`UPDATE users SET disabled = 1 WHERE false`))
          )
        )
        yield* Effect.promise(async () => stamps.sync())
        expect(stamps.currentOf(tokenTables)).not.toBe(before.tokens)
      }).pipe(Effect.scoped),
    60_000
  )
})
