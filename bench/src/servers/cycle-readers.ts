/**
 * The cycle bench's readers, in a process of their own (one for both API processes, so that they
 * take no more of the machine than when they shared the bench's process): autocannon's 2,000
 * connections kept that event loop busy for seconds at a time (its p99 delay was 12 s), and the
 * editors sharing it measured the stall as save latency and reused idle connections after the
 * server had closed them ("other side closed"). Reads BENCH_READERS (JSON: urls, token, paths,
 * connections per URL, seconds); tells its parent "started", then one result per URL.
 */
import autocannon from "autocannon"

export interface ReadersConfig {
  readonly urls: ReadonlyArray<string>
  readonly token: string
  readonly paths: ReadonlyArray<string>
  readonly connections: number
  readonly seconds: number
}

export interface ReadersResult {
  readonly requests: number
  readonly failed: number
  readonly p50Ms: number
  readonly p99Ms: number
}

const config = JSON.parse(process.env.BENCH_READERS ?? "{}") as ReadersConfig
const running = config.urls.map((url) =>
  autocannon({
    url,
    connections: config.connections,
    duration: config.seconds,
    headers: { authorization: `Bearer ${config.token}` },
    // Longer than the API's own 15 s request timeout, which answers 503 (counted below): a reader
    // that gave up first (autocannon's default is 10 s) counted the machine's overload as an error
    // the server had not made yet.
    timeout: 20,
    requests: config.paths.map((path) => ({ method: "GET" as const, path }))
  })
)
process.send?.({ started: true })
const results: Array<ReadersResult> = (await Promise.all(running)).map((result) => ({
  requests: result.requests.total,
  failed: result.errors + result.timeouts + result.non2xx,
  p50Ms: result.latency.p50,
  p99Ms: result.latency.p99
}))
process.send?.(results, () => process.disconnect())
