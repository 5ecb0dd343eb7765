/**
 * A whole review cycle under load on PostgreSQL: two API processes over one database of N plans ×
 * 10 years, editors saving reviews (GET, then PUT with If-Match; a 412 is read again and retried)
 * while readers load the summary and the list, each client alternating between the processes.
 * Written down: throughput, p50/p99 of both, the processes' peak memory; and afterwards, that
 * nothing was lost: every acknowledged save is in the database and in the audit log. A save whose
 * connection closed (or timed out) before its answer has an unknown outcome: it is counted, the
 * editor reads again and goes on, and the check accepts either outcome for it. The readers run in a
 * process of their own (servers/cycle-readers.ts), the editors in this one: sharing one event loop,
 * the readers' 2,000 connections stalled the editors for seconds (recorded: `benchLoopDelay`).
 *
 * Sizes: --quick 10 plans, 20 editors, 200 readers, 6 s; default 100 plans, 200 editors, 2,000
 * readers, 30 s; BENCH_SOAK=1 1,741 plans, 200 editors, 2,000 readers, 10 minutes.
 */
import { existsSync, readFileSync } from "node:fs"
import pg from "pg"
import { log, quick, type Row, writeResult } from "../lib/common.ts"
import { startChild } from "../lib/child.ts"
import { pgReachable } from "../lib/database.ts"
import {
  acceptableLastTexts,
  type EditorOutcome,
  editorLoop,
  type NetworkFailure,
  sampleMemory,
  sampleOwnLoopDelay,
  type Servers
} from "../lib/cycleClients.ts"
import type { ReadersConfig, ReadersResult } from "../servers/cycle-readers.ts"
import { ALL_MUNICIPALITIES, LAST_YEAR, planIdOf } from "../lib/scale.ts"

const soak = process.env.BENCH_SOAK === "1"
const size = soak
  ? { plans: ALL_MUNICIPALITIES, editors: 200, readers: 2000, seconds: 600 }
  : quick
    ? { plans: 10, editors: 20, readers: 200, seconds: 6 }
    : { plans: 100, editors: 200, readers: 2000, seconds: 30 }

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

/**
 * The readers, in a process of their own (servers/cycle-readers.ts) so that their connections do
 * not stall the editors' event loop; resolves once they run, with their results (one per API
 * process) to come.
 */
const startReaders = async (servers: Servers, paths: ReadonlyArray<string>) => {
  const config: ReadersConfig = {
    urls: servers.urls,
    token: servers.readerToken,
    paths,
    connections: size.readers / 2,
    seconds: size.seconds
  }
  const child = await startChild<{ started: true }>("src/servers/cycle-readers.ts", {
    BENCH_READERS: JSON.stringify(config)
  })
  const results = new Promise<ReadonlyArray<ReadersResult>>((resolve, reject) => {
    child.process.once("message", (message) => resolve(message as ReadonlyArray<ReadersResult>))
    child.process.once("exit", (code) => reject(new Error(`the readers exited with ${code} before their results`)))
  })
  return { results }
}

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
    const outs: Array<EditorOutcome> = keys.map(() => ({
      latencies: [],
      saved: 0,
      conflicts: 0,
      errors: [],
      unknown: [],
      readMisses: 0,
      unknownSince: 0
    }))
    const failures: Array<NetworkFailure> = []
    log(
      `cycle: ${size.plans} plans loaded in ${servers.loadSeconds.toFixed(0)} s; ${size.editors} editors, ${size.readers} readers, ${size.seconds} s`
    )
    const readers = await startReaders(servers, paths)
    const started = performance.now()
    const until = started + size.seconds * 1000
    const memorySamples = sampleMemory(servers.pids, started, soak ? 15_000 : 5_000)
    const ownLoopDelay = sampleOwnLoopDelay()
    const [[readA, readB]] = await Promise.all([
      readers.results,
      ...keys.map((key, i) => editorLoop(servers, key, i, started, until, outs[i]!, failures))
    ])
    memorySamples.stop()
    const benchLoopDelay = ownLoopDelay()
    const seconds = size.seconds
    // Nothing lost: each editor's row holds its last acknowledged save (or a later save whose
    // outcome is unknown), and the audit log holds one update per acknowledged save (and at most
    // one more per unknown outcome).
    const db = new pg.Client({ connectionString: servers.location })
    await db.connect()
    const audit = await db.query<{ n: string }>(
      "SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'review' AND action = 'update'"
    )
    let lost = 0
    let unknownLanded = 0
    for (const [i, key] of keys.entries()) {
      const row = await db.query<{ rating_reason: string }>(
        "SELECT rating_reason FROM reviews WHERE plan_id = $1 AND initiative_no = $2 AND fiscal_year = $3",
        [key.planId, key.no, key.year]
      )
      const text = row.rows[0]?.rating_reason
      const acceptable = acceptableLastTexts(outs[i]!)
      if (acceptable === undefined) continue
      const ours = text !== undefined && /^editor \d+, save \d+$/.test(text)
      if (acceptable.texts.includes(text ?? "") || (acceptable.orUnchanged && !ours)) {
        if (text !== outs[i]!.last && ours) unknownLanded += 1
      } else lost += 1
    }
    await db.end()
    const alive = servers.pids.map((pid) => existsSync(`/proc/${pid}`))
    const memory = servers.pids.map(peakRssMb)
    const saved = outs.reduce((sum, out) => sum + out.saved, 0)
    const conflicts = outs.reduce((sum, out) => sum + out.conflicts, 0)
    const unknown = outs.reduce((sum, out) => sum + out.unknown.length, 0)
    const readMisses = outs.reduce((sum, out) => sum + out.readMisses, 0)
    const writeErrors = outs.flatMap((out) => out.errors)
    const saveLatencies = outs.flatMap((out) => out.latencies).sort((x, y) => x - y)
    const auditUpdates = Number(audit.rows[0]!.n)
    const auditConsistent = auditUpdates >= saved && auditUpdates <= saved + unknown
    const reads = readA!.requests + readB!.requests
    const readErrors = readA!.failed + readB!.failed
    const readP50 = Math.max(readA!.p50Ms, readB!.p50Ms)
    const readP99 = Math.max(readA!.p99Ms, readB!.p99Ms)
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
        case: "nothing lost: audit entries outside [acknowledged, + unknown], last saves missing, errors",
        metric: "missing or failed",
        unit: "count",
        value: (auditConsistent ? 0 : 1) + lost + writeErrors.length + readErrors,
        higherIsBetter: false,
        goal: "0",
        met: auditConsistent && lost === 0 && writeErrors.length === 0 && readErrors === 0,
        note: `${auditUpdates.toLocaleString("en")} audit entries for ${saved.toLocaleString("en")} acknowledged and ${unknown} unknown-outcome saves, ${lost} last saves missing`
      },
      {
        ...base,
        case: "saves not acknowledged (connection closed or timed out: outcome unknown, retried)",
        metric: "count",
        unit: "count",
        value: unknown,
        higherIsBetter: false,
        note: `${unknownLanded} of the editors' rows hold such a save; ${readMisses} reads failed on the network (retried)${alive.every(Boolean) ? "" : "; an API process exited"}`
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
      details: {
        size,
        loadSeconds: servers.loadSeconds,
        writeErrors: writeErrors.slice(0, 20),
        networkFailures: failures.length,
        firstNetworkFailures: failures.slice(0, 20),
        apiProcessesAlive: alive,
        benchLoopDelay,
        memorySamples: memorySamples.samples
      }
    })
  } finally {
    await child.stop()
  }
}
