import { Context, Effect, Option } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import type { SqlError } from "effect/sql/SqlError"
import { SqliteClient } from "./SqliteClient.ts"

/**
 * Fixed statements with positional parameters, run on the connection of the transaction the
 * fiber is in: what a hot write (a review update, its audit entry) issues instead of `sql\`…\``.
 *
 * Why: a template statement is rebuilt on every call (its text compiled again, every column name
 * converted with camelToSnake) and runs in a span of its own with a captured stack. A write's
 * statements never change, so their text is made once (the driver keeps them prepared: SQLite's
 * statement cache, pg's named statements) and run directly on the transaction's connection, as
 * effect's own borrower does for a statement inside a transaction. The write keeps one span (its
 * own, e.g. Reviews.update) and the transaction's.
 *
 * Rows come back as the driver gives them: column names in snake_case, no transform.
 */
export interface TransactionStatements {
  /** The placeholder for the `n`th parameter (1-based) in this database's dialect: `?` or `$n`. */
  readonly placeholder: (n: number) => string
  /** Runs `text` with `params` on the transaction's connection (outside one, as an ordinary statement). */
  readonly run: (text: string, params: ReadonlyArray<unknown>) => Effect.Effect<ReadonlyArray<Row>, SqlError>
  /**
   * The transaction of a short write whose effect opens no transaction of its own: on SQLite one
   * without effect's per-transaction setup (SqliteClient.withWriteTransaction), on PostgreSQL the
   * client's `withTransaction`.
   */
  readonly writeTransaction: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E | SqlError, R>
}

export type Row = Readonly<Record<string, unknown>>

export const makeTransactionStatements: Effect.Effect<TransactionStatements, never, SqlClient.SqlClient> = Effect.gen(
  function* () {
    const sql = yield* SqlClient.SqlClient
    const writeTransaction: TransactionStatements["writeTransaction"] = Option.match(
      yield* Effect.serviceOption(SqliteClient),
      { onNone: () => sql.withTransaction, onSome: (sqlite) => sqlite.withWriteTransaction }
    )
    return { ...transactionStatements(sql), writeTransaction }
  }
)

const transactionStatements = (sql: SqlClient.SqlClient): Omit<TransactionStatements, "writeTransaction"> => {
  const placeholder = sql.onDialectOrElse({
    pg: () => (n: number) => `$${n}`,
    orElse: () => (_n: number) => "?"
  })
  const run = (text: string, params: ReadonlyArray<unknown>): Effect.Effect<ReadonlyArray<Row>, SqlError> =>
    Effect.withFiber((fiber) => {
      const transaction = Context.getOrUndefined(fiber.context, sql.transactionService)
      if (transaction === undefined) return sql.unsafe<Row>(text, params).withoutTransform
      // Fails (rather than runs on a connection lent to someone else) if the transaction has ended.
      return Effect.flatMap(SqlClient.activeTransactionConnection(transaction), (connection) =>
        connection.execute(text, params, undefined)
      )
    })
  return { placeholder, run }
}
