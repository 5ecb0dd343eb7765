import { FICTIONAL_MARK } from "@sukoyaka/core/testing"
import { PLAN, SEED_YEAR } from "@sukoyaka/storage/testing"
import { Reviews } from "@sukoyaka/storage"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { loadDataset } from "@sukoyaka/data-tomakomai"
import { appRuntime, seedPlan } from "../src/index.ts"
import { seedFictionalYearBefore } from "../src/testing.ts"

describe("the fictional year before the seed's", () => {
  it("adds FY2023 beside FY2024: every review, approved, marked fictional", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sukoyaka-fictional-"))
    const runtime = appRuntime({ _tag: "Sqlite", filename: join(dir, "t.db") })
    try {
      await runtime.runPromise(seedPlan(loadDataset()))
      expect(await seedFictionalYearBefore(runtime, PLAN, SEED_YEAR)).toBe(55)
      const earlier = await runtime.runPromise(Reviews.use((r) => r.listByYear(PLAN, SEED_YEAR - 1)))
      expect(earlier).toHaveLength(55)
      expect(earlier.every((r) => r.status === "approved" && r.actions.startsWith(FICTIONAL_MARK))).toBe(true)
      expect(await runtime.runPromise(Reviews.use((r) => r.fiscalYears(PLAN)))).toEqual([2023, 2024])
    } finally {
      await runtime.dispose()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
