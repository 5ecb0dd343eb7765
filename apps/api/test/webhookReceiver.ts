import { createServer, type IncomingHttpHeaders } from "node:http"
import type { AddressInfo } from "node:net"

/** A POST as the receiver got it: its headers and its raw body. */
interface Received {
  readonly headers: IncomingHttpHeaders
  readonly body: string
}

/**
 * A real HTTP server that receives webhooks: it keeps every request and answers each with the status
 * `answer` gives (200 unless told otherwise), as a city's other system would.
 */
export const startReceiver = async (answer: (index: number) => number = () => 200) => {
  const received: Array<Received> = []
  const server = createServer((request, response) => {
    const chunks: Array<Buffer> = []
    request.on("data", (chunk: Buffer) => chunks.push(chunk))
    request.on("end", () => {
      const status = answer(received.length)
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") })
      response.writeHead(status, { "content-type": "text/plain" }).end(status === 200 ? "ok" : "receiver error")
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    /** Waits until `count` requests came (the schedule runs every few hundred milliseconds in the tests). */
    waitFor: async (count: number, seconds = 30) => {
      for (let waited = 0; received.length < count && waited < seconds * 10; waited++)
        await new Promise((resolve) => setTimeout(resolve, 100))
      return received
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
