/**
 * `pnpm bench [--quick] [--only rules,api,…]`: runs each bench in a process of its own (with
 * --expose-gc, so memory is measured after a full collection), then regenerates the table in
 * docs/performance.md from bench/results/*.json.
 */
import { spawnSync } from "node:child_process"
import { benchRoot, quick, typeScriptArgs } from "./lib/common.ts"

const all = ["rules", "storage", "sheets", "api", "cycle", "ui", "startup"] as const
const onlyArg = process.argv.find((arg) => arg.startsWith("--only="))?.slice("--only=".length)
const selected = onlyArg ? all.filter((name) => onlyArg.split(",").includes(name)) : all
const started = performance.now()
const failed: Array<string> = []

for (const name of selected) {
  const benchStarted = performance.now()
  process.stderr.write(`▶ ${name}${quick ? " (quick)" : ""}\n`)
  const result = spawnSync(
    process.execPath,
    [
      "--expose-gc",
      "--max-old-space-size=8192",
      ...typeScriptArgs,
      `src/benches/${name}.ts`,
      ...(quick ? ["--quick"] : [])
    ],
    {
      cwd: benchRoot,
      stdio: "inherit",
      env: { ...process.env, SUKOYAKA_LOG: process.env.SUKOYAKA_LOG ?? "" }
    }
  )
  if (result.status !== 0) failed.push(name)
  process.stderr.write(
    `  ${name}: ${((performance.now() - benchStarted) / 1000).toFixed(0)} s${result.status === 0 ? "" : ` — FAILED (exit ${result.status})`}\n`
  )
}

const report = spawnSync(process.execPath, [...typeScriptArgs, "src/report.ts"], { cwd: benchRoot, stdio: "inherit" })
process.stderr.write(
  `done in ${((performance.now() - started) / 1000).toFixed(0)} s${failed.length > 0 ? `; failed: ${failed.join(", ")}` : ""}\n`
)
process.exitCode = failed.length > 0 || report.status !== 0 ? 1 : 0
