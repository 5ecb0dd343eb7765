/**
 * The ceiling: a bare node:http server answering each path with the precomputed JSON the API
 * returned for it (same bytes, same content type). Nothing else runs per request.
 */
import { readFileSync } from "node:fs"
import { createServer } from "node:http"

const bodies = new Map<string, Buffer>(
  Object.entries(JSON.parse(readFileSync(process.env.BENCH_BODIES!, "utf8")) as Record<string, string>).map(
    ([path, body]) => [path, Buffer.from(body)]
  )
)

const server = createServer((request, response) => {
  const body = bodies.get(request.url ?? "")
  if (body === undefined) {
    response.writeHead(404).end()
    return
  }
  response.writeHead(200, { "content-type": "application/json", "content-length": body.length }).end(body)
})
server.listen(0, "127.0.0.1", () => {
  const address = server.address()
  process.send?.({ url: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}` })
})
process.on("SIGTERM", () => server.close(() => process.exit(0)))
process.on("disconnect", () => server.close(() => process.exit(0)))
