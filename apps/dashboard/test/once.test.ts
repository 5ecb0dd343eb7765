import { issueToken, loadExampleTags } from "@sukoyaka/app"
import { type ApiUnderTest, startApiForTest } from "@sukoyaka/app/testing"
import { objectiveMark, objectivesOf } from "@sukoyaka/core"
import { exampleTags, loadDataset } from "@sukoyaka/data-tomakomai"
import { execFile } from "node:child_process"
import { existsSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest"
import { displayWidth } from "../src/text/width.ts"
import { hasAnsi, PLAN, runOn, seededCopy } from "./support.tsx"

const bin = new URL("../bin/sukoyaka-dashboard.js", import.meta.url).pathname
const dir = mkdtempSync(join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "sukoyaka-dashboard-e2e-"))
let server: ApiUnderTest
let token: string

/** The dashboard as `pnpm dashboard` runs it, in a child process (async: the worker stays free). */
const dashboard = (args: Array<string>, env: Record<string, string> = {}) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      {
        env: { ...process.env, DATABASE_URL: "", SUKOYAKA_API_URL: "", SUKOYAKA_TOKEN: "", ...env },
        encoding: "utf8",
        timeout: 120_000
      },
      (error, stdout, stderr) =>
        resolve({
          code: error ? (typeof error.code === "number" ? error.code : 1) : 0,
          stdout,
          stderr
        })
    )
  })

beforeAll(async () => {
  server = await startApiForTest({ _tag: "Sqlite", filename: join(dir, "api.db") })
  token = (
    await server.runtime.runPromise(
      issueToken({ id: null, label: "test" }, { name: "cron", role: "viewer", agencies: [], expiresAt: null })
    )
  ).token
})

afterAll(async () => {
  await server?.close()
  rmSync(dir, { recursive: true, force: true })
})

// Each run starts Node and loads the bundled dashboard: seconds each on a loaded 2-core machine.
describe("the dashboard command, end to end", { timeout: 180_000 }, () => {
  it("prints one plain frame with --once from a real API, and the summary with --json", async () => {
    const [once, json, refused, local] = await Promise.all([
      dashboard(["--once", "--api-url", server.url, "--token", token, "--fiscal-year", "2024"]),
      dashboard(["--json"], { SUKOYAKA_API_URL: server.url, SUKOYAKA_TOKEN: token }),
      dashboard(["--once", "--api-url", server.url, "--token", "skt_refused"]),
      dashboard(["--once", "--width", "60"], { SUKOYAKA_DB: inject("seededDatabase") })
    ])

    expect(once).toMatchObject({ code: 0, stderr: "" })
    const frame = once.stdout
    expect(frame).toContain("令和６年度（FY2024）")
    for (const objective of objectivesOf(loadDataset().plan))
      expect(frame).toContain(`${objectiveMark(objective.no)} ${objective.title}`)
    expect(frame).toContain("① こども・若者への自殺対策の強化")
    expect(frame).toMatch(/全体\s+\S+ Ａ 45 Ｂ\s+5 Ｃ\s+4 Ｄ\s+0 未評価\s+1\s+92%/)
    expect(frame).toMatch(/① こども・若者への自殺対策の強化\n\s+\S+ Ａ 11 Ｂ\s+1 Ｃ\s+0 Ｄ\s+0 未評価\s+1/)
    expect(frame).toContain("要確認 11 件")
    expect(frame).toContain("目標値")
    expect(frame).toContain("承認済み 55/55（100%）")
    expect(hasAnsi(frame)).toBe(false)
    expect(Math.max(...frame.split("\n").map(displayWidth))).toBeLessThanOrEqual(80)

    expect(json.code).toBe(0)
    const summary = JSON.parse(json.stdout)
    expect(summary).toMatchObject({
      fiscalYear: 2024,
      ratings: { A: 45, B: 5, C: 4, D: 0, unrated: 1 }
    })
    expect(summary.byObjective[0]).toMatchObject({
      objectiveNo: 1,
      ratings: { A: 11, B: 1, C: 0, D: 0, unrated: 1 }
    })

    expect(refused.code).toBe(1)
    expect(refused.stdout).toBe("")
    expect(refused.stderr).toContain("トークンが拒否されました（401）")

    // Without a URL: the local database, in-process.
    expect(local.code).toBe(0)
    expect(local.stdout).toMatch(/Ａ 45 Ｂ\s+5 Ｃ\s+4 Ｄ\s+0 未評価\s+1/)
    expect(Math.max(...local.stdout.split("\n").map(displayWidth))).toBeLessThanOrEqual(60)
  })
  it("prints the coverage panel filled with --once when the national package is loaded (read after the overview)", async () => {
    const database = seededCopy()
    await runOn(database, loadExampleTags({ id: null, label: "test" }, PLAN, exampleTags.initiatives))
    const local = await dashboard(["--once", "--width", "160"], { SUKOYAKA_DB: database.filename })
    expect(local).toMatchObject({ code: 0, stderr: "" })
    expect(local.stdout).toContain("国の施策 地域自殺対策政策パッケージ（いのち支える")
    expect(local.stdout).toContain("空白: 基本施策、遺された人への支援")
    expect(local.stdout).not.toContain("読み込み中")
  })
  it("speaks English with --lang en (or SUKOYAKA_LANG=en): the frame, the errors, --help; the JSON is the same", async () => {
    const api = ["--api-url", server.url, "--token", token]
    const [once, json, jsonJa, refused, badLang, badEnv, help] = await Promise.all([
      dashboard(["--once", ...api, "--fiscal-year", "2024", "--lang", "en"]),
      dashboard(["--json"], {
        SUKOYAKA_API_URL: server.url,
        SUKOYAKA_TOKEN: token,
        SUKOYAKA_LANG: "en"
      }),
      dashboard(["--json", ...api]),
      dashboard(["--once", "--api-url", server.url, "--token", "skt_refused", "--lang", "en"]),
      dashboard(["--once", "--lang", "fr"]),
      dashboard(["--once"], { SUKOYAKA_LANG: "english" }),
      dashboard(["--help", "--lang", "en"])
    ])

    expect(once).toMatchObject({ code: 0, stderr: "" })
    const frame = once.stdout
    expect(frame).toMatch(/^Sukoyaka FY2024 /)
    // The city's words stay as written: the objectives' titles are data.
    for (const objective of objectivesOf(loadDataset().plan))
      expect(frame).toContain(`${objectiveMark(objective.no)} ${objective.title}`)
    expect(frame).toMatch(/Self-ratings by objective\s+On track/)
    expect(frame).toMatch(/All\s+\S+ A 45 B\s+5 C\s+4 D\s+0 Unrated\s+1\s+92%/)
    expect(frame).toMatch(/① こども・若者への自殺対策の強化\n\s+\S+ A 11 B\s+1 C\s+0 D\s+0 Unrated\s+1/)
    expect(frame).toContain("Needs attention: 11")
    expect(frame).toContain("Targets")
    expect(frame).toContain("Approved 55/55 (100%)")
    expect(frame).toMatch(/^As of .*\d\d:\d\d:\d\d$/m)
    for (const word of ["すこやか", "全体", "未評価", "要確認", "承認済み", "時点", "令和"])
      expect(frame).not.toContain(word)
    expect(hasAnsi(frame)).toBe(false)
    expect(Math.max(...frame.split("\n").map(displayWidth))).toBeLessThanOrEqual(80)

    // JSON keys and values do not depend on the language.
    expect(json.code).toBe(0)
    expect(jsonJa.code).toBe(0)
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(jsonJa.stdout))

    expect(refused.code).toBe(1)
    expect(refused.stdout).toBe("")
    expect(refused.stderr).toContain("The token was refused (401)")

    expect(badLang.code).toBe(2)
    expect(badLang.stdout).toBe("")
    expect(badLang.stderr).toContain("--lang must be ja or en")
    expect(badLang.stderr).toContain("--lang は ja か en です")
    expect(badEnv.code).toBe(2)
    expect(badEnv.stderr).toContain("SUKOYAKA_LANG must be ja or en")

    expect(help.code).toBe(0)
    expect(help.stdout).toContain("--lang ja|en")
    expect(help.stdout).toContain("Keys:")
  })
})
