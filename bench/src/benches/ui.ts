/**
 * The admin UI and the dashboard, measured only where their apps exist and build.
 * - Admin (apps/admin/build, `vite build` output): server render time of its pages, signed in, over
 *   the API on SQLite, against a bare node:http server returning the same HTML; and the JavaScript
 *   each page ships (gzip), against the SvelteKit runtime entry alone.
 * - Dashboard (apps/dashboard): time to the first frame of `--once` over the API, against a bare
 *   `node` printing the same frame.
 */
import { spawn } from "node:child_process"
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { createServer } from "node:http"
import { createServer as createNetServer } from "node:net"
import { dirname, join, resolve } from "node:path"
import { gzipSync } from "node:zlib"
import { log, median, quick, repoRoot, type Row, writeResult } from "../lib/common.ts"
import { startChild } from "../lib/child.ts"
import { planIdOf } from "../lib/scale.ts"

const adminDir = join(repoRoot, "apps", "admin")
const dashboardBin = join(repoRoot, "apps", "dashboard", "bin", "sukoyaka-dashboard.js")
const PASSWORD = "bench-password-0123456789"
const requests = quick ? 10 : 40
const warmUp = quick ? 20 : 50

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createNetServer()
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0))
    })
  })

const waitFor = async (url: string, seconds: number) => {
  const until = Date.now() + seconds * 1000
  while (Date.now() < until) {
    try {
      await fetch(url)
      return
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }
  throw new Error(`${url} did not answer within ${seconds} s`)
}

/**
 * Sequential requests: the server's time to render a page, as one user sees it, once the server is
 * warm (a running admin has served many pages). Three warm-up requests (before issue #23's third
 * round) timed code the JIT had not optimised yet, half of a page's time on a fresh process.
 */
const renderTimes = async (url: string, headers: Record<string, string>) => {
  for (let i = 0; i < warmUp; i++) await (await fetch(url, { headers })).text()
  const times: Array<number> = []
  for (let i = 0; i < requests; i++) {
    const started = performance.now()
    await (await fetch(url, { headers })).text()
    times.push(performance.now() - started)
  }
  return median(times)
}

const bareHtml = async (html: string) => {
  const server = createServer((_request, response) =>
    response.writeHead(200, { "content-type": "text/html" }).end(html)
  )
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const address = server.address()
  return {
    url: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  }
}

/**
 * The files a page loads before it runs: the given modules and their static imports, transitively,
 * and what SvelteKit's start entry imports at once with `import()` (its client runtime, ≈ 16 KB gzip:
 * every page loads it, so a page that does not also import it statically must not look lighter).
 */
const staticClosure = (files: ReadonlyArray<string>): Set<string> => {
  const seen = new Set<string>()
  const queue = [...files]
  while (queue.length > 0) {
    const file = queue.pop()!
    if (seen.has(file) || !existsSync(file)) continue
    seen.add(file)
    const code = readFileSync(file, "utf8")
    for (const match of code.matchAll(/(?:\bfrom\s*|\bimport\s*)["'](\.{1,2}\/[^"']+\.js)["']/g))
      queue.push(resolve(dirname(file), match[1]!))
    if (/[/\\]entry[/\\]start\.[\w-]+\.js$/.test(file))
      for (const match of code.matchAll(/\bimport\(\s*[`"'](\.{1,2}\/[^`"']+\.js)[`"']\s*\)/g))
        queue.push(resolve(dirname(file), match[1]!))
  }
  return seen
}

const gzipOf = (file: string) => (existsSync(file) ? gzipSync(readFileSync(file), { level: 9 }).length : 0)

const rows: Array<Row> = []
const skipped: Array<string> = []
const api = await startChild<{ url: string; token: string; planId: string }>("src/servers/api-server.ts", {
  BENCH_DIALECT: "sqlite",
  BENCH_PLANS: "1",
  BENCH_ADMIN_PASSWORD: PASSWORD
})
try {
  // Admin UI
  if (!existsSync(join(adminDir, "build", "handler.js"))) {
    skipped.push("admin UI: not built (apps/admin/build is missing: run `pnpm --filter @sukoyaka/admin build`)")
  } else {
    const port = await freePort()
    const origin = `http://127.0.0.1:${port}`
    const admin = spawn(process.execPath, ["build"], {
      cwd: adminDir,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", ORIGIN: origin, API_URL: api.message.url }
    })
    try {
      await waitFor(origin, 30)
      const signIn = await fetch(`${api.message.url}/api/v1/session`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "bench@example.jp", password: PASSWORD })
      })
      const cookie = /sukoyaka_session=[^;]+/.exec(signIn.headers.get("set-cookie") ?? "")?.[0]
      if (!cookie) throw new Error(`sign-in failed: ${signIn.status}`)
      const headers = { cookie }
      for (const [name, path] of [
        ["initiatives page", "/initiatives"],
        ["overview page", "/"]
      ] as const) {
        const response = await fetch(origin + path, { headers, redirect: "manual" })
        const html = await response.text()
        if (response.status !== 200) {
          skipped.push(
            `admin UI ${name} (${path}): ${response.status === 404 ? "not built yet (HTTP 404)" : `failed (HTTP ${response.status})`}`
          )
          continue
        }
        const ms = await renderTimes(origin + path, headers)
        const bare = await bareHtml(html)
        const bareMs = await renderTimes(bare.url, {})
        await bare.close()
        const client = join(adminDir, "build", "client")
        const entries = [
          ...new Set([...html.matchAll(/_app\/immutable\/entry\/[\w.-]+\.js/g)].map((match) => join(client, match[0])))
        ]
        const nodeIds = (/node_ids:\s*\[([\d,\s]+)\]/.exec(html)?.[1] ?? "")
          .split(",")
          .map((id) => id.trim())
          .filter(Boolean)
        const nodesDir = join(client, "_app", "immutable", "nodes")
        const nodeFiles = existsSync(nodesDir)
          ? readdirSync(nodesDir)
              .filter((file) => file.endsWith(".js") && nodeIds.includes(file.split(".")[0]!))
              .map((file) => join(nodesDir, file))
          : []
        const entryFiles = staticClosure(entries)
        const pageFiles = staticClosure([...entries, ...nodeFiles])
        const pageJs = [...pageFiles].reduce((sum, file) => sum + gzipOf(file), 0)
        const entryJs = [...entryFiles].reduce((sum, file) => sum + gzipOf(file), 0)
        const scripts = [...pageFiles]
        rows.push(
          {
            case: `admin UI: ${name} (${path}), signed in`,
            n: 1,
            metric: "server render",
            unit: "ms",
            value: ms,
            baseline: bareMs,
            baselineLabel: "bare node:http, same HTML",
            higherIsBetter: false,
            goal: "≤ 10× the bare server, HTML < 100 KB",
            met: ms <= 10 * bareMs && html.length < 100 * 1024,
            note: `${(html.length / 1024).toFixed(0)} KB HTML`
          },
          {
            case: `admin UI: ${name} (${path})`,
            n: 1,
            metric: "JavaScript shipped (gzip)",
            unit: "KB",
            value: pageJs / 1024,
            baseline: entryJs / 1024,
            baselineLabel: "SvelteKit entry (start + app) and its client runtime alone",
            higherIsBetter: false,
            goal: "< 100 KB gzip",
            met: pageJs < 100 * 1024,
            note: `${scripts.length} files`
          }
        )
        log(
          `admin ${path}: ${ms.toFixed(1)} ms (bare ${bareMs.toFixed(1)} ms), JS ${(pageJs / 1024).toFixed(1)} KB gzip (entry ${(entryJs / 1024).toFixed(1)} KB)`
        )
      }
    } finally {
      admin.kill("SIGTERM")
    }
  }

  // Dashboard
  if (!existsSync(dashboardBin)) {
    skipped.push("dashboard: not built (apps/dashboard/bin/sukoyaka-dashboard.js is missing)")
  } else {
    const run = (args: ReadonlyArray<string>, env: Record<string, string>) =>
      new Promise<{ ms: number; firstMs: number; out: string; code: number | null }>((resolve) => {
        const started = performance.now()
        let firstMs = NaN
        let out = ""
        const child = spawn(process.execPath, args, {
          cwd: repoRoot,
          stdio: ["ignore", "pipe", "pipe"],
          env: { ...process.env, ...env }
        })
        child.stdout.on("data", (chunk: Buffer) => {
          if (Number.isNaN(firstMs)) firstMs = performance.now() - started
          out += chunk.toString()
        })
        child.on("exit", (code) => resolve({ ms: performance.now() - started, firstMs, out, code }))
      })
    const env = { SUKOYAKA_API_URL: api.message.url, SUKOYAKA_TOKEN: api.message.token, NO_COLOR: "1" }
    const first = await run([dashboardBin, "--once", "--plan", planIdOf(0), "--width", "100"], env)
    if (first.code !== 0 || first.out.trim() === "") {
      skipped.push(`dashboard: --once failed (exit ${first.code})`)
    } else {
      const times: Array<number> = []
      const bareTimes: Array<number> = []
      const runs = quick ? 1 : 5
      for (let i = 0; i < runs; i++) {
        times.push((await run([dashboardBin, "--once", "--plan", planIdOf(0), "--width", "100"], env)).firstMs)
        bareTimes.push((await run(["-e", `process.stdout.write(${JSON.stringify(first.out)})`], {})).firstMs)
      }
      rows.push({
        case: "dashboard: first frame (--once, over the API)",
        n: 1,
        metric: "time to first frame",
        unit: "ms",
        value: median(times),
        baseline: median(bareTimes),
        baselineLabel: "bare `node` printing the same frame",
        higherIsBetter: false
      })
      log(`dashboard first frame: ${median(times).toFixed(0)} ms (bare node ${median(bareTimes).toFixed(0)} ms)`)
    }
  }
} finally {
  await api.stop()
}
for (const line of skipped) log(`skipped: ${line}`)
writeResult({
  name: "ui",
  title: "Admin UI and dashboard",
  rows,
  skipped: skipped.length > 0 ? skipped.join("; ") : undefined
})
