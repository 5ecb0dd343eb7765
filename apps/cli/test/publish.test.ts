/**
 * `sukoyaka publish` on a temporary SQLite database (#21): publishes the seed's FY2024 (its
 * approved count said), withdraws it, and refuses a year without reviews or a bad year with a
 * message and exit code 2. The public side's contents are tested over HTTP (apps/api/test/public.test.ts).
 */
import { execFile } from "node:child_process"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"

const bin = new URL("../bin/sukoyaka.js", import.meta.url).pathname
const dir = mkdtempSync(join(tmpdir(), "sukoyaka-publish-"))
const env = { ...process.env, SUKOYAKA_DB: join(dir, "publish.db"), DATABASE_URL: "" }

const sukoyaka = (...args: Array<string>) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [bin, ...args], { env, encoding: "utf8", timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr })
    )
  })

describe("sukoyaka publish on a temporary SQLite database", { timeout: 180_000 }, () => {
  beforeAll(async () => {
    expect((await sukoyaka("db", "seed")).code).toBe(0)
  })

  it("publishes a year and withdraws it", async () => {
    expect(await sukoyaka("publish", "--fiscal-year", "2024")).toMatchObject({
      code: 0,
      stdout: expect.stringContaining("FY2024 を公開しました: 承認済み 55 / 55 件")
    })
    expect(await sukoyaka("publish", "--fiscal-year", "2024", "--withdraw")).toMatchObject({
      code: 0,
      stdout: expect.stringContaining("FY2024 を非公開にしました")
    })
  })

  it("refuses a year without reviews and a year that is not one, with exit code 2", async () => {
    expect(await sukoyaka("publish", "--fiscal-year", "2030")).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("FY2030 has no reviews")
    })
    expect(await sukoyaka("publish", "--fiscal-year", "1999")).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("2000")
    })
    expect(await sukoyaka("publish", "--fiscal-year", "2024", "--plan", "nowhere")).toMatchObject({ code: 2 })
  })
})
