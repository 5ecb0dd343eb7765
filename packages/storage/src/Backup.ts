import { SqliteClient } from "@effect/sql-sqlite-node"
import { Effect, Option, Schema } from "effect"
import { Database } from "./Database.ts"

export class BackupUnsupported extends Schema.TaggedError<BackupUnsupported>()("BackupUnsupported", {
  message: Schema.String
}) {}

/**
 * An online backup of the SQLite database to `destination`, consistent while the API keeps serving
 * (SQLite's backup API copies page by page under the same lock as readers). For PostgreSQL the
 * database server's own tool is the right one: `pg_dump` (see docs/operations.md).
 */
export const backupTo = (destination: string) =>
  Effect.gen(function* () {
    const database = yield* Database
    const client = yield* Effect.serviceOption(SqliteClient.SqliteClient)
    if (database.config._tag !== "Sqlite" || Option.isNone(client)) {
      return yield* new BackupUnsupported({
        message: "PostgreSQL is backed up with pg_dump: pg_dump --format=custom --file=sukoyaka.dump \"$DATABASE_URL\""
      })
    }
    return yield* Effect.orDie(client.value.backup(destination))
  }).pipe(Effect.withSpan("backupTo"))
