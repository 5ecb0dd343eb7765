/**
 * `sukoyaka plan import`: the fictional plan of examples/plan-definition.json loaded into a fresh
 * SQLite file by the real command, then read back by `sukoyaka summary` (issue 18: "the same plan
 * loaded from the documented plan-definition file by `sukoyaka plan import`").
 */
import { fictionalPlanFile, fictionalPlanJson } from "@sukoyaka/core/testing"
import { execFile } from "node:child_process"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"

const bin = new URL("../bin/sukoyaka.js", import.meta.url).pathname
const dir = mkdtempSync(join(tmpdir(), "sukoyaka-plan-import-"))
const env = { ...process.env, SUKOYAKA_DB: join(dir, "fresh.db"), DATABASE_URL: "" }

const sukoyaka = (...args: Array<string>) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [bin, ...args], { env, encoding: "utf8", timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr })
    )
  })

/** The example file, edited as a city might, written beside the database. */
const editedFile = (name: string, edit: (json: { initiatives: Array<{ agencies: Array<string> }> }) => void) => {
  const json = fictionalPlanJson() as { initiatives: Array<{ agencies: Array<string> }> }
  edit(json)
  const path = join(dir, name)
  writeFileSync(path, JSON.stringify(json))
  return path
}

describe("sukoyaka plan import on a fresh SQLite file", { timeout: 180_000 }, () => {
  it("shows the whole plan on a dry run and writes nothing", async () => {
    const dry = await sukoyaka("plan", "import", fictionalPlanFile, "--dry-run")
    expect(dry.code).toBe(0)
    expect(dry.stdout).toContain("kakuu-kenko: 作成 17 件・更新 0 件 / 17 created, 0 updated")
    expect(dry.stdout).toContain("+ 作成 create 基本方針2 分野1 取組方針1 「睡眠の大切さの普及」 / objective 2-1-1")
    expect(dry.stdout).toContain("dry run: nothing was written")
    expect(await sukoyaka("summary", "--plan", "kakuu-kenko")).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("no plan kakuu-kenko")
    })
  })

  it("loads the plan; the summary keeps the two basic policies' ① apart; loading it again changes nothing", async () => {
    const loaded = await sukoyaka("plan", "import", fictionalPlanFile)
    expect(loaded.code).toBe(0)
    expect(loaded.stdout).toContain("作成 17 件")
    expect(loaded.stdout).not.toContain("dry run")

    const text = await sukoyaka("summary", "--plan", "kakuu-kenko", "--fiscal-year", "2025")
    expect(text.code).toBe(0)
    expect(text.stdout).toMatch(/基本方針1 分野1 取組方針①\s+Ａ/)
    expect(text.stdout).toMatch(/基本方針2 分野1 取組方針①\s+Ａ/)
    const json = JSON.parse(
      (await sukoyaka("summary", "--plan", "kakuu-kenko", "--fiscal-year", "2025", "--json")).stdout
    )
    expect(
      json.byObjective
        .filter((row: { objectiveNo: number }) => row.objectiveNo === 1)
        .map((row: { policyNo: number; areaNo: number }) => `${row.policyNo}-${row.areaNo}`)
    ).toEqual(["1-1", "2-1"])

    const again = await sukoyaka("plan", "import", fictionalPlanFile)
    expect(again.code).toBe(0)
    expect(again.stdout).toContain("作成 0 件・更新 0 件")
    expect(again.stdout).toContain("nothing to change")
  })

  it("refuses a bad file naming the entry of the file, exit code 2, and writes nothing", async () => {
    const unknownAgency = editedFile("unknown-agency.json", (json) => {
      json.initiatives[3]!.agencies = ["xyz"]
    })
    const refused = await sukoyaka("plan", "import", unknownAgency)
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain("nothing was written")
    expect(refused.stderr).toContain(
      "initiatives[3].agencies[0]: 実施機関「xyz」はこの計画にありません / the plan has no agency xyz"
    )

    const badNumber = editedFile("bad-number.json", (json) => {
      ;(json as unknown as { plan: { basicPolicies: Array<{ no: unknown }> } }).plan.basicPolicies[1]!.no = "二"
    })
    const invalid = await sukoyaka("plan", "import", badNumber)
    expect(invalid.code).toBe(2)
    expect(invalid.stderr).toContain("plan.basicPolicies[1].no")

    const broken = join(dir, "broken.json")
    writeFileSync(broken, '{ "plan": ')
    expect(await sukoyaka("plan", "import", broken)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("not valid JSON")
    })
    expect(await sukoyaka("plan", "import", fictionalPlanFile, "--plan", "another-plan")).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("plan.id")
    })

    const unchanged = await sukoyaka("plan", "import", fictionalPlanFile, "--dry-run")
    expect(unchanged.stdout).toContain("作成 0 件・更新 0 件")
  })
})
