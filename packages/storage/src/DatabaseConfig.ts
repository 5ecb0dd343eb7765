import { Config, Redacted } from "effect"

/** Where the data lives: one SQLite file by default, PostgreSQL when DATABASE_URL says so. */
export type DatabaseConfig =
  | { readonly _tag: "Sqlite"; readonly filename: string }
  | { readonly _tag: "Pg"; readonly url: Redacted.Redacted<string> }

export const defaultSqliteFile = "./data/sukoyaka.db"

/**
 * DATABASE_URL=postgres://… switches to PostgreSQL; otherwise SUKOYAKA_DB names the SQLite file.
 * The URL stays Redacted so that a password in it never reaches a log line.
 */
export const databaseConfig: Config.Config<DatabaseConfig> = Config.all({
  url: Config.option(Config.Redacted("DATABASE_URL")),
  filename: Config.String("SUKOYAKA_DB").pipe(Config.withDefault(defaultSqliteFile))
}).pipe(
  Config.map(({ url, filename }): DatabaseConfig => {
    if (url._tag === "Some" && /^postgres(ql)?:\/\//.test(Redacted.value(url.value))) {
      return { _tag: "Pg", url: url.value }
    }
    return { _tag: "Sqlite", filename }
  })
)

/** A description safe for logs: the file, or the PostgreSQL host and database without credentials. */
export const describeDatabase = (config: DatabaseConfig): string => {
  if (config._tag === "Sqlite") return `SQLite ${config.filename}`
  try {
    const url = new URL(Redacted.value(config.url))
    return `PostgreSQL ${url.hostname}:${url.port || 5432}${url.pathname}`
  } catch {
    return "PostgreSQL"
  }
}
