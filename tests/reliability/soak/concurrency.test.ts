/** Concurrency, the long run: 20 clients for 30 s on one process (SQLite) and across two (PostgreSQL). */
import { afterAll, describe, expect, it } from "vitest"
import { runConcurrency } from "../src/concurrency.ts"
import { type ApiProcess, type Dialect, freshDb, startApi, type TestDatabase, tokenFor } from "../src/harness.ts"
import { record } from "../src/results.ts"

const SECONDS = Number(process.env.CONCURRENCY_SECONDS ?? 30)
const cleanup: Array<() => Promise<unknown>> = []
afterAll(async () => {
  for (const step of cleanup.reverse()) await step()
})

describe("concurrency, 30 s", () => {
  it.each([
    ["sqlite", 1],
    ["pg", 2]
  ] as const)(
    `20 clients for ${SECONDS} s on %s with %i process(es): no lost update, every conflict a 412, the audit log complete`,
    async (dialect: Dialect, processes: number) => {
      const db: TestDatabase = await freshDb(dialect)
      cleanup.push(() => db.drop())
      const apis: Array<ApiProcess> = []
      for (let i = 0; i < processes; i++) apis.push(await startApi(db))
      cleanup.push(() => Promise.all(apis.map((api) => api.kill("SIGTERM"))))
      const tokens = await Promise.all([tokenFor(db, "admin", [], null, "a"), tokenFor(db, "admin", [], null, "b")])
      const run = await runConcurrency({
        db,
        servers: apis.map((api) => api.url),
        tokens: tokens.map((t) => t.token),
        clients: 20,
        seconds: SECONDS
      })
      record("concurrency", `${dialect}, ${processes} process${processes > 1 ? "es" : ""}`, run.figures)
      expect(run.problems).toEqual([])
      expect(run.figures.auditEntries).toBe(run.figures.acknowledged)
    }
  )
})
