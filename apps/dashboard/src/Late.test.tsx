import { openCycle } from "@sukoyaka/app"
import { type ApiUnderTest, startApiForTest } from "@sukoyaka/app/testing"
import { issueToken } from "@sukoyaka/app"
import { FiscalYear } from "@sukoyaka/core"
import type { DatabaseConfig } from "@sukoyaka/storage"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  frameOf,
  PLAN,
  renderAt,
  runOn,
  seededCopy,
  seededDatabase,
  waitForText,
  widestLine
} from "../test/support.tsx"
import { App } from "./App.tsx"
import { httpSource } from "./data/httpSource.ts"
import { localSource } from "./data/localSource.ts"

const actor = { id: null, label: "test" }
let database: DatabaseConfig
let server: ApiUnderTest

// FY2025's cycle, due 30 June 2025 (long past), 健康支援課 given until 2099: every other agency is late.
beforeAll(async () => {
  database = seededCopy()
  await runOn(
    database,
    openCycle(actor, PLAN, FiscalYear.make(2025), "2025-06-30", [
      { agencyId: "kenko-shien" as never, dueDate: "2099-12-31" }
    ])
  )
  server = await startApiForTest(database)
}, 60_000)

afterAll(async () => {
  await server?.close()
})

describe("the late panel of the open review cycle", { timeout: 60_000 }, () => {
  it("lists the agencies with late reviews on the overview, most late first, within 80×24", async () => {
    const source = localSource(database)
    const rendered = renderAt(<App source={source} planId={PLAN} fiscalYear={2025} refreshSeconds={0} />)
    try {
      const frame = await waitForText(rendered, "期限超過 46 件")
      expect(frame).toContain("期限超過 46 件（令和７年度のサイクル・")
      expect(frame).toMatch(/ \d+\/\d+ 件 {2}期限 2025-06-30/)
      expect(frame).not.toMatch(/健康支援課 +\d+\/\d+ 件/)
      expect(widestLine(frameOf(rendered))).toBeLessThanOrEqual(80)
    } finally {
      rendered.unmount()
      await source.close()
    }
  })

  it("reads the same panel from the API as from the database; none while no cycle is open", async () => {
    const token = await server.runtime.runPromise(
      issueToken(actor, { name: "dashboard", role: "viewer", agencies: [], expiresAt: null })
    )
    const api = httpSource({ baseUrl: server.url, token: token.token })
    const local = localSource(database)
    const seed = localSource(seededDatabase())
    try {
      const [overHttp, overDb, withoutCycle] = await Promise.all([
        api.load(PLAN, 2025),
        local.load(PLAN, 2025),
        seed.load(PLAN, 2024)
      ])
      expect(overHttp.late).toEqual(overDb.late)
      expect(overDb.late?.late).toBe(46)
      const late = overDb.late!.agencies.map((agency) => agency.late)
      expect(late).toEqual([...late].sort((a, b) => b - a))
      expect(withoutCycle.late).toBeNull()
    } finally {
      await Promise.all([api.close(), local.close(), seed.close()])
    }
  })
})
