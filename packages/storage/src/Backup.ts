import Sqlite from "better-sqlite3"
import { Effect, Option, Predicate, Schema } from "effect"
import { existsSync, rmSync } from "node:fs"
import { Database } from "./Database.ts"
import { SqliteClient } from "./SqliteClient.ts"

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
    const client = yield* Effect.serviceOption(SqliteClient)
    if (database.config._tag !== "Sqlite" || Option.isNone(client)) {
      return yield* new BackupUnsupported({
        message: 'PostgreSQL is backed up with pg_dump: pg_dump --format=custom --file=sukoyaka.dump "$DATABASE_URL"'
      })
    }
    return yield* Effect.orDie(client.value.backup(destination))
  }).pipe(Effect.withSpan("backupTo"))

/** Another process has the SQLite file open (a running API, the dashboard, another command). */
export class DatabaseInUse extends Schema.TaggedError<DatabaseInUse>()("DatabaseInUse", {
  filename: Schema.String
}) {
  override get message(): string {
    return `the database ${this.filename} is in use by another process`
  }
}

export interface RestoredSqlite {
  /** The database as it was before, copied with SQLite's backup API; null when there was none. */
  readonly safetyCopy: string | null
}

const isBusy = (error: unknown) =>
  Predicate.hasProperty(error, "code") && /^SQLITE_(BUSY|LOCKED)/.test(String(error.code))

/**
 * Takes the file for this process alone, or fails with DatabaseInUse. Every open connection to a
 * database in WAL mode holds a shared lock on it for its whole life — an idle API included — so
 * an exclusive lock is granted only when no other process has the file open; the OS releases it
 * when a process dies, so a crashed API does not keep it. locking_mode=EXCLUSIVE keeps the lock
 * after the probing transaction, until the connection closes.
 */
const takeExclusively = (filename: string) =>
  Effect.acquireRelease(
    Effect.suspend(() => {
      const db = new Sqlite(filename, { timeout: 0, fileMustExist: true })
      try {
        db.pragma("locking_mode = EXCLUSIVE")
        db.exec("BEGIN EXCLUSIVE")
        db.exec("COMMIT")
        return Effect.succeed(db)
      } catch (error) {
        db.close()
        return isBusy(error) ? Effect.fail(new DatabaseInUse({ filename })) : Effect.die(error)
      }
    }),
    (db) => Effect.sync(() => db.close())
  )

const removeDatabaseFiles = (filename: string) => {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${filename}${suffix}`, { force: true })
}

/**
 * Restores a SQLite backup over `target`, refusing (DatabaseInUse) while any other process has the
 * target open: a running API kept writing to the replaced file before, and acknowledged writes
 * vanished. The current database is first copied with SQLite's backup API, which reads through
 * the WAL (a plain copy of the main file lost what the WAL held), then the backup is copied into
 * the target with the same API: in place, in one transaction, so the file keeps its identity and a
 * failure halfway leaves it as it was.
 */
export const restoreSqlite = (source: string, target: string, now: Date = new Date()) =>
  Effect.gen(function* () {
    let safetyCopy: string | null = null
    if (existsSync(target)) {
      safetyCopy = `${target}.before-restore-${now.toISOString().replace(/[:.]/g, "-")}`
      const copy = safetyCopy
      yield* Effect.scoped(
        Effect.gen(function* () {
          const current = yield* takeExclusively(target)
          removeDatabaseFiles(copy)
          yield* Effect.promise(() => current.backup(copy))
        })
      )
    }
    yield* Effect.acquireUseRelease(
      Effect.sync(() => new Sqlite(source, { readonly: true, fileMustExist: true })),
      (backup) => Effect.promise(() => backup.backup(target)),
      (backup) => Effect.sync(() => backup.close())
    )
    return { safetyCopy } satisfies RestoredSqlite
  }).pipe(Effect.withSpan("restoreSqlite"))
