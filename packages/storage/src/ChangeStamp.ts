import Sqlite from "better-sqlite3"
import { Context, Effect, Layer, Redacted } from "effect"
import { Database } from "./Database.ts"
import { listenForChanges } from "./pgChanges.ts"

/** Lets the I/O already received run first: a change notification that arrived with a request. */
const afterPendingIo = () => new Promise<void>((resolve) => setImmediate(resolve))

/**
 * A cheap answer to "has anything been committed to the database since I last looked?", for the
 * caches that would otherwise ask the database on every request (a token's validity, a plan's
 * version). Two equal stamps mean that nothing was committed in between, by this process or any
 * other; `null` means "unknown": the caller must ask the database.
 *
 * SQLite: `PRAGMA data_version` on a read-only connection of its own. SQLite changes it whenever
 * another connection — the API's own, the CLI's, another process's — has committed, and it costs
 * a few microseconds (no query plan, no I/O beyond the shared-memory WAL index).
 * PostgreSQL: a LISTEN connection counting the notifications that every write sends at commit
 * (pgChanges.ts, migration 0012); unknown while that connection is down.
 *
 * `currentOf(tables, whole?)` is a stamp of writes to those tables only, for a cache whose answer
 * depends on nothing else (PostgreSQL; SQLite's is the whole file's, so `whole`, a `current()` the
 * caller read a moment ago, saves it a second query there; PostgreSQL counts in memory and ignores it).
 *
 * Read the stamp *before* the query whose result it will vouch for: a commit in between then makes
 * the next stamp differ, and the cache asks again (never the other way round).
 *
 * `settle()` is awaited before answering a request from memory. On PostgreSQL the notification
 * of a commit another process acknowledged a moment ago may sit in this process's socket beside the
 * request that follows it: waiting for the I/O already received to be handled (one setImmediate)
 * makes the stamp count it. `sync()` is awaited before answering a write: on PostgreSQL it waits
 * until this process has counted its own commit (pgChanges.ts). SQLite reads the file's state
 * synchronously: nothing to wait for in either.
 */
export class ChangeStamp extends Context.Service<ChangeStamp>()("@sukoyaka/storage/ChangeStamp", {
  make: Effect.gen(function* () {
    const { config } = yield* Database
    const unknown = {
      current: (): string | null => null,
      currentOf: (_tables: ReadonlyArray<string>, _whole?: string | null): string | null => null,
      settle: (): Promise<void> | undefined => undefined,
      sync: (): Promise<void> | undefined => undefined
    }
    if (config._tag === "Pg") {
      const changes = yield* Effect.acquireRelease(
        Effect.sync(() => listenForChanges(Redacted.value(config.url))),
        (listener) => Effect.promise(listener.close)
      )
      return {
        current: changes.current,
        currentOf: changes.currentOf,
        settle: afterPendingIo,
        sync: () => changes.sync()
      }
    }
    // An in-memory database is private to its connection: a second one would never see a change.
    if (config._tag !== "Sqlite" || config.filename === ":memory:" || config.filename === "") return unknown
    const watcher = yield* Effect.acquireRelease(
      Effect.sync(() => {
        try {
          return new Sqlite(config.filename, { readonly: true, fileMustExist: true })
        } catch {
          return undefined
        }
      }),
      (db) => Effect.sync(() => db?.close())
    )
    if (watcher === undefined) return unknown
    const dataVersion = watcher.prepare("PRAGMA data_version").pluck()
    const current = (): string | null => {
      try {
        return String(dataVersion.get())
      } catch {
        return null
      }
    }
    return {
      current,
      // SQLite knows only that something was committed, not where: every table's stamp is the file's.
      currentOf: (_tables: ReadonlyArray<string>, whole?: string | null) => (whole === undefined ? current() : whole),
      settle: unknown.settle,
      sync: unknown.sync
    }
  })
}) {
  static readonly layer = Layer.effect(this, this.make)
}
