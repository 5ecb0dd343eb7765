/**
 * The API under load: GET …/summary and GET …/initiatives with autocannon, 50 connections, against
 * the real server (startServer over SQLite and PostgreSQL, N plans in the database, a bearer token)
 * and against the ceiling: a bare node:http server returning the same precomputed JSON. The server
 * and autocannon each have a process (and so, on this machine, a core) of their own.
 */
import autocannon from "autocannon"
import { writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { log, quick, type Row, writeResult } from "../lib/common.ts"
import { startChild } from "../lib/child.ts"
import { type Dialect, pgReachable } from "../lib/database.ts"
import { LAST_YEAR, sizes } from "../lib/scale.ts"

const CONNECTIONS = 50
const duration = quick ? 2 : 10
/** Sequential requests before a measurement, so that the JIT has seen the handler. */
const warmupRequests = quick ? 20 : 100
const planCounts = sizes(quick)

interface Load {
  readonly rps: number
  readonly p50: number
  readonly p99: number
  readonly errors: number
  readonly non2xx: number
  readonly bytes: number
}

const load = async (url: string, headers: Record<string, string>, seconds: number): Promise<Load> => {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers })
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    bytes: result.throughput.average
  }
}

const measure = async (url: string, headers: Record<string, string>) => {
  for (let i = 0; i < warmupRequests; i++) await (await fetch(url, { headers })).arrayBuffer()
  return load(url, headers, duration)
}

const rows: Array<Row> = []
const details: Array<unknown> = []
const dialects: Array<Dialect> = ["sqlite"]
if (await pgReachable()) dialects.push("pg")
else log("PostgreSQL is not reachable at 127.0.0.1:5432: the PostgreSQL lines are skipped")

for (const dialect of dialects) {
  for (const plans of planCounts) {
    const api = await startChild<{ url: string; token: string; planId: string; loadSeconds: number }>(
      "src/servers/api-server.ts",
      {
        BENCH_DIALECT: dialect,
        BENCH_PLANS: String(plans)
      }
    )
    const { url, token, planId } = api.message
    const paths = {
      summary: `/api/v1/plans/${planId}/summary?fiscalYear=${LAST_YEAR}`,
      initiatives: `/api/v1/plans/${planId}/initiatives?fiscalYear=${LAST_YEAR}`
    }
    const headers = { authorization: `Bearer ${token}` }
    const bodies: Record<string, string> = {}
    const measured: Record<string, Load> = {}
    try {
      for (const [name, path] of Object.entries(paths)) {
        const response = await fetch(url + path, { headers })
        if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`)
        bodies[path] = await response.text()
        measured[name] = await measure(url + path, headers)
      }
    } finally {
      await api.stop()
    }
    const bodiesFile = join(tmpdir(), `sukoyaka-bench-bodies-${process.pid}.json`)
    writeFileSync(bodiesFile, JSON.stringify(bodies))
    const bare = await startChild<{ url: string }>("src/servers/bare-server.ts", { BENCH_BODIES: bodiesFile })
    const ceiling: Record<string, Load> = {}
    try {
      for (const [name, path] of Object.entries(paths)) ceiling[name] = await measure(bare.message.url + path, {})
    } finally {
      await bare.stop()
    }
    const label = dialect === "sqlite" ? "SQLite" : "PostgreSQL"
    for (const name of Object.keys(paths)) {
      const app = measured[name]!
      const top = ceiling[name]!
      const bodyKb = Buffer.byteLength(bodies[paths[name as keyof typeof paths]]!) / 1024
      const errors = app.errors + app.non2xx
      rows.push(
        {
          case: `GET …/${name} (${label})`,
          n: plans,
          metric: "requests/s",
          unit: "req/s",
          value: app.rps,
          baseline: top.rps,
          baselineLabel: "bare node:http, same JSON",
          higherIsBetter: true,
          goal: "≥ 50 % of the ceiling",
          met: app.rps >= 0.5 * top.rps,
          note: `${bodyKb.toFixed(0)} KB body${errors > 0 ? `, ${app.errors} timeouts or errors, ${app.non2xx} non-2xx` : ""}`
        },
        {
          case: `GET …/${name} (${label})`,
          n: plans,
          metric: "latency p50",
          unit: "ms",
          value: app.p50,
          baseline: top.p50,
          baselineLabel: "bare node:http, same JSON",
          higherIsBetter: false
        },
        {
          case: `GET …/${name} (${label})`,
          n: plans,
          metric: "latency p99",
          unit: "ms",
          value: app.p99,
          baseline: top.p99,
          baselineLabel: "bare node:http, same JSON",
          higherIsBetter: false,
          goal: "≤ 2× the ceiling's p99",
          met: app.p99 <= 2 * top.p99
        }
      )
      log(
        `api ${label} N=${plans} ${name}: ${app.rps.toFixed(0)} req/s (ceiling ${top.rps.toFixed(0)}), p50 ${app.p50} ms, p99 ${app.p99} ms (ceiling p99 ${top.p99} ms)`
      )
    }
    details.push({ dialect, plans, loadSeconds: api.message.loadSeconds, app: measured, ceiling })
  }
}

writeResult({ name: "api", title: `API (autocannon, ${CONNECTIONS} connections, ${duration} s)`, rows, details })
