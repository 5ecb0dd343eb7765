import { Console, Effect } from "effect"
import * as Argument from "effect/cli/Argument"
import * as Command from "effect/cli/Command"
import { existsSync } from "node:fs"
import { resolve } from "node:path"
import { badInput, CliError } from "../CliError.ts"
import { app, dataset, storage, withStorage } from "../lazy.ts"

const migrate = Command.make("migrate", {}, () =>
  Effect.gen(function* () {
    const database = yield* (yield* storage).Database
    yield* Console.log(`migrated: ${database.description}`)
  }).pipe(withStorage)
).pipe(Command.withDescription("apply pending migrations (also done at every start)"))

const seed = Command.make("seed", {}, () =>
  Effect.gen(function* () {
    const { seedPlan } = yield* app
    const { loadDataset } = yield* dataset
    const result = yield* seedPlan(loadDataset())
    yield* Console.log(
      result._tag === "Seeded"
        ? `seeded the Tomakomai plan: ${result.initiatives} initiatives, ${result.reviews} reviews`
        : "the plan is already there: nothing changed"
    )
  }).pipe(withStorage)
).pipe(Command.withDescription("seed the Tomakomai plan into an empty database (idempotent, never overwrites)"))

// A backup never overwrites: the file must be new.
const newFile = Argument.File("file").pipe(
  Argument.withDescription("the backup file to write (must not exist)"),
  Argument.filter(
    (file) => !existsSync(file),
    () => "a file that does not exist yet (a backup never overwrites)"
  )
)

const backup = Command.make("backup", { file: newFile }, ({ file }) =>
  Effect.gen(function* () {
    const { backupTo } = yield* storage
    const target = resolve(file)
    const result = yield* backupTo(target).pipe(
      Effect.catchTag("BackupUnsupported", (e) => Effect.fail(badInput(e.message)))
    )
    yield* Console.log(`backup written: ${target} (${result.totalPages} pages)`)
  }).pipe(withStorage)
).pipe(Command.withDescription("online backup of the SQLite database to a new file (PostgreSQL: use pg_dump)"))

/**
 * Restores a backup over the SQLite file. The backup is opened and checked first (it must hold
 * Sukoyaka's schema); then the restore refuses while any other process (a running API) has the
 * database open, copies the current database aside with SQLite's backup API, and copies the
 * backup in (restoreSqlite in @sukoyaka/storage).
 */
const restore = Command.make(
  "restore",
  { file: Argument.File("file", { mustExist: true }).pipe(Argument.withDescription("the backup to restore")) },
  ({ file }) =>
    Effect.gen(function* () {
      const { databaseConfig, restoreSqlite, SqliteClient } = yield* storage
      const config = yield* databaseConfig
      const { SqlClient } = yield* Effect.promise(() => import("effect/sql/SqlClient"))
      if (config._tag !== "Sqlite")
        return yield* badInput("restore is for SQLite; restore PostgreSQL with pg_restore (docs/operations.md)")
      const source = resolve(file)
      const target = resolve(config.filename)
      if (source === target) return yield* badInput("the backup is the database itself")
      // Read-only and without migrating: a wrong file must not be touched, an empty one not accepted.
      const plans = yield* Effect.gen(function* () {
        const sql = yield* SqlClient
        yield* sql`SELECT count(*) FROM sukoyaka_migrations`
        return (yield* sql<{ id: string }>`SELECT id FROM plans`).map((row) => row.id)
      }).pipe(
        Effect.provide(SqliteClient.layer({ filename: source, readonly: true, disableWAL: true })),
        Effect.catchCause(() => Effect.fail(badInput(`${source} is not a Sukoyaka SQLite backup`)))
      )
      if (plans.length === 0) return yield* badInput(`${source} holds no plan: not restoring an empty database`)
      const restored = yield* restoreSqlite(source, target).pipe(
        Effect.catchTag("DatabaseInUse", () =>
          Effect.fail(
            new CliError({
              message: `データベース ${target} は他のプロセス（起動中の API など）が使用中のため、復元しません。停止してからもう一度実行してください。何も変更していません。 / ${target} is in use by another process (a running API?): stop it and run the restore again. Nothing was changed.`,
              exitCode: 1
            })
          )
        ),
        Effect.catchDefect((defect) =>
          Effect.fail(
            new CliError({
              message: `restore failed: ${defect instanceof Error ? defect.message : String(defect)}`,
              exitCode: 1
            })
          )
        )
      )
      yield* Console.log(
        `restored ${target} from ${source} (plans: ${plans.join(", ")})${restored.safetyCopy ? `; the previous database is ${restored.safetyCopy}` : ""}`
      )
    })
).pipe(
  Command.withDescription(
    "restore a SQLite backup over SUKOYAKA_DB (refused while the API or another process has it open)"
  )
)

export const db = Command.make("db").pipe(
  Command.withDescription("database: migrate, seed, backup, restore"),
  Command.withSubcommands([migrate, seed, backup, restore])
)
