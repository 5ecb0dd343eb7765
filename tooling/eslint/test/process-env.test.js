// One validated configuration per process (issue 16): each package's own ESLint config, run by
// ESLint itself from the package's folder, refuses `process.env` in its source outside the
// configuration module(s).
import { ESLint } from "eslint"
import { describe, expect, it } from "vitest"

const root = new URL("../../..", import.meta.url)

const envReads = async (pkg, code, file) => {
  const cwd = new URL(`${pkg}/`, root).pathname
  const { default: config } = await import(new URL(`${pkg}/eslint.config.js`, root).href)
  const eslint = new ESLint({ overrideConfigFile: true, overrideConfig: config, cwd })
  const [result] = await eslint.lintText(code, { filePath: `${cwd}${file}` })
  return result.messages
    .filter((message) => message.ruleId === "no-restricted-properties")
    .map((message) => message.message)
}

const reading = 'export const port = process.env.API_PORT ?? "8787"\n'

describe("process.env is read in the configuration modules only", () => {
  it.each(["apps/api", "apps/admin", "packages/app", "packages/storage", "packages/core", "packages/sheets"])(
    "fails process.env.X in the source of %s",
    async (pkg) => {
      expect(await envReads(pkg, reading, "src/someModule.ts")).toEqual([
        expect.stringContaining("Read the environment in the configuration module only")
      ])
      expect(
        await envReads(pkg, "const { env } = process\nexport const log = env.SUKOYAKA_LOG\n", "src/routes/x.ts")
      ).toHaveLength(1)
    }
  )

  it("lets the configuration modules, the tests, and an explained hand-over to a child read it", async () => {
    expect(await envReads("packages/app", reading, "src/Configuration.ts")).toEqual([])
    expect(await envReads("apps/admin", reading, "src/lib/server/config.ts")).toEqual([])
    expect(await envReads("apps/api", reading, "test/support.ts")).toEqual([])
    const handOver =
      'import { spawn } from "node:child_process"\n// eslint-disable-next-line no-restricted-properties -- passes the environment to a child\nexport const child = spawn("node", [], { env: { ...process.env, X: "1" } })\n'
    expect(await envReads("packages/app", handOver, "src/ApiProcess.ts")).toEqual([])
  })

  it("leaves the other apps alone (the CLI and the dashboard read their own variables)", async () => {
    expect(await envReads("apps/cli", reading, "src/someModule.ts")).toEqual([])
  })
})
