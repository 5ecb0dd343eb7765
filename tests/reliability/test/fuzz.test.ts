/**
 * A bounded fuzz of every endpoint (from the OpenAPI document the process serves) and of the
 * import, against a real API process on SQLite: no 5xx, nothing leaked, the database intact.
 * FUZZ_RUNS and FUZZ_SEED widen or reproduce a run; soak/ runs a larger one.
 */
import { expect, it } from "vitest"
import { expectCleanFuzz, fuzzProcess } from "../src/fuzzRun.ts"
import { apiOnFreshDb } from "../src/lifecycle.ts"

const RUNS = Number(process.env.FUZZ_RUNS ?? 15)
const IMPORT_RUNS = Number(process.env.FUZZ_IMPORT_RUNS ?? 8)
const SEED = Number(process.env.FUZZ_SEED ?? 20260401)

const running = apiOnFreshDb()

it(`fuzzes every operation ${RUNS}× and the import ${IMPORT_RUNS}×: no 5xx, no leak`, async () => {
  const { api, db } = running
  const figures = await fuzzProcess(api, db, {
    runsPerOperation: RUNS,
    importRuns: IMPORT_RUNS,
    seed: SEED
  })
  const integrity = await db.sql((sql) => sql`PRAGMA integrity_check`)
  expectCleanFuzz("sqlite", SEED, api, figures)
  expect(String(Object.values(integrity[0] ?? {})[0])).toBe("ok")
})
