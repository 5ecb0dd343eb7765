import { describe, expect, it } from "@effect/vitest"
import { StaleVersion } from "@sukoyaka/core"
import { loadDataset } from "@sukoyaka/data-tomakomai"
import { Effect, Layer, ManagedRuntime, Result } from "effect"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import {
  Audit,
  backupTo,
  databaseLayer,
  type DatabaseConfig,
  RepositoriesLive,
  Reviews,
  seedDataset
} from "../src/index.ts"
import { dialects, freshDatabase, withoutStamps } from "../src/testing.ts"

const dataset = loadDataset()
const key = { planId: dataset.plan.id, initiativeNo: 87, fiscalYear: 2024 }
const storage = (config: DatabaseConfig) => RepositoriesLive.pipe(Layer.provideMerge(databaseLayer(config)))

describe.each(dialects)("two connections on %s", (dialect) => {
  it.effect(
    "a stale write is refused and nothing is lost",
    () =>
      Effect.gen(function* () {
        const config = yield* freshDatabase(dialect)
        // Two runtimes, two connections (pools), as two API processes would have.
        const first = ManagedRuntime.make(storage(config))
        const second = ManagedRuntime.make(storage(config))
        yield* Effect.addFinalizer(() => Effect.promise(() => Promise.all([first.dispose(), second.dispose()])))
        const run = <A, E>(runtime: typeof first, effect: Effect.Effect<A, E, Reviews | Audit>) =>
          Effect.promise(() => runtime.runPromise(Effect.result(effect)))

        yield* Effect.promise(() => first.runPromise(seedDataset(dataset)))
        const readByFirst = yield* Effect.promise(() => first.runPromise(Effect.flatMap(Reviews, (r) => r.get(key))))
        const readBySecond = yield* Effect.promise(() => second.runPromise(Effect.flatMap(Reviews, (r) => r.get(key))))
        expect(readBySecond.version).toBe(readByFirst.version)

        const alice = { id: "alice", label: "alice" }
        const bob = { id: "bob", label: "bob" }
        const saved = yield* run(
          first,
          Effect.flatMap(Reviews, (r) =>
            r.update(alice, key, readByFirst.version, { ...readByFirst, ratingReason: "alice's reason" })
          )
        )
        expect(Result.isSuccess(saved)).toBe(true)
        const refused = yield* run(
          second,
          Effect.flatMap(Reviews, (r) =>
            r.update(bob, key, readBySecond.version, { ...readBySecond, ratingReason: "bob's reason" })
          )
        )
        expect(Result.isFailure(refused) && refused.failure).toBeInstanceOf(StaleVersion)

        const final = yield* Effect.promise(() => second.runPromise(Effect.flatMap(Reviews, (r) => r.get(key))))
        expect(final.ratingReason).toBe("alice's reason")
        const updates = yield* Effect.promise(() =>
          second.runPromise(
            Effect.flatMap(Audit, (a) => a.list({ entity: "review", entityKey: `${key.planId}/87/2024` }))
          )
        )
        expect(updates.filter((entry) => entry.action === "update").map((entry) => entry.actorId)).toEqual(["alice"])

        // Racing writers with the same version: exactly one wins, every other gets StaleVersion.
        const base = final.version
        const results = yield* Effect.all(
          Array.from({ length: 10 }, (_, i) =>
            run(
              i % 2 === 0 ? first : second,
              Effect.flatMap(Reviews, (r) =>
                r.update({ id: `w${i}`, label: `w${i}` }, key, base, { ...final, ratingReason: `writer ${i}` })
              )
            )
          ),
          { concurrency: "unbounded" }
        )
        expect(results.filter(Result.isSuccess)).toHaveLength(1)
        expect(results.filter(Result.isFailure).every((result) => result.failure instanceof StaleVersion)).toBe(true)
        const winner = results.find(Result.isSuccess)!.success
        expect(
          (yield* Effect.promise(() => first.runPromise(Effect.flatMap(Reviews, (r) => r.get(key))))).ratingReason
        ).toBe(winner.ratingReason)
      }),
    60_000
  )
})

describe("SQLite backup", () => {
  it.effect(
    "copies the live database to a file that opens with every review",
    () =>
      Effect.gen(function* () {
        const config = yield* freshDatabase("sqlite")
        const live = ManagedRuntime.make(storage(config))
        yield* Effect.addFinalizer(() => Effect.promise(() => live.dispose()))
        yield* Effect.promise(() => live.runPromise(seedDataset(dataset)))
        const target = join(mkdtempSync(join(tmpdir(), "sukoyaka-backup-")), "backup.db")
        yield* Effect.promise(() => live.runPromise(backupTo(target)))
        const restored = ManagedRuntime.make(storage({ _tag: "Sqlite", filename: target }))
        yield* Effect.addFinalizer(() => Effect.promise(() => restored.dispose()))
        const reviews = yield* Effect.promise(() =>
          restored.runPromise(Effect.flatMap(Reviews, (r) => r.listByYear(dataset.plan.id, 2024)))
        )
        expect(reviews.map(withoutStamps)).toEqual(dataset.reviews)
      }),
    60_000
  )
})
