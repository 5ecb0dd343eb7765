/** The larger fuzz: every operation FUZZ_RUNS× (default 200) and the import 60×, on SQLite and PostgreSQL. */
import { afterAll, it } from "vitest"
import { expectCleanFuzz, fuzzProcess } from "../src/fuzzRun.ts"
import { type Dialect, dialects, freshDb, startApi, type TestDatabase, type ApiProcess } from "../src/harness.ts"

const RUNS = Number(process.env.FUZZ_RUNS ?? 200)
const IMPORT_RUNS = Number(process.env.FUZZ_IMPORT_RUNS ?? 60)
const SEED = Number(process.env.FUZZ_SEED ?? 20261127)
const cleanup: Array<() => Promise<unknown>> = []
afterAll(async () => {
  for (const step of cleanup.reverse()) await step()
})

it.each(dialects)(
  `fuzzes every operation ${RUNS}× and the import ${IMPORT_RUNS}× on %s: no 5xx, no leak`,
  async (dialect: Dialect) => {
    const db: TestDatabase = await freshDb(dialect)
    cleanup.push(() => db.drop())
    const api: ApiProcess = await startApi(db)
    cleanup.push(() => api.kill("SIGTERM"))
    const figures = await fuzzProcess(api, db, {
      runsPerOperation: RUNS,
      importRuns: IMPORT_RUNS,
      seed: SEED
    })
    expectCleanFuzz(dialect, SEED, api, figures)
  }
)
