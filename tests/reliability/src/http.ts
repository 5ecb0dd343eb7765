import { request as httpRequest } from "node:http"
import { connect } from "node:net"

export interface Reply<T = unknown> {
  readonly status: number
  readonly headers: Headers
  readonly body: T
  readonly text: string
  readonly ms: number
}

export interface CallOptions {
  readonly token?: string | undefined
  readonly cookie?: string | undefined
  readonly csrf?: string | undefined
  readonly json?: unknown
  readonly raw?: string | Uint8Array | FormData | undefined
  readonly headers?: Record<string, string> | undefined
  readonly timeoutMs?: number
}

/** One request over fetch (keep-alive); the JSON body parsed when the answer is JSON. */
export const call = async <T = unknown>(
  base: string,
  method: string,
  path: string,
  options: CallOptions = {}
): Promise<Reply<T>> => {
  const headers: Record<string, string> = {}
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`
  if (options.cookie !== undefined) headers.cookie = options.cookie
  if (options.csrf !== undefined) headers["x-csrf-token"] = options.csrf
  let body: RequestInit["body"] | undefined
  if (options.json !== undefined) {
    headers["content-type"] = "application/json"
    body = JSON.stringify(options.json)
  } else if (options.raw !== undefined) body = options.raw as RequestInit["body"]
  Object.assign(headers, options.headers)
  const started = performance.now()
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body } : {}),
    signal: AbortSignal.timeout(options.timeoutMs ?? 30_000)
  })
  const text = await response.text()
  const ms = performance.now() - started
  const type = response.headers.get("content-type") ?? ""
  let parsed: unknown = text === "" ? null : text
  if (/json/.test(type) && text !== "") {
    try {
      parsed = JSON.parse(text)
    } catch {
      parsed = text
    }
  }
  return { status: response.status, headers: response.headers, body: parsed as T, text, ms }
}

/**
 * Raw bytes over a socket of its own: for what fetch refuses to send (CR/LF in a header, a
 * malformed request line). The answer is whatever the server wrote before closing.
 */
export const rawHttp = (base: string, bytes: string | Buffer, timeoutMs = 5000): Promise<string> =>
  new Promise((ok) => {
    const url = new URL(base)
    const socket = connect(Number(url.port), url.hostname)
    const chunks: Buffer[] = []
    const done = () => ok(Buffer.concat(chunks).toString("latin1"))
    socket.setTimeout(timeoutMs, () => socket.destroy())
    socket.on("data", (chunk) => chunks.push(chunk))
    socket.on("close", done)
    socket.on("error", () => undefined)
    socket.write(bytes)
  })

/** A request on a connection of its own (node:http, no keep-alive), for bodies the server refuses early (413). */
export const oneShot = (
  url: string,
  options: {
    method: string
    headers: Record<string, string>
    body: string | Buffer | ReadonlyArray<string>
  }
): Promise<{
  status: number
  headers: Record<string, string | string[] | undefined>
  text: string
}> =>
  new Promise((resolve, reject) => {
    let answered = false
    const request = httpRequest(
      url,
      // keep-alive, as browsers and fetch send it: the server answers a refused body early and
      // discards the rest, keeping the connection. With "Connection: close" (agent: false's default)
      // it closes at once with the body still arriving, and the reset that follows can drop its
      // answer before this side reads it (write EPIPE, no status) on a busy machine.
      { method: options.method, headers: { connection: "keep-alive", ...options.headers }, agent: false },
      (response) => {
        answered = true
        const chunks: Buffer[] = []
        response.on("data", (chunk: Buffer) => chunks.push(chunk))
        response.on("end", () => {
          // This connection serves one request: closed here, not left to the server's idle timeout.
          request.destroy()
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text: Buffer.concat(chunks).toString("utf8")
          })
        })
        response.on("error", reject)
      }
    )
    // A server that answers before the body is all sent (413) may close the connection under the
    // writer (EPIPE); its answer can still arrive, later on a busy machine: wait for it a while.
    request.on("error", (error) => {
      if (!answered) setTimeout(() => (answered ? undefined : reject(error)), 5_000)
    })
    if (typeof options.body === "string" || Buffer.isBuffer(options.body)) request.end(options.body)
    else {
      for (const chunk of options.body) request.write(chunk)
      request.end()
    }
  })

/** The value of `name` in a response's Set-Cookie, and its attributes. */
export const setCookieOf = (headers: Headers, name: string) => {
  const line = headers.getSetCookie().find((cookie) => cookie.startsWith(`${name}=`))
  if (!line) return undefined
  const [pair, ...attributes] = line.split(";").map((part) => part.trim())
  return {
    value: pair!.slice(name.length + 1),
    attributes: attributes.map((attribute) => attribute.toLowerCase()),
    line
  }
}

/** Runs `task` over the items with at most `limit` in flight. */
export const pool = async <T, R>(
  items: ReadonlyArray<T>,
  limit: number,
  task: (item: T, index: number) => Promise<R>
): Promise<R[]> => {
  const results: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await task(items[index]!, index)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}

export const percentile = (values: ReadonlyArray<number>, p: number) => {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}
