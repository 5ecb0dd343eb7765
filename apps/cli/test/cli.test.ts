import { execFile } from "node:child_process"
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"

const bin = new URL("../bin/sukoyaka.js", import.meta.url).pathname
const dir = mkdtempSync(join(tmpdir(), "sukoyaka-cli-"))
const env = { ...process.env, SUKOYAKA_DB: join(dir, "cli.db"), DATABASE_URL: "" }

/** Runs the real command in a child process (async, so that the test worker stays responsive). */
const run = (args: Array<string>, extraEnv: Record<string, string> = {}) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { env: { ...env, ...extraEnv }, encoding: "utf8", timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr })
    )
  })
const sukoyaka = (...args: Array<string>) => run(args)

// Each call starts a real process (a few seconds each on a loaded 2-core machine).
describe("the sukoyaka command on a temporary SQLite database", { timeout: 180_000 }, () => {
  beforeAll(async () => {
    expect(await sukoyaka("db", "seed")).toMatchObject({ code: 0, stdout: expect.stringContaining("55 initiatives") })
  })

  it("says which Sukoyaka and which Node.js it is: the Node 24 that .node-version names", async () => {
    const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      version: string
    }
    const nodeVersion = readFileSync(new URL("../../../.node-version", import.meta.url), "utf8").trim()
    const result = await sukoyaka("--version")
    expect(result.code).toBe(0)
    expect(result.stdout.trim()).toBe(`${version} (Node.js ${process.version})`)
    // pnpm test runs on the Node that scripts/setup.sh set up, not on an older system Node.
    expect(process.versions.node.split(".")[0]).toBe(nodeVersion.split(".")[0])
  })

  it("seeds once and leaves the data alone the second time", async () => {
    expect(await sukoyaka("db", "seed")).toMatchObject({ code: 0, stdout: expect.stringContaining("nothing changed") })
  })

  it("summarises the year, as text and as JSON", async () => {
    const text = await sukoyaka("summary", "--fiscal-year", "2024")
    expect(text.code).toBe(0)
    expect(text.stdout).toContain("令和６年度")
    expect(text.stdout).toMatch(/取組方針①\s+Ａ 11\s+Ｂ\s+1/)
    // 50 of 54 is 92.6 %: cut, never rounded up onto a line it has not reached (issue 15).
    expect(text.stdout).toContain("順調の割合 92%")
    const json = JSON.parse((await sukoyaka("summary", "--json")).stdout)
    expect(json.ratings).toEqual({ A: 45, B: 5, C: 4, D: 0, unrated: 1 })
  })

  it("prints a new token alone on its own line", async () => {
    const result = await sukoyaka("token", "create", "--role", "editor", "--agency", "kenko-shien", "--name", "test")
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^skt_[A-Za-z0-9_-]{43}\n$/)
  })

  it("refuses bad input with a message and exit code 2", async () => {
    const [noAgency, badRole, badExpiry, badYear, badPlan, badCommand] = await Promise.all([
      sukoyaka("token", "create", "--role", "editor"),
      sukoyaka("token", "create", "--role", "root"),
      sukoyaka("token", "create", "--role", "viewer", "--expires", "yesterday"),
      sukoyaka("rollover", "--to", "1999"),
      sukoyaka("summary", "--plan", "nowhere"),
      sukoyaka("no-such-command")
    ])
    expect(noAgency).toMatchObject({ code: 2, stderr: expect.stringContaining("needs --agency") })
    expect(badRole).toMatchObject({ code: 2 })
    expect(badExpiry).toMatchObject({ code: 2 })
    expect(badYear).toMatchObject({ code: 2, stderr: expect.stringContaining("between 2001 and 2100") })
    expect(badPlan).toMatchObject({ code: 2, stderr: expect.stringContaining("no plan") })
    expect(badCommand.code).toBe(2)
  })

  it("exports the workbook and imports it back as an empty diff, dry run by default", async () => {
    const workbook = join(dir, "plan.xlsx")
    expect(await sukoyaka("export", "--format", "xlsx", "--fiscal-year", "2024", "-o", workbook)).toMatchObject({
      code: 0
    })
    const dryRun = await sukoyaka("import", workbook)
    expect(dryRun).toMatchObject({ code: 0, stdout: expect.stringContaining("0 row(s) change, 55 unchanged") })
    expect(dryRun.stdout).toContain("dry run")
    const csv = await sukoyaka("export", "--format", "csv", "--fiscal-year", "2024", "-o", "-")
    expect(csv.stdout.startsWith("\uFEFFライフステージ,Ｎｏ.")).toBe(true)
    // The CSV imports back the same way (its key columns name the plan and the year).
    const csvFile = join(dir, "plan.csv")
    writeFileSync(csvFile, csv.stdout)
    expect(await sukoyaka("import", csvFile)).toMatchObject({
      code: 0,
      stdout: expect.stringContaining("0 row(s) change, 55 unchanged")
    })
    expect((await sukoyaka("export", "--agency", "nobody", "-o", join(dir, "x.xlsx"))).code).toBe(2)
    expect(await sukoyaka("import", bin)).toMatchObject({ code: 2, stderr: expect.stringContaining(".xlsx") })
  })

  it("rolls over to a new year, idempotently", async () => {
    expect(await sukoyaka("rollover", "--to", "2025")).toMatchObject({
      code: 0,
      stdout: expect.stringContaining("54 draft reviews created")
    })
    expect(await sukoyaka("rollover", "--to", "2025")).toMatchObject({
      code: 0,
      stdout: expect.stringContaining("0 draft reviews created, 54 already there")
    })
    expect((await sukoyaka("summary", "--fiscal-year", "2025")).stdout).toContain("作成中 54")
  })

  it("exports every year as long csv files: initiatives × years and measures × years, UTF-8 with BOM", async () => {
    const file = join(dir, "years.csv")
    expect(await sukoyaka("export", "--all-years", "--format", "csv", "-o", file)).toMatchObject({ code: 0 })
    const bytes = readFileSync(file)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const records = bytes
      .toString("utf8")
      .slice(1)
      .split("\r\n")
      .filter((line) => line !== "")
    expect(records[0]).toMatch(/^plan_id,fiscal_year,initiative_no,/)
    const years = records.slice(1).map((line) => line.split(",")[1])
    // The seed's FY2024 and the FY2025 drafts the rollover above opened.
    expect([years.filter((y) => y === "2024").length, years.filter((y) => y === "2025").length]).toEqual([55, 54])
    const measures = await sukoyaka("export", "--all-years", "--rows", "measures", "-o", "-")
    expect(measures.code).toBe(0)
    expect(measures.stdout).toMatch(/^\uFEFFplan_id,fiscal_year,initiative_no,measure_key,/)
    const refused = await sukoyaka("export", "--all-years", "--fiscal-year", "2024", "-o", "-")
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain("--all-years")
  })

  it("exports every year in one workbook, a sheet per year", async () => {
    const file = join(dir, "years.xlsx")
    expect(await sukoyaka("export", "--all-years", "-o", file)).toMatchObject({ code: 0 })
    // An xlsx is a zip (its sheets are read in the API's test): PK\x03\x04.
    expect([...readFileSync(file).subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04])
    expect((await sukoyaka("export", "--all-years", "-o", "-")).code).toBe(2)
  })

  it("adds, lists and disables users", async () => {
    const added = await run(["user", "add", "--email", "Clerk@Example.jp", "--name", "事務局", "--role", "admin"], {
      SUKOYAKA_NEW_PASSWORD: "a-long-enough-password"
    })
    expect(added.code).toBe(0)
    expect(added.stdout).not.toContain("password")
    expect((await sukoyaka("user", "list")).stdout).toContain("clerk@example.jp\tadmin")
    expect((await sukoyaka("user", "add", "--email", "clerk@example.jp", "--name", "x", "--role", "viewer")).code).toBe(
      2
    )
    // The only admin stays: disabling it would leave nobody who can administer.
    expect(await sukoyaka("user", "disable", "clerk@example.jp")).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("last enabled admin")
    })
    expect((await sukoyaka("user", "list")).stdout).not.toContain("disabled")
    expect(
      (
        await run(["user", "add", "--email", "reader@example.jp", "--name", "閲覧", "--role", "viewer"], {
          SUKOYAKA_NEW_PASSWORD: "a-long-enough-password"
        })
      ).code
    ).toBe(0)
    expect((await sukoyaka("user", "disable", "reader@example.jp")).code).toBe(0)
    expect((await sukoyaka("user", "list")).stdout).toContain("reader@example.jp\tviewer\t-\tdisabled")
  })

  it("registers webhooks: the secret printed once alone, the URL checked, and each operation on the id", async () => {
    expect(await sukoyaka("webhooks", "add", "ftp://example.jp/")).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("http:// or https://")
    })
    const added = await sukoyaka("webhooks", "add", "https://sync.example.jp/hooks", "--event", "review.updated")
    expect(added.code, added.stderr).toBe(0)
    expect(added.stdout).toMatch(/^whsec_[A-Za-z0-9+/]{43}=\n$/)
    const id = /webhook (whk_\S+)/.exec(added.stderr)![1]!
    expect((await sukoyaka("webhooks", "list")).stdout).toContain(
      `${id}\thttps://sync.example.jp/hooks\t*\treview.updated\tenabled`
    )
    const rotated = await sukoyaka("webhooks", "rotate-secret", id)
    expect(rotated.stdout).toMatch(/^whsec_/)
    expect(rotated.stdout).not.toBe(added.stdout)
    expect(await sukoyaka("webhooks", "deliveries", id)).toMatchObject({ code: 0, stdout: "" })
    expect((await sukoyaka("webhooks", "enable", id)).code).toBe(0)
    expect((await sukoyaka("webhooks", "remove", id)).code).toBe(0)
    expect(await sukoyaka("webhooks", "remove", id)).toMatchObject({ code: 2, stderr: expect.stringContaining(id) })
  })

  it("backs up and restores the SQLite file", async () => {
    const backup = join(dir, "backup.db")
    expect((await sukoyaka("db", "backup", backup)).code).toBe(0)
    expect(await sukoyaka("db", "restore", backup)).toMatchObject({
      code: 0,
      stdout: expect.stringContaining("tomakomai-step3")
    })
    expect((await sukoyaka("db", "restore", join(dir, "missing.db"))).code).toBe(2)
  })
})
