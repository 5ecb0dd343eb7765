import { execFile } from "node:child_process"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"

const bin = new URL("../bin/sukoyaka.js", import.meta.url).pathname
const dir = mkdtempSync(join(tmpdir(), "sukoyaka-cycle-"))
const env = { ...process.env, SUKOYAKA_DB: join(dir, "cycle.db"), DATABASE_URL: "" }

/** Runs the real command in a child process. */
const sukoyaka = (...args: Array<string>) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [bin, ...args], { env, encoding: "utf8", timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr })
    )
  })

describe("sukoyaka cycle on a temporary SQLite database", { timeout: 180_000 }, () => {
  beforeAll(async () => {
    expect((await sukoyaka("db", "seed")).code).toBe(0)
  })

  it("previews with --dry-run and writes nothing", async () => {
    const preview = await sukoyaka("cycle", "open", "--fiscal-year", "2025", "--due", "2025-06-30", "--dry-run")
    expect(preview.code).toBe(0)
    expect(preview.stdout).toMatch(/前年度から繰越す下書き 54 件、白紙の下書き 0 件、廃止で対象外 1 件、作成済み 0 件/)
    expect(await sukoyaka("cycle", "status")).toMatchObject({ code: 2, stderr: expect.stringContaining("no cycle") })
  })

  it("refuses bad input with a message and exit code 2", async () => {
    const [badDate, badAgencyDue, unknownAgency, badYear, noCycle] = await Promise.all([
      sukoyaka("cycle", "open", "--fiscal-year", "2025", "--due", "2025-02-30"),
      sukoyaka("cycle", "open", "--fiscal-year", "2025", "--due", "2025-06-30", "--agency-due", "kenko-shien"),
      sukoyaka("cycle", "open", "--fiscal-year", "2025", "--due", "2025-06-30", "--agency-due", "nobody=2025-05-31"),
      sukoyaka("cycle", "open", "--fiscal-year", "1999", "--due", "2025-06-30"),
      sukoyaka("cycle", "close", "--fiscal-year", "2030")
    ])
    expect(badDate).toMatchObject({ code: 2, stderr: expect.stringContaining("--due must be a day that exists") })
    expect(badAgencyDue).toMatchObject({ code: 2, stderr: expect.stringContaining("agency=YYYY-MM-DD") })
    expect(unknownAgency).toMatchObject({ code: 2, stderr: expect.stringContaining("no agency nobody") })
    expect(badYear).toMatchObject({ code: 2, stderr: expect.stringContaining("between 2001 and 2100") })
    expect(noCycle).toMatchObject({ code: 2, stderr: expect.stringContaining("FY2030") })
  })

  it("opens FY2025 once, shows the per-agency table and JSON, closes it", async () => {
    const opened = await sukoyaka(
      "cycle",
      "open",
      "--fiscal-year",
      "2025",
      "--due",
      "2025-06-30",
      "--agency-due",
      "kenko-shien=2025-05-31"
    )
    expect(opened).toMatchObject({ code: 0, stdout: expect.stringContaining("下書き 54 件を作成") })
    expect(await sukoyaka("cycle", "open", "--fiscal-year", "2025", "--due", "2025-06-30")).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("already open")
    })
    const table = await sukoyaka("cycle", "status")
    expect(table.code).toBe(0)
    expect(table.stdout).toMatch(/^FY2025 {2}期限 2025-06-30 {2}受付中/)
    expect(table.stdout).toMatch(/健康支援課\t2025-05-31\t9\t0\t0\t0\t0\t0\t9\t0/)
    const json = JSON.parse((await sukoyaka("cycle", "status", "--fiscal-year", "2025", "--json")).stdout)
    expect(json.tasks).toHaveLength(54)
    expect(await sukoyaka("cycle", "close", "--fiscal-year", "2025")).toMatchObject({
      code: 0,
      stdout: expect.stringContaining("締め切りました")
    })
    expect((await sukoyaka("cycle", "status")).stdout).toMatch(/締切済み/)
  })
})
