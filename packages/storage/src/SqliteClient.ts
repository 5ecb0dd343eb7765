/**
 * Our SQLite client for effect's `SqlClient`, over better-sqlite3: one connection per database file
 * per process, shared by every fiber.
 *
 * Why our own: `@effect/sql-sqlite-node` has no release for effect 4.1 on the registry we install
 * from (its only 4.x there, 4.0.0-beta.102, imports `effect/unstable/sql/*`, which effect 4.1 no
 * longer has). This module gives what Sukoyaka used of it and nothing more; docs/adr/0007 says
 * when to switch back.
 *
 * How it behaves:
 * - better-sqlite3 is synchronous, so a statement runs to completion inside the fiber that runs it;
 *   a semaphore of one permit lends the connection to one fiber at a time. A plain statement holds
 *   it for that statement; a transaction (and `reserve`) for its whole scope, so no other fiber's
 *   statement can slip into it (effect's `makeSqliteAcquirers` does this lending).
 * - Transactions start with BEGIN IMMEDIATE: every transaction of ours reads and then writes, and
 *   under a plain (deferred) BEGIN a second connection (the CLI, another API process) that had read
 *   before another one committed fails at its first write with SQLITE_BUSY_SNAPSHOT, which no
 *   busy timeout can wait out. IMMEDIATE takes the write lock at BEGIN, where the busy timeout does
 *   wait, so concurrent writers queue instead of failing. A read-only connection keeps BEGIN.
 * - Prepared statements are kept (least recently used out) so that a hot query is parsed once.
 * - Failures are `SqlError`s classified by SQLite's code (busy, constraint, …) with effect's own
 *   `classifySqliteError`.
 */
import Sqlite from "better-sqlite3"
import { Cause, Context, Effect, Exit, Layer, Semaphore, Stream } from "effect"
import * as Reactivity from "effect/reactivity/Reactivity"
import * as SqlClient from "effect/sql/SqlClient"
import type * as SqlConnection from "effect/sql/SqlConnection"
import { classifySqliteError, SqlError, UnknownError } from "effect/sql/SqlError"
import * as Statement from "effect/sql/Statement"
import { LRUCache } from "lru-cache"

export interface SqliteClientConfig {
  readonly filename: string
  /** Opens the file read-only (it must exist); nothing can be written through the client. */
  readonly readonly?: boolean | undefined
  /** Leaves the journal mode as the file has it instead of switching it to WAL. */
  readonly disableWAL?: boolean | undefined
  /** How long a statement waits for another connection's lock before SQLITE_BUSY (SQLite's busy_timeout). */
  readonly busyTimeoutMs?: number | undefined
  /** PRAGMAs run once when the connection opens, e.g. "foreign_keys = ON". */
  readonly pragmas?: ReadonlyArray<string> | undefined
  /** How many prepared statements are kept; 200 by default. */
  readonly preparedStatements?: number | undefined
  readonly transformResultNames?: ((name: string) => string) | undefined
  readonly transformQueryNames?: ((name: string) => string) | undefined
}

/** What SQLite's backup API reports when a backup has finished. */
export interface BackupMetadata {
  readonly totalPages: number
  readonly remainingPages: number
}

/** The SqlClient plus what only SQLite has: its configuration and an online backup. */
export interface SqliteClientService extends SqlClient.Base {
  readonly config: SqliteClientConfig
  /** Copies the live database to `destination` with SQLite's backup API, consistent while others keep writing. */
  readonly backup: (destination: string) => Effect.Effect<BackupMetadata, SqlError>
  /**
   * `withTransaction` for a short write that opens no transaction inside itself (a review update
   * with its audit entry): see `writeTransaction` below.
   */
  readonly withWriteTransaction: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E | SqlError, R>
}

/** Present (beside `SqlClient`) only when the database is SQLite: what Backup.ts asks for. */
export class SqliteClient extends Context.Service<SqliteClient, SqliteClientService>()(
  "@sukoyaka/storage/SqliteClient"
) {}

const fail = (cause: unknown, message: string, operation: string) =>
  new SqlError({ reason: classifySqliteError(cause, { message, operation }) })

/** A better-sqlite3 call as an Effect, its exception as a classified SqlError. */
const attempt = <A>(f: () => A, message: string, operation: string): Effect.Effect<A, SqlError> =>
  Effect.suspend(() => {
    try {
      return Effect.succeed(f())
    } catch (cause) {
      return Effect.fail(fail(cause, message, operation))
    }
  })

/** The Connection that effect's SqlClient runs statements on, over the open database. */
const openConnection = (db: Sqlite.Database, config: SqliteClientConfig) => {
  /**
   * A prepared statement with what the driver would otherwise be asked again at every run (each
   * ask is a call into native code): whether it returns rows, and its integer mode as last set.
   */
  interface Prepared {
    readonly statement: Sqlite.Statement
    readonly reader: boolean
    safeIntegers: boolean
  }
  const prepared = new LRUCache<string, Prepared>({ max: config.preparedStatements ?? 200 })
  const prepare = (sql: string, cache: boolean): Prepared => {
    const hit = cache ? prepared.get(sql) : undefined
    if (hit !== undefined) return hit
    // A statement that fails to prepare (a table not created yet) is not remembered: the next try prepares again.
    const statement = db.prepare(sql)
    // A new statement reads 64-bit integers as numbers (the database's default, never changed here).
    const entry: Prepared = { statement, reader: statement.reader, safeIntegers: false }
    if (cache) prepared.set(sql, entry)
    return entry
  }

  // better-sqlite3 types a row as `unknown`; what a row holds is decided by the repositories,
  // which decode every row they read with their own schema (SqlSchema).
  type Rows = ReadonlyArray<object>
  type TransformRows = (<A extends object>(rows: ReadonlyArray<A>) => ReadonlyArray<A>) | undefined

  /**
   * Runs one statement with `read` when it returns rows (a SELECT, or a write with RETURNING), and
   * with `write` otherwise. SqlClient.SafeIntegers asks for 64-bit integers as bigint.
   */
  const run = <A>(
    sql: string,
    cache: boolean,
    read: (statement: Sqlite.Statement) => A,
    write: (statement: Sqlite.Statement) => A
  ): Effect.Effect<A, SqlError> =>
    // One step for the fiber (a statement is synchronous): read the integer mode, run, wrap the result.
    Effect.withFiber((fiber) => {
      try {
        const entry = prepare(sql, cache)
        const safeIntegers = fiber.getRef(SqlClient.SafeIntegers)
        if (entry.safeIntegers !== safeIntegers) {
          entry.statement.safeIntegers(safeIntegers)
          entry.safeIntegers = safeIntegers
        }
        return Effect.succeed(entry.reader ? read(entry.statement) : write(entry.statement))
      } catch (cause) {
        return Effect.fail(fail(cause, "Failed to execute statement", "execute"))
      }
    })

  /** The rows as objects (a write without RETURNING gives none), renamed by `transformRows`. */
  const objects = (sql: string, params: ReadonlyArray<unknown>, cache: boolean, transformRows: TransformRows) => {
    const rows = run<Rows>(
      sql,
      cache,
      (statement) => statement.all(...params) as Rows,
      (statement) => {
        statement.run(...params)
        return []
      }
    )
    return transformRows === undefined ? rows : Effect.map(rows, transformRows)
  }

  /** The rows as arrays of values, in column order. */
  const values = (sql: string, params: ReadonlyArray<unknown>, cache: boolean) =>
    run<ReadonlyArray<ReadonlyArray<unknown>>>(
      sql,
      cache,
      (statement) => {
        // The statement is shared through the cache: raw mode is set back at once.
        statement.raw(true)
        try {
          // In raw mode each row is an array of the column values.
          return statement.all(...params) as ReadonlyArray<ReadonlyArray<unknown>>
        } finally {
          statement.raw(false)
        }
      },
      (statement) => {
        statement.run(...params)
        return []
      }
    )

  const connection: SqlConnection.Connection = {
    execute: (sql, params, transformRows) => objects(sql, params, true, transformRows),
    // The driver's own answer: the rows, or for a write better-sqlite3's RunResult (changes, lastInsertRowid).
    executeRaw: (sql, params) =>
      run<unknown>(
        sql,
        true,
        (statement) => statement.all(...params),
        (statement) => statement.run(...params)
      ),
    executeValues: (sql, params) => values(sql, params, true),
    executeValuesUnprepared: (sql, params) => values(sql, params, false),
    executeUnprepared: (sql, params, transformRows) => objects(sql, params, false, transformRows),
    // Nothing here streams rows; a stream would also pin the one connection for its whole life.
    executeStream: () =>
      Stream.fail(
        new SqlError({
          reason: new UnknownError({
            cause: undefined,
            message: "streaming rows is not supported by this SQLite client",
            operation: "stream"
          })
        })
      )
  }
  return connection
}

/** Opens the database file and makes the client; the file is closed when the scope closes. */
export const make = (config: SqliteClientConfig) =>
  Effect.gen(function* () {
    const db = yield* Effect.acquireRelease(
      attempt(
        () =>
          new Sqlite(config.filename, {
            readonly: config.readonly ?? false,
            fileMustExist: config.readonly ?? false,
            timeout: config.busyTimeoutMs ?? 5000
          }),
        "Failed to open the database",
        "open"
      ),
      (db) => Effect.sync(() => db.close())
    )
    yield* attempt(
      () => {
        if (config.disableWAL !== true && config.readonly !== true) db.pragma("journal_mode = WAL")
        for (const pragma of config.pragmas ?? []) db.pragma(pragma)
      },
      "Failed to configure the database",
      "pragma"
    )

    const connection = openConnection(db, config)
    const lending = SqlClient.makeSqliteAcquirers({
      connection: Effect.succeed(connection),
      semaphore: yield* Semaphore.make(1),
      isTransaction: () => db.inTransaction
    })
    const client = yield* SqlClient.make({
      driver: "sukoyaka-sqlite",
      acquirer: lending.acquirer,
      borrower: lending.borrower,
      transactionAcquirer: lending.transactionAcquirer,
      onCommitFailure: lending.onCommitFailure,
      isTransaction: lending.isTransaction,
      compiler: Statement.makeCompilerSqlite(config.transformQueryNames),
      transformRows: config.transformResultNames
        ? Statement.defaultTransforms(config.transformResultNames).array
        : undefined,
      spanAttributes: [["db.system.name", "sqlite"]],
      beginTransaction: config.readonly === true ? "BEGIN" : "BEGIN IMMEDIATE",
      // better-sqlite3 prepares BEGIN, COMMIT and SAVEPOINT like any statement: parsed once, then kept.
      prepareTransactionControls: true,
      releaseSavepoint: (name) => `RELEASE SAVEPOINT ${name}`
    })

    const backup = (destination: string) =>
      // Holds the connection while SQLite copies: no statement of this process interleaves with the
      // copy (the CLI's `db backup` runs in a process of its own, so a serving API never waits on it).
      lending.borrower(() =>
        Effect.tryPromise({
          try: () => db.backup(destination),
          catch: (cause) => fail(cause, "Failed to back up the database", "backup")
        })
      )

    const withWriteTransaction = writeTransaction(client, lending, db, config)
    const sqlite: SqlClient.SqlClient & SqliteClientService = Object.assign(client, {
      config,
      backup,
      withWriteTransaction
    })
    return sqlite
  })

/**
 * A transaction for a short write, with what effect's `withTransaction` does for it and no more.
 *
 * Inside a transaction of this client it is that `withTransaction` (a savepoint). At the top level
 * it lends the connection (the one permit, as every statement and transaction here), runs BEGIN
 * IMMEDIATE, the effect with the connection as the fiber's transaction, then COMMIT, or ROLLBACK
 * when the effect fails or is interrupted; a failed COMMIT rolls back and, if that fails too,
 * poisons the connection, as `makeSqliteAcquirers` does. Only the effect is interruptible.
 *
 * What it leaves out, and why that is fine for its callers: no `sql.transaction`, BEGIN and COMMIT
 * spans (the caller's span covers the write); no savepoint inside it (the effect must not call
 * `withTransaction`: effect's needs a semaphore only its own transactions provide); `afterCommit`
 * and Reactivity invalidations inside it run at once. What it saves: effect's transaction sets up a
 * scope, three spans and five services per transaction, ≈ 20–40 µs of a ≈ 150 µs review update.
 */
const writeTransaction =
  (
    client: SqlClient.SqlClient,
    lending: ReturnType<typeof SqlClient.makeSqliteAcquirers>,
    db: Sqlite.Database,
    config: SqliteClientConfig
  ) =>
  <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E | SqlError, R> => {
    const begin = config.readonly === true ? "BEGIN" : "BEGIN IMMEDIATE"
    const rollback = (connection: SqlConnection.Connection) =>
      db.inTransaction ? Effect.asVoid(connection.executeUnprepared("ROLLBACK", [], undefined)) : Effect.void
    const commit = (connection: SqlConnection.Connection) =>
      Effect.catchCause(Effect.asVoid(connection.execute("COMMIT", [], undefined)), (commitCause) =>
        Effect.matchCauseEffect(lending.onCommitFailure!(connection), {
          onFailure: (cleanupCause) => Effect.failCause(Cause.combine(commitCause, cleanupCause)),
          onSuccess: () => Effect.failCause(commitCause)
        })
      )
    return Effect.withFiber<A, E | SqlError, R>((fiber) => {
      if (Context.getOrUndefined(fiber.context, client.transactionService) !== undefined)
        return client.withTransaction(effect)
      // Waiting for the connection stays interruptible; from BEGIN on, only the effect is.
      return lending.borrower((connection) =>
        Effect.uninterruptibleMask((restore) =>
          Effect.flatMap(connection.execute(begin, [], undefined), () =>
            Effect.flatMap(
              Effect.exit(restore(Effect.provideService(effect, client.transactionService, [connection, 0] as const))),
              (exit): Effect.Effect<A, E | SqlError> =>
                Exit.isSuccess(exit)
                  ? Effect.as(commit(connection), exit.value)
                  : Effect.flatMap(Effect.orDie(rollback(connection)), () => exit)
            )
          )
        )
      )
    })
  }

/**
 * The client as both `SqlClient` and `SqliteClient`, with the Reactivity service effect's
 * SqlClient expects (for `sql.reactive`, unused by Sukoyaka today).
 */
export const layer = (config: SqliteClientConfig): Layer.Layer<SqliteClient | SqlClient.SqlClient, SqlError> =>
  Layer.effectContext(
    Effect.map(make(config), (client) =>
      Context.make(SqliteClient, client).pipe(Context.add(SqlClient.SqlClient, client))
    )
  ).pipe(Layer.provide(Reactivity.layer))
