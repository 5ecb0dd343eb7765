/**
 * The API as `pnpm start` runs it (startServer: migrations, Hono, request log on stdout), over a
 * fresh database holding BENCH_PLANS generated plans. Tells its parent the URL and a viewer token
 * over IPC; drops the database on SIGTERM.
 */
import { issueToken, startServer } from "@sukoyaka/api"
import { systemActor } from "@sukoyaka/storage"
import { bulkLoad, type Dialect, freshBenchDatabase } from "../lib/database.ts"
import { generate, planIdOf } from "../lib/scale.ts"

const dialect = (process.env.BENCH_DIALECT ?? "sqlite") as Dialect
const plans = Number(process.env.BENCH_PLANS ?? 1)

const database = await freshBenchDatabase(dialect)
const admin = process.env.BENCH_ADMIN_PASSWORD ? { email: "bench@example.jp", password: process.env.BENCH_ADMIN_PASSWORD } : undefined
const server = await startServer({ database: database.config, port: 0, host: "127.0.0.1", admin })
const loadStarted = performance.now()
await server.runtime.runPromise(bulkLoad(generate(plans)))
const loadSeconds = (performance.now() - loadStarted) / 1000
const token = await server.runtime.runPromise(issueToken(systemActor, { name: "bench", role: "viewer", agencies: [], expiresAt: null }))

process.send?.({ url: server.url, token: token.token, planId: planIdOf(0), loadSeconds, location: database.location })

const stop = async () => {
  await server.close()
  await database.drop()
  process.exit(0)
}
process.on("SIGTERM", () => void stop())
process.on("disconnect", () => void stop())
