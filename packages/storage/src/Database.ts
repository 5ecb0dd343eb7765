import { PgClient } from "@effect/sql-pg"
import { Context, Effect, Layer, String as Str } from "effect"
import { mkdirSync } from "node:fs"
import { dirname } from "node:path"
import { type DatabaseConfig, databaseConfig, describeDatabase } from "./DatabaseConfig.ts"
import { migrate } from "./migrations.ts"
import * as SqliteClient from "./SqliteClient.ts"

/** Which database this process talks to; the services that differ by dialect read it. */
export class Database extends Context.Service<
  Database,
  { readonly config: DatabaseConfig; readonly description: string }
>()("@sukoyaka/storage/Database") {}

const names = { transformResultNames: Str.snakeToCamel, transformQueryNames: Str.camelToSnake }

/**
 * SQLite in WAL mode with synchronous=FULL: in WAL, NORMAL may lose the last transactions on power
 * loss, FULL syncs the log at every commit, so an acknowledged write survives a crash. Foreign keys
 * are off by default in SQLite and switched on here. The 5 s busy timeout lets the CLI and the API
 * share one file without "database is locked" errors under short contention. All are set as the
 * connection opens, before any statement of ours runs on it.
 */
const sqlite = (filename: string) =>
  Layer.unwrap(
    Effect.sync(() => {
      if (filename !== ":memory:") mkdirSync(dirname(filename), { recursive: true })
      return SqliteClient.layer({
        filename,
        ...names,
        busyTimeoutMs: 5000,
        pragmas: ["foreign_keys = ON", "synchronous = FULL"]
      })
    })
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
export const databaseLayerFromEnv = Layer.unwrap(Effect.map(databaseConfig, databaseLayer))
