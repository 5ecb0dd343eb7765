import { fictionalYearBefore } from "@sukoyaka/core/testing"
import { type DatabaseConfig, Reviews, systemActor } from "@sukoyaka/storage"
import { Effect, Redacted } from "effect"
import type { ChildProcess } from "node:child_process"
import { startApiProcess, stopApiProcess } from "./ApiProcess.ts"
import { appRuntime, type AppRuntime } from "./Runtime.ts"

/** The environment that points a process at `database` (and away from any other). */
export const databaseEnv = (database: DatabaseConfig): Record<string, string> =>
  database._tag === "Sqlite"
    ? { SUKOYAKA_DB: database.filename, DATABASE_URL: "" }
    : { DATABASE_URL: Redacted.value(database.url) }

/** The API of a test: its own process, and a runtime of the application layer on the same database. */
export interface ApiUnderTest {
  readonly url: string
  readonly child: ChildProcess
  /** For what a test arranges or checks beside the API: tokens, rows. */
  readonly runtime: AppRuntime
  readonly generatedAdminPassword: string | undefined
  readonly close: () => Promise<void>
}

/**
 * Starts the API as an operator does (its entry, by path: no app imports another) on `database`,
 * seeded with the Tomakomai plan when empty, on a free port; `env` adds to its configuration.
 */
export const startApiForTest = async (
  database: DatabaseConfig,
  env: Record<string, string> = {}
): Promise<ApiUnderTest> => {
  const started = await startApiProcess({
    ...databaseEnv(database),
    API_PORT: "0",
    API_HOST: "127.0.0.1",
    SUKOYAKA_LOG: "silent",
    NODE_OPTIONS: "",
    ...env
  })
  const runtime = appRuntime(database)
  return {
    ...started,
    runtime,
    close: async () => {
      await stopApiProcess(started.child)
      await runtime.dispose()
    }
  }
}
/**
 * Adds the made-up year before `fiscalYear` (core's `fictionalYearBefore`: marked fictional, approved)
 * for every review of that year: the third year that trends, exports and public pages are tested with.
 */
export const seedFictionalYearBefore = (runtime: AppRuntime, planId: string, fiscalYear: number): Promise<number> =>
  runtime.runPromise(
    Effect.gen(function* () {
      const reviews = yield* Reviews
      const ofYear = yield* reviews.listByYear(planId, fiscalYear)
      for (const review of ofYear) yield* reviews.insert(systemActor, fictionalYearBefore(review))
      return ofYear.length
    })
  )

export { type ReceivedMail, startTestSmtpServer, type TestSmtpServer } from "./testSmtp.ts"
