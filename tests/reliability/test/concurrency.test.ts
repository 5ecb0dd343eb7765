/**
 * Concurrency on one API process (SQLite, the default deployment): 20 clients updating three shared
 * reviews and one review each. The 30-second run is in soak/; this one is short.
 */
import { describe, expect, it } from "vitest"
import { tokenFor } from "../src/harness.ts"
import { apiOnFreshDb } from "../src/lifecycle.ts"
import { runConcurrency } from "../src/concurrency.ts"
import { record } from "../src/results.ts"

const SECONDS = Number(process.env.CONCURRENCY_SECONDS ?? 5)

const running = apiOnFreshDb()

describe("concurrency", () => {
  it(`20 clients for ${SECONDS} s on one process (SQLite): no lost update, every conflict a 412, the audit log complete`, async () => {
    const { api, db } = running
    const tokens = await Promise.all([
      tokenFor(db, "admin", [], null, "writer-a"),
      tokenFor(db, "admin", [], null, "writer-b")
    ])
    const run = await runConcurrency({
      db,
      servers: [api.url],
      tokens: tokens.map((t) => t.token),
      clients: 20,
      seconds: SECONDS
    })
    record("concurrency", "sqlite, 1 process", run.figures)
    expect(run.problems).toEqual([])
    expect(run.figures.acknowledged).toBeGreaterThan(20)
    expect(run.figures.conflicts412).toBeGreaterThan(0)
    expect(run.figures.auditEntries).toBe(run.figures.acknowledged)
  })
})
