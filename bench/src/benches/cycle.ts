/**
 * A whole review cycle under load on PostgreSQL: two API processes over one database of N plans ×
 * 10 years, editors saving reviews (GET, then PUT with If-Match; a 412 is read again and retried)
 * while readers load the summary and the list, each client alternating between the processes.
 * Written down: throughput, p50/p99 of both, the processes' peak memory; and afterwards, that
 * nothing was lost: every acknowledged save is in the database and in the audit log.
 *
 * Sizes: --quick 10 plans, 20 editors, 200 readers, 6 s; default 100 plans, 200 editors, 2,000
 * readers, 30 s; BENCH_SOAK=1 1,741 plans, 200 editors, 2,000 readers, 10 minutes.
 */
import autocannon from "autocannon"
import { readFileSync } from "node:fs"
import pg from "pg"
import { log, quick, type Row, writeResult } from "../lib/common.ts"
import { startChild } from "../lib/child.ts"
import { pgReachable } from "../lib/database.ts"
import { ALL_MUNICIPALITIES, LAST_YEAR, planIdOf } from "../lib/scale.ts"

const soak = process.env.BENCH_SOAK === "1"
const size = soak
  ? { plans: ALL_MUNICIPALITIES, editors: 200, readers: 2000, seconds: 600 }
  : quick
    ? { plans: 10, editors: 20, readers: 200, seconds: 6 }
    : { plans: 100, editors: 200, readers: 2000, seconds: 30 }

interface Servers {
  readonly urls: [string, string]
  readonly pids: [number, number]
  readonly editorToken: string
  readonly readerToken: string
  readonly location: string
  readonly loadSeconds: number
}

const percentile = (sorted: ReadonlyArray<number>, p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!

/** Peak resident memory of a process (Linux), in MB. */
const peakRssMb = (pid: number): number | null => {
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmHWM:\s+(\d+) kB/)
    return line ? Number(line[1]) / 1024 : null
  } catch {
    return null
  }
}

const editorLoop = async (
  servers: Servers,
  key: { planId: string; no: number; year: number },
  index: number,
  until: number,
  out: { latencies: Array<number>; saved: number; conflicts: number; errors: Array<string>; last?: string }
) => {
  const headers = { authorization: `Bearer ${servers.editorToken}`, "content-type": "application/json" }
  const path = `/api/v1/plans/${key.planId}/initiatives/${key.no}/reviews/${key.year}`
  for (let round = 0; performance.now() < until; round++) {
    const server = servers.urls[(index + round) % 2]!
    const started = performance.now()
    const read = await fetch(server + path, { headers })
    if (!read.ok) {
      out.errors.push(`GET ${read.status}`)
      continue
    }
    const body = (await read.json()) as Record<string, unknown>
    const reason = `editor ${index}, save ${round}`
    const saved = await fetch(servers.urls[(index + round + 1) % 2]! + path, {
      method: "PUT",
      headers: { ...headers, "if-match": read.headers.get("etag")! },
      body: JSON.stringify({ ...body, ratingReason: reason })
    })
    await saved.arrayBuffer()
    if (saved.status === 412) out.conflicts += 1
    else if (saved.ok) {
      out.saved += 1
      out.last = reason
      out.latencies.push(performance.now() - started)
    } else out.errors.push(`PUT ${saved.status}`)
  }
}

const readers = (url: string, servers: Servers, paths: ReadonlyArray<string>, connections: number, seconds: number) =>
  autocannon({
    url,
    connections,
    duration: seconds,
    headers: { authorization: `Bearer ${servers.readerToken}` },
    requests: paths.map((path) => ({ method: "GET" as const, path }))
  })

if (!(await pgReachable())) {
  log("PostgreSQL is not reachable at 127.0.0.1:5432: the cycle bench is skipped")
  writeResult({ name: "cycle", title: "A review cycle under load (PostgreSQL)", skipped: "no PostgreSQL", rows: [] })
} else {
  const child = await startChild<Servers>("src/servers/cycle-servers.ts", { BENCH_PLANS: String(size.plans) }, 7200)
  const servers = child.message
  try {
    const list = await fetch(
      `${servers.urls[0]}/api/v1/plans/${planIdOf(0)}/initiatives?fiscalYear=${LAST_YEAR}&view=compact&pageSize=200`,
      { headers: { authorization: `Bearer ${servers.readerToken}` } }
    )
    const nos = ((await list.json()) as { items: Array<{ no: number }> }).items.map((item) => item.no)
    // A key of its own per editor (plan, initiative, year): what an editor saves is its own row.
    const keys = Array.from({ length: size.editors }, (_, i) => ({
      planId: planIdOf(i % size.plans),
      no: nos[Math.floor(i / size.plans) % nos.length]!,
      year: LAST_YEAR - Math.floor(i / (size.plans * nos.length))
    }))
    const paths = [0, 1, 2, 3].flatMap((i) => {
      const planId = planIdOf((i * 7) % size.plans)
      return [
        `/api/v1/plans/${planId}/summary?fiscalYear=${LAST_YEAR}`,
        `/api/v1/plans/${planId}/initiatives?fiscalYear=${LAST_YEAR}`
      ]
    })
    const outs = keys.map(() => ({
      latencies: [] as Array<number>,
      saved: 0,
      conflicts: 0,
      errors: [] as Array<string>
    }))
    log(
      `cycle: ${size.plans} plans loaded in ${servers.loadSeconds.toFixed(0)} s; ${size.editors} editors, ${size.readers} readers, ${size.seconds} s`
    )
    const until = performance.now() + size.seconds * 1000
    const [readA, readB] = await Promise.all([
      readers(servers.urls[0], servers, paths, size.readers / 2, size.seconds),
      readers(servers.urls[1], servers, paths, size.readers / 2, size.seconds),
      ...keys.map((key, i) => editorLoop(servers, key, i, until, outs[i]!))
    ])
    const seconds = size.seconds
    // Nothing lost: each editor's last acknowledged save is in the row, and the audit log holds one
    // update per acknowledged save.
    const db = new pg.Client({ connectionString: servers.location })
    await db.connect()
    const audit = await db.query<{ n: string }>(
      "SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'review' AND action = 'update'"
    )
    let lost = 0
    for (const [i, key] of keys.entries()) {
      const row = await db.query<{ rating_reason: string }>(
        "SELECT rating_reason FROM reviews WHERE plan_id = $1 AND initiative_no = $2 AND fiscal_year = $3",
        [key.planId, key.no, key.year]
      )
      const last = (outs[i] as { last?: string }).last
      if (last !== undefined && row.rows[0]?.rating_reason !== last) lost += 1
    }
    await db.end()
    const memory = servers.pids.map(peakRssMb)
    const saved = outs.reduce((sum, out) => sum + out.saved, 0)
    const conflicts = outs.reduce((sum, out) => sum + out.conflicts, 0)
    const writeErrors = outs.flatMap((out) => out.errors)
    const saveLatencies = outs.flatMap((out) => out.latencies).sort((x, y) => x - y)
    const auditUpdates = Number(audit.rows[0]!.n)
    const reads = readA!.requests.total + readB!.requests.total
    const readErrors = readA!.errors + readA!.timeouts + readA!.non2xx + readB!.errors + readB!.timeouts + readB!.non2xx
    const readP50 = Math.max(readA!.latency.p50, readB!.latency.p50)
    const readP99 = Math.max(readA!.latency.p99, readB!.latency.p99)
    const n = size.plans
    const base = { n, baseline: null, baselineLabel: "—", higherIsBetter: true }
    const rows: Array<Row> = [
      {
        ...base,
        case: `editors saving (${size.editors}, GET + PUT with If-Match, both processes)`,
        metric: "saves/s",
        unit: "saves/s",
        value: saved / seconds,
        note: `${saved.toLocaleString("en")} saves, ${conflicts} 412, ${writeErrors.length} errors`
      },
      {
        ...base,
        case: "editors saving",
        metric: "save p50",
        unit: "ms",
        value: percentile(saveLatencies, 50),
        higherIsBetter: false
      },
      {
        ...base,
        case: "editors saving",
        metric: "save p99",
        unit: "ms",
        value: percentile(saveLatencies, 99),
        higherIsBetter: false
      },
      {
        ...base,
        case: `readers (${size.readers}, …/summary and …/initiatives, both processes)`,
        metric: "reads/s",
        unit: "req/s",
        value: reads / seconds,
        note: `${reads.toLocaleString("en")} reads, ${readErrors} errors or non-2xx`
      },
      {
        ...base,
        case: "readers",
        metric: "read p50 (worse process)",
        unit: "ms",
        value: readP50,
        higherIsBetter: false
      },
      {
        ...base,
        case: "readers",
        metric: "read p99 (worse process)",
        unit: "ms",
        value: readP99,
        higherIsBetter: false
      },
      {
        ...base,
        case: "nothing lost: acknowledged saves − audit entries, last saves missing, errors",
        metric: "missing or failed",
        unit: "count",
        value: Math.abs(saved - auditUpdates) + lost + writeErrors.length + readErrors,
        higherIsBetter: false,
        goal: "0",
        met: saved === auditUpdates && lost === 0 && writeErrors.length === 0 && readErrors === 0,
        note: `${auditUpdates.toLocaleString("en")} audit entries, ${lost} last saves missing`
      },
      {
        ...base,
        case: "API processes' peak memory (RSS, A / B)",
        metric: "MB",
        unit: "MB",
        value: Math.max(...memory.map((mb) => mb ?? 0)),
        higherIsBetter: false,
        note: memory.map((mb) => (mb === null ? "?" : mb.toFixed(0))).join(" / ")
      }
    ]
    for (const row of rows) log(`cycle ${row.case} ${row.metric}: ${row.value?.toFixed(1)} ${row.note ?? ""}`)
    writeResult({
      name: "cycle",
      title: `A review cycle under load (PostgreSQL, two API processes, ${size.seconds} s)`,
      rows,
      details: { size, loadSeconds: servers.loadSeconds, writeErrors: writeErrors.slice(0, 20) }
    })
  } finally {
    await child.stop()
  }
}
