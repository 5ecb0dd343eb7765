import { Agent, type IncomingMessage, request } from "node:http"
import { Readable } from "node:stream"
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib"

/**
 * Connections to the API kept open between pages (keep-alive), as undici's fetch keeps them.
 * Exported for the tests, which close it.
 */
export const apiAgent = new Agent({ keepAlive: true })

/** Bodies read whole before the Response is made: JSON (the API's answers and problems) and empty ones. */
const isJson = (type: string | undefined) => type !== undefined && /^application\/(?:[\w.+-]+\+)?json\b/i.test(type)

const decode = (coding: string | undefined, bytes: Buffer): Buffer => {
  switch (coding?.trim().toLowerCase()) {
    case undefined:
    case "":
    case "identity":
      return bytes
    case "gzip":
    case "x-gzip":
      return gunzipSync(bytes)
    case "br":
      return brotliDecompressSync(bytes)
    case "deflate":
      return inflateSync(bytes)
    default:
      throw new TypeError(`the API answered in an unknown content-encoding: ${coding}`)
  }
}

const headersOf = (message: IncomingMessage): Headers => {
  const headers = new Headers()
  const raw = message.rawHeaders
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!)
  return headers
}

/** A Response as fetch gives it, its `url` included (the admin's errors name the address asked). */
const responseOf = (url: string, message: IncomingMessage, body: BodyInit | null): Response => {
  const noBody = message.statusCode === 204 || message.statusCode === 304 || message.statusCode === 205
  const response = new Response(noBody ? null : body, {
    status: message.statusCode ?? 500,
    statusText: message.statusMessage ?? "",
    headers: headersOf(message)
  })
  Object.defineProperty(response, "url", { value: url })
  return response
}

const read = (url: string, message: IncomingMessage): Promise<Response> =>
  new Promise((resolve, reject) => {
    if (!isJson(message.headers["content-type"])) {
      // Files (exports, attachments) are streamed on as they come, never held whole.
      const coding = message.headers["content-encoding"]
      if (coding !== undefined && coding !== "identity") {
        message.resume()
        return reject(new TypeError(`the API compressed a file (${coding}) it was asked not to`))
      }
      return resolve(responseOf(url, message, Readable.toWeb(message) as ReadableStream<Uint8Array>))
    }
    const chunks: Array<Buffer> = []
    message.on("data", (chunk: Buffer) => chunks.push(chunk))
    message.on("error", reject)
    message.on("end", () => {
      try {
        const bytes = decode(message.headers["content-encoding"], Buffer.concat(chunks))
        resolve(responseOf(url, message, bytes as Uint8Array<ArrayBuffer>))
      } catch (e) {
        reject(e)
      }
    })
  })

/**
 * The typed client's fetch for reads (GET, HEAD without a body): one node:http request on a kept-alive
 * connection. undici's fetch spent ≈ 0.3 ms of CPU per request on this hop (its WHATWG request,
 * stream and body machinery) against ≈ 0.12 ms here, and a page asks the API several times (issue
 * #23). Everything else (form posts, uploads, other origins) goes through fetch as before.
 */
export const apiFetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
  const method = init?.method ?? "GET"
  if (
    typeof input !== "string" ||
    !input.startsWith("http://") ||
    (method !== "GET" && method !== "HEAD") ||
    init?.body != null ||
    init?.signal != null
  )
    return fetch(input, init)
  const headers: Record<string, string> = {}
  new Headers(init?.headers).forEach((value, name) => (headers[name] = value))
  return send(input, method, headers, true)
}

const send = (url: string, method: string, headers: Record<string, string>, retry: boolean): Promise<Response> =>
  new Promise((resolve, reject) => {
    const outgoing = request(url, { method, agent: apiAgent, headers }, (message) =>
      read(url, message).then(resolve, reject)
    )
    outgoing.on("error", (error: NodeJS.ErrnoException) =>
      // A kept-alive connection the API closed just as it was reused: a read is asked once more,
      // on a new connection (node:http's documented remedy; undici retries such reads too).
      retry && outgoing.reusedSocket && error.code === "ECONNRESET"
        ? send(url, method, headers, false).then(resolve, reject)
        : reject(error)
    )
    outgoing.end()
  })
