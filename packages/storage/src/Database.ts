import { SqlClient } from "@effect/sql"
import { PgClient } from "@effect/sql-pg"
import { SqliteClient } from "@effect/sql-sqlite-node"
import { Context, Effect, Layer, String as Str } from "effect"
import { mkdirSync } from "node:fs"
import { dirname } from "node:path"
import { type DatabaseConfig, databaseConfig, describeDatabase } from "./DatabaseConfig.ts"
import { migrate } from "./migrations.ts"

/** Which database this process talks to; the services that differ by dialect read it. */
export class Database extends Context.Tag("@sukoyaka/storage/Database")<
  Database,
  { readonly config: DatabaseConfig; readonly description: string }
>() {}

const names = { transformResultNames: Str.snakeToCamel, transformQueryNames: Str.camelToSnake }

/**
 * SQLite in WAL mode with synchronous=FULL: in WAL, NORMAL may lose the last transactions on power
 * loss, FULL syncs the log at every commit, so an acknowledged write survives a crash. Foreign keys
 * are off by default in SQLite and switched on here. busy_timeout lets the CLI and the API share
 * one file without "database is locked" errors under short contention.
 */
const sqlite = (filename: string) =>
  Layer.effectDiscard(
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      yield* sql`PRAGMA foreign_keys = ON`
      yield* sql`PRAGMA synchronous = FULL`
      yield* sql`PRAGMA busy_timeout = 5000`
    })
  ).pipe(
    Layer.provideMerge(
      Layer.unwrapEffect(
        Effect.sync(() => {
          if (filename !== ":memory:") mkdirSync(dirname(filename), { recursive: true })
          return SqliteClient.layer({ filename, ...names })
        })
      )
    )
  )

const pg = (url: DatabaseConfig & { _tag: "Pg" }) =>
  PgClient.layer({ url: url.url, ...names, maxConnections: 10, applicationName: "sukoyaka" })

/** The SqlClient for a config, migrated to the latest schema before anything uses it. */
export const databaseLayer = (config: DatabaseConfig) => {
  const client = config._tag === "Sqlite" ? sqlite(config.filename) : pg(config)
  const migrated = Layer.effectDiscard(migrate).pipe(Layer.provideMerge(client))
  return Layer.merge(migrated, Layer.succeed(Database, { config, description: describeDatabase(config) }))
}

/** The database the environment names (SUKOYAKA_DB or DATABASE_URL). */
export const databaseLayerFromEnv = Layer.unwrapEffect(Effect.map(databaseConfig, databaseLayer))
