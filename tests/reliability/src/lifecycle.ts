import { afterAll, beforeAll } from "vitest"
import { type ApiProcess, type Dialect, freshDb, startApi, type TestDatabase } from "./harness.ts"

export interface Running {
  readonly db: TestDatabase
  readonly api: ApiProcess
}

/**
 * For the tests of one file: a fresh database and an API process on it, started before the first
 * test, stopped (and the database dropped) after the last. Read `db` and `api` inside the tests.
 */
export const apiOnFreshDb = (dialect: Dialect = "sqlite"): Running => {
  const running: { db?: TestDatabase; api?: ApiProcess } = {}
  beforeAll(async () => {
    running.db = await freshDb(dialect)
    running.api = await startApi(running.db)
  })
  afterAll(async () => {
    await running.api?.kill("SIGTERM")
    await running.db?.drop()
  })
  return running as Running
}
