/**
 * Load: one API process on SQLite (the default deployment) at a steady, open-loop rate for five
 * minutes — a mix of reads and writes as the admin UI and integrations make them — with the
 * latency of every request and the process's resident memory sampled every 5 s.
 * LOAD_RATE (requests/s, default 40) and LOAD_SECONDS (default 300) change the run.
 */
import { expect, it } from "vitest"
import { PLAN, reviewPath, SEED_YEAR, sleep, tokenFor, V1 } from "../src/harness.ts"
import { apiOnFreshDb } from "../src/lifecycle.ts"
import { call, percentile } from "../src/http.ts"
import { record } from "../src/results.ts"
import { type Ack, lastAuditId, verifyAgainstAcks, versionsOf } from "../src/writers.ts"

const RATE = Number(process.env.LOAD_RATE ?? 40)
const SECONDS = Number(process.env.LOAD_SECONDS ?? 300)
/** The documented bound on the API process's resident memory under this load. */
const RSS_BOUND_MIB = Number(process.env.LOAD_RSS_BOUND_MIB ?? 512)
const MAX_IN_FLIGHT = 200

const running = apiOnFreshDb()

it(`holds ${RATE} requests/s for ${SECONDS} s with p99 and RSS recorded, RSS within ${RSS_BOUND_MIB} MiB, nothing lost`, async () => {
  const { api, db } = running
  const token = (await tokenFor(db, "admin", [], null, "load")).token
  const viewer = (await tokenFor(db, "viewer", [], null, "load-viewer")).token
  // Each write target has one writer at a time, so that every write is expected to succeed.
  const writeNos = [57, 58, 59, 60, 61, 62, 63, 65, 66, 67]
  const refs = writeNos.map((no) => ({ no, year: SEED_YEAR }))
  const since = await lastAuditId(db)
  const start = await versionsOf(db, PLAN, refs)
  const etags = new Map<number, string>()
  const bodies = new Map<number, Record<string, unknown>>()
  const busy = new Set<number>()
  for (const no of writeNos) {
    const read = await call<Record<string, unknown>>(api.url, "GET", reviewPath(no, SEED_YEAR), {
      token
    })
    etags.set(no, read.headers.get("etag")!)
    bodies.set(no, read.body)
  }
  const acks: Array<Ack> = []
  const latencies: Array<number> = []
  const byKind: Record<string, Array<number>> = {}
  const statuses: Record<string, number> = {}
  const rss: Array<{ t: number; mib: number }> = []
  let sent = 0
  let dropped = 0
  let inFlight = 0
  let sequence = 0

  const one = async (tick: number) => {
    const roll = tick % 20
    const started = performance.now()
    let kind: string
    let status: number
    const no = writeNos.find((candidate) => !busy.has(candidate))
    if (roll < 3 && no !== undefined) {
      // A write: the next free review, with the ETag of its last write.
      busy.add(no)
      kind = "PUT review"
      const n = ++sequence
      const body = { ...bodies.get(no)!, ratingReason: `load #${n}`, actions: `load actions #${n}` }
      const response = await call(api.url, "PUT", reviewPath(no, SEED_YEAR), {
        token,
        json: body,
        headers: { "if-match": etags.get(no)! }
      })
      status = response.status
      if (status === 200) {
        etags.set(no, response.headers.get("etag")!)
        acks.push({
          no,
          year: SEED_YEAR,
          version: Number(/"v(\d+)"/.exec(response.headers.get("etag")!)?.[1]),
          ratingReason: body.ratingReason,
          actions: body.actions,
          server: api.url
        })
      }
      busy.delete(no)
    } else if (roll < 10) {
      // (a write whose reviews were all being written becomes a read)
      kind = "GET review"
      status = (await call(api.url, "GET", reviewPath(57 + (tick % 55), SEED_YEAR), { token: viewer })).status
    } else if (roll < 14) {
      kind = "GET initiatives"
      status = (
        await call(
          api.url,
          "GET",
          `${V1}/plans/${PLAN}/initiatives?fiscalYear=${SEED_YEAR}&pageSize=20&page=${1 + (tick % 3)}`,
          { token: viewer }
        )
      ).status
    } else if (roll < 16) {
      kind = "GET summary"
      status = (
        await call(api.url, "GET", `${V1}/plans/${PLAN}/summary?fiscalYear=${SEED_YEAR}`, {
          token: viewer
        })
      ).status
    } else if (roll < 18) {
      kind = "GET initiative"
      status = (
        await call(api.url, "GET", `${V1}/plans/${PLAN}/initiatives/${57 + (tick % 55)}`, {
          token: viewer
        })
      ).status
    } else if (roll < 19) {
      kind = "GET history"
      status = (await call(api.url, "GET", reviewPath(57, SEED_YEAR, "/history"), { token: viewer })).status
    } else {
      kind = "GET targets"
      status = (await call(api.url, "GET", `${V1}/plans/${PLAN}/targets`, { token: viewer })).status
    }
    const ms = performance.now() - started
    latencies.push(ms)
    ;(byKind[kind] ??= []).push(ms)
    statuses[status] = (statuses[status] ?? 0) + 1
  }

  const began = Date.now()
  const sampler = setInterval(
    () =>
      rss.push({
        t: Math.round((Date.now() - began) / 1000),
        mib: Math.round(api.rssKiB() / 1024)
      }),
    5000
  )
  rss.push({ t: 0, mib: Math.round(api.rssKiB() / 1024) })
  const pending: Array<Promise<void>> = []
  const total = RATE * SECONDS
  for (let tick = 0; tick < total; tick++) {
    // Open loop: request `tick` is due at began + tick/RATE, whether or not earlier ones answered.
    const due = began + (tick * 1000) / RATE
    const wait = due - Date.now()
    if (wait > 0) await sleep(wait)
    if (inFlight >= MAX_IN_FLIGHT) {
      dropped++
      continue
    }
    sent++
    inFlight++
    pending.push(
      one(tick)
        .catch(() => void (statuses.error = (statuses.error ?? 0) + 1))
        .finally(() => void inFlight--)
    )
  }
  await Promise.all(pending)
  clearInterval(sampler)
  rss.push({ t: Math.round((Date.now() - began) / 1000), mib: Math.round(api.rssKiB() / 1024) })
  const elapsed = (Date.now() - began) / 1000
  const verdict = await verifyAgainstAcks(db, PLAN, refs, acks, since, start, true)
  const maxRss = Math.max(...rss.map((sample) => sample.mib))
  const firstMinute = rss.filter((sample) => sample.t <= 60 && sample.t > 0)
  const lastMinute = rss.filter((sample) => sample.t >= elapsed - 60)
  const mean = (samples: ReadonlyArray<{ mib: number }>) =>
    Math.round(samples.reduce((n, s) => n + s.mib, 0) / Math.max(1, samples.length))
  const figures = {
    rateRequestsPerSecond: RATE,
    seconds: Math.round(elapsed),
    requestsSent: sent,
    achievedPerSecond: Math.round((sent / elapsed) * 10) / 10,
    droppedAtClient: dropped,
    statuses,
    p50ms: Math.round(percentile(latencies, 50)),
    p95ms: Math.round(percentile(latencies, 95)),
    p99ms: Math.round(percentile(latencies, 99)),
    maxMs: Math.round(Math.max(...latencies)),
    p99msByKind: Object.fromEntries(
      Object.entries(byKind).map(([kind, values]) => [kind, Math.round(percentile(values, 99))])
    ),
    writesAcknowledged: acks.length,
    writesChecked: verdict.acknowledgedChecked,
    rssStartMiB: rss[0]!.mib,
    rssFirstMinuteMeanMiB: mean(firstMinute),
    rssLastMinuteMeanMiB: mean(lastMinute),
    rssMaxMiB: maxRss,
    rssBoundMiB: RSS_BOUND_MIB,
    rssSamples: rss.length
  }
  record("load", "sqlite, 1 process", figures)
  expect(verdict.problems).toEqual([])
  expect(statuses.error ?? 0).toBe(0)
  expect(Object.keys(statuses).filter((status) => Number(status) >= 500)).toEqual([])
  expect(Object.keys(statuses).filter((status) => status !== "200")).toEqual([])
  expect(maxRss).toBeLessThanOrEqual(RSS_BOUND_MIB)
  expect(dropped).toBeLessThan(total * 0.01)
})
