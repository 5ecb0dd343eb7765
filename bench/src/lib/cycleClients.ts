/**
 * The cycle bench's clients (bench/src/benches/cycle.ts): editors that save as a real client would
 * — a save never acknowledged (the connection closed, the API's timeout) has an unknown outcome, is
 * counted, and the editor reads the review again and goes on — and a sampler of the API processes'
 * memory.
 */
import { readFileSync } from "node:fs"
import { monitorEventLoopDelay } from "node:perf_hooks"

export interface Servers {
  readonly urls: [string, string]
  readonly pids: [number, number]
  readonly editorToken: string
  readonly readerToken: string
  readonly location: string
  readonly loadSeconds: number
}

/** What an editor did: acknowledged saves, 412s, saves whose outcome is unknown, failed requests. */
export interface EditorOutcome {
  readonly latencies: Array<number>
  saved: number
  conflicts: number
  /** Server errors (a non-2xx other than 412 and 503): none is expected. */
  readonly errors: Array<string>
  /**
   * Saves sent but never acknowledged: the connection closed (or another network error) before the
   * answer, or the API's request timeout answered 503 while the write may still have gone on. Either
   * outcome is possible; in order, each after the last acknowledged save (`unknownSince`).
   */
  readonly unknown: Array<string>
  /** Reads of the review that failed on the network (retried). */
  readMisses: number
  /** The last acknowledged save's text, and how many unknown-outcome saves came before it. */
  last?: string
  unknownSince: number
}

/** A request that failed on the network, with undici's cause (e.g. UND_ERR_SOCKET "other side closed"). */
export interface NetworkFailure {
  readonly at: number
  readonly request: string
  readonly message: string
}

const describeFailure = (error: unknown): string => {
  const cause = (error as { cause?: { code?: string; message?: string; socket?: Record<string, unknown> } }).cause
  if (cause === undefined) return String(error)
  // undici names the socket of a closed connection: its port, and whether it had carried requests before.
  const socket = cause.socket
  const where =
    socket === undefined
      ? ""
      : ` (local port ${String(socket.localPort)}, ${String(socket.bytesWritten)} bytes written, ${String(socket.bytesRead)} read)`
  return `${cause.code ?? "?"}: ${cause.message ?? String(cause)}${where}`
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export const editorLoop = async (
  servers: Servers,
  key: { planId: string; no: number; year: number },
  index: number,
  started: number,
  until: number,
  out: EditorOutcome,
  failures: Array<NetworkFailure>
) => {
  const headers = { authorization: `Bearer ${servers.editorToken}`, "content-type": "application/json" }
  const path = `/api/v1/plans/${key.planId}/initiatives/${key.no}/reviews/${key.year}`
  const failed = (request: string, error: unknown) =>
    failures.push({ at: (performance.now() - started) / 1000, request, message: describeFailure(error) })
  for (let round = 0; performance.now() < until; round++) {
    const server = servers.urls[(index + round) % 2]!
    const began = performance.now()
    // A network error is what a real client meets too: it reads the review again (a new version)
    // and tries again, never trusting a save it did not see acknowledged.
    let read: Response
    let body: Record<string, unknown>
    try {
      read = await fetch(server + path, { headers })
      body = (await read.json()) as Record<string, unknown>
    } catch (error) {
      out.readMisses += 1
      failed(`GET ${server}`, error)
      await pause(100)
      continue
    }
    if (!read.ok) {
      out.errors.push(`GET ${read.status}`)
      continue
    }
    const reason = `editor ${index}, save ${round}`
    const target = servers.urls[(index + round + 1) % 2]!
    let saved: Response
    try {
      saved = await fetch(target + path, {
        method: "PUT",
        headers: { ...headers, "if-match": read.headers.get("etag")! },
        body: JSON.stringify({ ...body, ratingReason: reason })
      })
      await saved.arrayBuffer()
    } catch (error) {
      out.unknown.push(reason)
      failed(`PUT ${target}`, error)
      await pause(100)
      continue
    }
    if (saved.status === 412) out.conflicts += 1
    else if (saved.ok) {
      out.saved += 1
      out.last = reason
      out.unknownSince = out.unknown.length
      out.latencies.push(performance.now() - began)
    } else if (saved.status === 503) out.unknown.push(reason)
    else out.errors.push(`PUT ${saved.status}`)
  }
}

/**
 * The texts an editor's row may hold now: its last acknowledged save, or any save of unknown
 * outcome sent after it (an If-Match version orders them: an older one cannot land after a newer).
 * Undefined when the editor wrote nothing the check could recognise.
 */
export const acceptableLastTexts = (out: Pick<EditorOutcome, "last" | "unknown" | "unknownSince">) => {
  const later = out.unknown.slice(out.unknownSince)
  if (out.last === undefined) return later.length === 0 ? undefined : { texts: later, orUnchanged: true }
  return { texts: [out.last, ...later], orUnchanged: false }
}

/** Resident memory of each process every `everyMs`, and whether it is still alive. */
export const sampleMemory = (pids: ReadonlyArray<number>, started: number, everyMs: number) => {
  const samples: Array<{ at: number; rssMb: Array<number | null> }> = []
  const rssMb = (pid: number): number | null => {
    try {
      const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/)
      return line ? Math.round(Number(line[1]) / 1024) : null
    } catch {
      return null
    }
  }
  const take = () => samples.push({ at: Math.round((performance.now() - started) / 1000), rssMb: pids.map(rssMb) })
  const timer = setInterval(take, everyMs)
  return {
    samples,
    stop: () => {
      clearInterval(timer)
      take()
    }
  }
}

/**
 * This process's own event-loop delay (the bench is one process for every client): a client whose
 * loop lags reuses an idle connection late, when the server may be closing it.
 */
export const sampleOwnLoopDelay = () => {
  const histogram = monitorEventLoopDelay({ resolution: 20 })
  histogram.enable()
  return () => {
    histogram.disable()
    return { p50Ms: histogram.percentile(50) / 1e6, p99Ms: histogram.percentile(99) / 1e6, maxMs: histogram.max / 1e6 }
  }
}
