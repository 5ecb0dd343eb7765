/**
 * How long the commands take to start, each beside a bare `node -e 0` started in the same run
 * (interleaved, so that the load of a shared machine hits both): the compiled `sukoyaka --help`,
 * `sukoyaka summary` and the dashboard's first frame (`--once`) on a seeded SQLite file, and
 * `sukoyaka serve --no-admin` until `/health` answers.
 */
import { spawn } from "node:child_process"
import { existsSync, mkdtempSync, rmSync } from "node:fs"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { log, median, quick, repoRoot, type Row, writeResult } from "../lib/common.ts"

const cli = join(repoRoot, "apps", "cli", "bin", "sukoyaka.js")
const dashboard = join(repoRoot, "apps", "dashboard", "bin", "sukoyaka-dashboard.js")
const rounds = quick ? 3 : 9
const dir = mkdtempSync(join(tmpdir(), "sukoyaka-bench-startup-"))
const env = { ...process.env, SUKOYAKA_DB: join(dir, "bench.db"), DATABASE_URL: "", SUKOYAKA_LOG: "" }

/** Milliseconds from spawn to exit; a failure (exit code ≠ 0) fails the bench. */
const timed = (args: ReadonlyArray<string>, extraEnv: Record<string, string> = {}) =>
  new Promise<number>((resolve, reject) => {
    const started = performance.now()
    const child = spawn(process.execPath, args, { env: { ...env, ...extraEnv }, stdio: ["ignore", "ignore", "pipe"] })
    let stderr = ""
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()))
    child.once("exit", (code) =>
      code === 0
        ? resolve(performance.now() - started)
        : reject(new Error(`node ${args.join(" ")} exited with ${code}:\n${stderr}`))
    )
  })

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer()
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0))
    })
  })

/** Milliseconds from spawning `serve --no-admin` until `/health` answers 200; then stops it. */
const serveUntilHealthy = async () => {
  const port = await freePort()
  const started = performance.now()
  const child = spawn(process.execPath, [cli, "serve", "--no-admin"], {
    env: { ...env, API_PORT: String(port), API_HOST: "127.0.0.1" },
    stdio: ["ignore", "ignore", "ignore"]
  })
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode}`)
      if (performance.now() - started > 60_000) throw new Error("serve did not answer /health within 60 s")
      const healthy = await fetch(`http://127.0.0.1:${port}/health`).then(
        (response) => response.ok,
        () => false
      )
      if (healthy) return performance.now() - started
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
  } finally {
    const exited = new Promise((resolve) => child.once("exit", resolve))
    child.kill("SIGTERM")
    await exited
  }
}

interface Case {
  readonly label: string
  readonly run: () => Promise<number>
  readonly goal: string
  readonly met: (ms: number, ratio: number) => boolean
}

const cases: ReadonlyArray<Case> = [
  {
    label: "sukoyaka --help",
    run: () => timed([cli, "--help"]),
    goal: "≤ 6× node -e 0",
    met: (_ms, ratio) => ratio <= 6
  },
  { label: "sukoyaka summary (SQLite, seed)", run: () => timed([cli, "summary"]), goal: "", met: () => true },
  {
    label: "dashboard: first frame (--once, SQLite)",
    run: () => timed([dashboard, "--once", "--width", "100"]),
    goal: "≤ 15× node -e 0",
    met: (_ms, ratio) => ratio <= 15
  },
  {
    label: "sukoyaka serve --no-admin until /health answers",
    run: serveUntilHealthy,
    goal: "< 3 s",
    met: (ms) => ms < 3000
  }
]

const bare = () => timed(["-e", "0"])

if (!existsSync(join(repoRoot, "apps", "cli", "dist")) || !existsSync(join(repoRoot, "apps", "dashboard", "dist"))) {
  writeResult({ name: "startup", title: "Startup", skipped: "not built: run `pnpm build` first", rows: [] })
} else {
  await timed([cli, "db", "seed"])
  const rows: Array<Row> = []
  for (const { label, run, goal, met } of cases) {
    await run() // warm the file cache
    const values: Array<number> = []
    const baselines: Array<number> = []
    for (let round = 0; round < rounds; round++) {
      values.push(await run())
      baselines.push(await bare())
    }
    const value = median(values)
    const baseline = median(baselines)
    log(`${label}: ${value.toFixed(0)} ms, node -e 0: ${baseline.toFixed(0)} ms`)
    rows.push({
      case: label,
      n: null,
      metric: "time (median)",
      unit: "ms",
      value,
      baseline,
      baselineLabel: "`node -e 0`, same run",
      higherIsBetter: false,
      ...(goal ? { goal, met: met(value, value / baseline) } : {})
    })
  }
  writeResult({ name: "startup", title: "Startup of the commands", rows })
}
rmSync(dir, { recursive: true, force: true })
