import { describe, expect, layer } from "@effect/vitest"
import { Effect, Exit, Fiber, Layer, String as Str } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import { migrate } from "../src/migrations.ts"
import * as SqliteClient from "../src/SqliteClient.ts"
import { freshDatabase } from "../src/testing.ts"

// SqliteClient.withWriteTransaction: the transaction of a review write on SQLite (Reviews.write).
const sqliteLayer = Layer.unwrap(
  Effect.map(freshDatabase("sqlite"), (config) =>
    Layer.effectDiscard(migrate).pipe(
      Layer.provideMerge(
        SqliteClient.layer({
          filename: config._tag === "Sqlite" ? config.filename : ":memory:",
          transformResultNames: Str.snakeToCamel,
          transformQueryNames: Str.camelToSnake
        })
      )
    )
  )
)

const count = Effect.flatMap(SqlClient.SqlClient, (sql) =>
  Effect.map(sql<{ n: number }>`SELECT count(*) AS n FROM audit_log WHERE entity = 'test'`, ([row]) => row!.n)
)
const insert = (action: string) =>
  Effect.flatMap(
    SqlClient.SqlClient,
    (sql) =>
      sql`INSERT INTO audit_log (at, actor_label, entity, entity_key, action) VALUES ('2024-01-01T00:00:00.000Z', 'test', 'test', 'k', ${action})`
  )

describe("a write transaction on SQLite", () => {
  layer(sqliteLayer, { timeout: "30 seconds" })((it) => {
    it.effect("commits what its effect wrote, and rolls it back when the effect fails or dies", () =>
      Effect.gen(function* () {
        const sqlite = yield* SqliteClient.SqliteClient
        const before = yield* count
        yield* sqlite.withWriteTransaction(Effect.andThen(insert("a"), insert("b")))
        expect(yield* count).toBe(before + 2)
        const failed = yield* Effect.exit(sqlite.withWriteTransaction(Effect.andThen(insert("c"), Effect.fail("no"))))
        expect(failed).toStrictEqual(Exit.fail("no"))
        const died = yield* Effect.exit(sqlite.withWriteTransaction(Effect.andThen(insert("d"), Effect.die("boom"))))
        expect(Exit.isFailure(died)).toBe(true)
        expect(yield* count).toBe(before + 2)
        // The connection is left outside any transaction: the next one begins and commits.
        yield* sqlite.withWriteTransaction(insert("e"))
        expect(yield* count).toBe(before + 3)
      })
    )

    it.effect("rolls back when interrupted, and holds the connection until it ends", () =>
      Effect.gen(function* () {
        const sqlite = yield* SqliteClient.SqliteClient
        const before = yield* count
        const fiber = yield* Effect.forkChild(sqlite.withWriteTransaction(Effect.andThen(insert("f"), Effect.never)))
        yield* Effect.yieldNow
        // Another fiber's statement waits for the connection: it never sees the open transaction.
        const reader = yield* Effect.forkChild(count)
        yield* Effect.yieldNow
        expect(reader.pollUnsafe()).toBeUndefined()
        yield* Fiber.interrupt(fiber)
        expect(yield* Fiber.join(reader)).toBe(before)
        expect(yield* count).toBe(before)
      })
    )

    it.effect("inside another transaction is a savepoint of it: rolled back with it", () =>
      Effect.gen(function* () {
        const sql = yield* SqlClient.SqlClient
        const sqlite = yield* SqliteClient.SqliteClient
        const before = yield* count
        const outer = yield* Effect.exit(
          sql.withTransaction(
            Effect.gen(function* () {
              yield* sqlite.withWriteTransaction(insert("g"))
              expect(yield* count).toBe(before + 1)
              return yield* Effect.fail("outer fails")
            })
          )
        )
        expect(outer).toStrictEqual(Exit.fail("outer fails"))
        expect(yield* count).toBe(before)
      })
    )
  })
})
