// Entry point: `pnpm start` (API only) or the main job's launcher. Composition happens here.
import { loadDataset } from "@sukoyaka/data-tomakomai"
import { databaseConfig, describeDatabase } from "@sukoyaka/storage"
import { Effect } from "effect"
import { log } from "./log.ts"
import { startServer } from "./server.ts"

const database = await Effect.runPromise(databaseConfig)
const port = Number(process.env.API_PORT ?? 8787)
const host = process.env.API_HOST ?? "127.0.0.1"
const server = await startServer({
  database,
  port,
  host,
  seed: loadDataset(),
  admin: { email: process.env.SUKOYAKA_ADMIN_EMAIL ?? "admin@example.jp", password: process.env.SUKOYAKA_ADMIN_PASSWORD || undefined },
  corsOrigins: (process.env.SUKOYAKA_CORS_ORIGINS ?? "").split(",").map((origin) => origin.trim()).filter(Boolean),
  internalSecret: process.env.SUKOYAKA_INTERNAL_SECRET || undefined
})
log("info", "listening", { url: `${server.url}/api/v1`, docs: `${server.url}/api/docs`, database: describeDatabase(database) })
if (server.generatedAdminPassword) {
  // Shown once, on the terminal of whoever started the server; never written to a file.
  process.stderr.write(`\nFirst admin: ${process.env.SUKOYAKA_ADMIN_EMAIL ?? "admin@example.jp"}  password: ${server.generatedAdminPassword}\n\n`)
}

let stopping = false
const stop = (signal: string) => {
  if (stopping) return
  stopping = true
  log("info", "stopping", { signal })
  server.close().then(
    () => process.exit(0),
    () => process.exit(1)
  )
}
process.on("SIGINT", () => stop("SIGINT"))
process.on("SIGTERM", () => stop("SIGTERM"))
