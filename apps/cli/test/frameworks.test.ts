/**
 * `sukoyaka frameworks …` and `sukoyaka survey-export` on a temporary SQLite database (#24): the
 * example dataset loads (marked as an example), the coverage report shows 遺された人への支援 empty
 * and 高齢者 with two initiatives (and tags carried to other versions through the crosswalk, marked),
 * a measures sheet replaces a framework's measures, and the survey
 * export follows a column map file; bad input is a message with exit code 2.
 */
import { execFile } from "node:child_process"
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"

const bin = new URL("../bin/sukoyaka.js", import.meta.url).pathname
const dir = mkdtempSync(join(tmpdir(), "sukoyaka-frameworks-"))
const env = { ...process.env, SUKOYAKA_DB: join(dir, "frameworks.db"), DATABASE_URL: "" }

const sukoyaka = (...args: Array<string>) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { env, encoding: "utf8", timeout: 60_000, cwd: dir },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr })
    )
  })

describe("sukoyaka frameworks on a temporary SQLite database", { timeout: 180_000 }, () => {
  beforeAll(async () => {
    expect((await sukoyaka("db", "seed")).code).toBe(0)
  })

  it("loads the example dataset and prints the coverage report", async () => {
    expect(await sukoyaka("frameworks", "load-example")).toMatchObject({
      code: 0,
      stdout: expect.stringContaining("55 initiatives")
    })
    const list = await sukoyaka("frameworks", "list")
    expect(list.stdout).toContain("jscp-package")
    expect(list.stdout).toMatch(/kenko-nippon-21-3.*未確認/)
    const report = await sukoyaka("frameworks", "coverage", "--framework", "jscp-package", "--fiscal-year", "2024")
    expect(report.code, report.stderr).toBe(0)
    expect(report.stdout).toMatch(/J8 遺された人への支援\t0\tempty/)
    expect(report.stdout).toMatch(/J1 高齢者\t2\t\tNo\.93 No\.95/)
    // Through the crosswalk, marked: the 2017 重点パッケージ is the current 重点施策; 大綱 13 is 女性.
    const p2017 = await sukoyaka("frameworks", "coverage", "--framework", "package-2017", "--fiscal-year", "2024")
    expect(p2017.stdout).toMatch(/P 重点パッケージ\t39\t\tNo\.58<-jscp-package:J4\(narrower\)/)
    const taikou = await sukoyaka("frameworks", "coverage", "--framework", "taikou-r4", "--fiscal-year", "2024")
    expect(taikou.stdout).toMatch(
      /13 女性の自殺対策を更に推進する取組\t5\t\tNo\.66<-jscp-package:J5\(equivalent\) .*No\.68 No\.88 /
    )
    expect(taikou.stdout).toMatch(/9 遺された人への支援を充実する \(未確認\)\t0\tempty/)
  })

  it("replaces a framework's measures from a sheet and exports the survey through a column map", async () => {
    writeFileSync(
      join(dir, "measures.csv"),
      "\uFEFFcode,parent_code,name_ja,order,source_document,source_date,confirmed\r\n" +
        "1,,健康寿命の延伸と健康格差の縮小,1,健康日本21（第三次）,2023-05-31,\r\n"
    )
    expect(
      await sukoyaka("frameworks", "import", join(dir, "measures.csv"), "--framework", "kenko-nippon-21-3")
    ).toMatchObject({ code: 0, stdout: expect.stringContaining("1 measures loaded") })
    writeFileSync(
      join(dir, "columns.json"),
      JSON.stringify([
        { heading: "番号", field: "initiativeNo" },
        { heading: "重点施策", field: "measureCodes", framework: "jscp-package" }
      ])
    )
    const out = join(dir, "survey.csv")
    const exported = await sukoyaka(
      "survey-export",
      "--fiscal-year",
      "2024",
      "--columns",
      join(dir, "columns.json"),
      "-o",
      out
    )
    expect(exported.code, exported.stderr).toBe(0)
    const lines = readFileSync(out, "utf8").split("\r\n")
    expect(lines[0]).toBe("\uFEFF番号,重点施策")
    expect(lines).toContain("95,J1")
  })

  it("refuses an unknown framework and a sheet without --framework, with exit code 2", async () => {
    expect(await sukoyaka("frameworks", "coverage", "--framework", "nothing")).toMatchObject({ code: 2 })
    expect(await sukoyaka("frameworks", "import", join(dir, "measures.csv"))).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("--framework")
    })
  })
})
