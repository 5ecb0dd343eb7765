import { PgClient } from "@effect/sql-pg"
import { Effect, Layer, Redacted, String as Str } from "effect"
import * as Migrator from "effect/sql/Migrator"
import * as SqlClient from "effect/sql/SqlClient"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { Stamped } from "@sukoyaka/core"
import { databaseLayer } from "./Database.ts"
import type { DatabaseConfig } from "./DatabaseConfig.ts"
import { RepositoriesLive } from "./index.ts"
import { migrations } from "./migrations.ts"
import * as SqliteClient from "./SqliteClient.ts"

/** Facts of the Tomakomai seed that the API and reliability tests rely on. */
export const PLAN = "tomakomai-step3"
export const SEED_YEAR = 2024
/** 健康支援課: the agency of the scoped editor; it answers for rows 58, 85, 86, 88, 89, 91, 96, 97, 98. */
export const OWN_AGENCY = "kenko-shien"
export const OWN_ROWS = [58, 85, 86, 88, 89, 91, 96, 97, 98] as const
/** こども育成課: the other editor's agency (rows 57, 69). */
export const OTHER_AGENCY = "kodomo-ikusei"
export const OTHER_ROW = 57

export type Dialect = "sqlite" | "pg"

export const dialects: ReadonlyArray<Dialect> = ["sqlite", "pg"]

/** The PostgreSQL server the tests use (trust auth on this machine and in CI). */
export const pgAdminUrl = process.env.TEST_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres"

const withAdmin = <A, E>(f: (sql: SqlClient.SqlClient) => Effect.Effect<A, E>) =>
  Effect.flatMap(SqlClient.SqlClient, f).pipe(
    Effect.provide(PgClient.layer({ url: Redacted.make(pgAdminUrl), maxConnections: 1 }))
  )

/**
 * A fresh, empty database for one test file: a temporary SQLite file, or a new PostgreSQL
 * database, dropped (or deleted) when the scope closes.
 */
export const freshDatabase = (dialect: Dialect) =>
  Effect.acquireRelease(
    Effect.gen(function* () {
      if (dialect === "sqlite") {
        const dir = mkdtempSync(join(tmpdir(), "sukoyaka-test-"))
        const config: DatabaseConfig = { _tag: "Sqlite", filename: join(dir, "test.db") }
        return { config, drop: Effect.sync(() => rmSync(dir, { recursive: true, force: true })) }
      }
      const name = `sukoyaka_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`
      yield* Effect.orDie(withAdmin((sql) => sql`CREATE DATABASE ${sql.literal(name)}`))
      const url = new URL(pgAdminUrl)
      url.pathname = `/${name}`
      const config: DatabaseConfig = { _tag: "Pg", url: Redacted.make(url.toString()) }
      return {
        config,
        drop: Effect.orDie(withAdmin((sql) => sql`DROP DATABASE IF EXISTS ${sql.literal(name)} WITH (FORCE)`)).pipe(
          Effect.asVoid
        )
      }
    }),
    ({ drop }) => drop
  ).pipe(Effect.map(({ config }) => config))

/** Repositories over a fresh database of the dialect: what storage-backed tests provide. */
export const testStorageLayer = (dialect: Dialect) =>
  Layer.unwrap(
    Effect.map(freshDatabase(dialect), (config) => RepositoriesLive.pipe(Layer.provideMerge(databaseLayer(config))))
  )

/** A stored thing without when it was stored: what a test compares with the data it wrote. */
export const withoutStamps = <A extends Stamped>({ createdAt: _c, updatedAt: _u, ...rest }: A) => rest

/** A client on the database without the start's migration: to build the database of an older release. */
export const bareClient = (config: DatabaseConfig) => {
  const names = { transformResultNames: Str.snakeToCamel, transformQueryNames: Str.camelToSnake }
  return config._tag === "Sqlite"
    ? SqliteClient.layer({ filename: config.filename, ...names })
    : PgClient.layer({ url: config.url, ...names })
}

/** Migrates a fresh database up to migration `last` only: what an older release left. */
export const migrateThrough = (last: number) =>
  Effect.flatMap(SqlClient.SqlClient, () =>
    Migrator.make({})({
      loader: Effect.map(migrations, (all) => all.filter(([id]) => id <= last)),
      table: "sukoyaka_migrations"
    })
  )
