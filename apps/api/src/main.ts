// Entry point: `node apps/api/bin/sukoyaka-api.js` (the API on its own), also how `sukoyaka serve`
// starts it, as a child with an IPC channel (docs/adr/0003). Composition happens here.
import { apiConfig, type ApiProcessMessage } from "@sukoyaka/app"
import { loadDataset } from "@sukoyaka/data-tomakomai"
import { describeDatabase } from "@sukoyaka/storage"
import { Effect } from "effect"
import { log } from "./log.ts"
import { startServer } from "./server.ts"

// Started by a supervisor (`sukoyaka serve`): it prints the banner and the generated password, and
// it alone decides when to stop (SIGTERM, or its own end closing the channel).
const supervisor = process.send?.bind(process)
const tell = (message: ApiProcessMessage) => supervisor?.(message)

const config = Effect.runSync(apiConfig)
const { database } = config
const adminEmail = config.admin.email
const starting = startServer({
  database,
  port: config.port,
  host: config.host,
  seed: loadDataset(),
  admin: config.admin,
  corsOrigins: config.corsOrigins,
  internalSecret: config.internalSecret,
  trustProxy: config.trustProxy,
  secureCookies: config.secureCookies,
  silentLog: config.silentLog,
  attachmentMaxBytes: config.attachmentMaxBytes,
  mail: config.mail,
  public: config.public,
  secretKey: config.secretKey,
  webhooks: { logRetentionMs: config.webhookLogDays * 24 * 60 * 60 * 1000 }
})

// Registered before the start finishes: a stop asked for while starting waits for it, then closes.
let stopping = false
const stop = (signal: string) => {
  if (stopping) return
  stopping = true
  if (!supervisor) log("info", "stopping", { signal })
  starting
    .then((server) => server.close())
    .then(
      () => process.exit(0),
      () => process.exit(1)
    )
}
process.on("SIGTERM", () => stop("SIGTERM"))
// Ctrl-C reaches the whole process group; under a supervisor the stop is its to order (SIGTERM),
// so that it sees the API stop as asked and not on its own.
process.on("SIGINT", () => (supervisor ? undefined : stop("SIGINT")))
// The supervisor gone (even killed): nothing would stop this process any more.
process.on("disconnect", () => stop("disconnect"))

starting.then(
  (server) => {
    if (supervisor)
      return tell({ type: "ready", url: server.url, generatedAdminPassword: server.generatedAdminPassword })
    log("info", "listening", {
      url: `${server.url}/api/v1`,
      docs: `${server.url}/api/docs`,
      database: describeDatabase(database)
    })
    // Shown once, on the terminal of whoever started the server; never written to a file.
    if (server.generatedAdminPassword)
      process.stderr.write(`\nFirst admin: ${adminEmail}  password: ${server.generatedAdminPassword}\n\n`)
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error)
    if (supervisor) return supervisor({ type: "failed", message } satisfies ApiProcessMessage, () => process.exit(1))
    process.stderr.write(`sukoyaka-api: the API could not start: ${message}\n`)
    process.exit(1)
  }
)
