/**
 * The API as `pnpm start` runs it (its own process, from its entry: migrations, Hono, request log
 * on stdout), over a fresh database holding BENCH_PLANS generated plans, loaded before it starts.
 * Tells its parent the URL and a viewer token over IPC; drops the database on SIGTERM.
 */
import { appRuntime, issueToken, startApiProcess, stopApiProcess } from "@sukoyaka/app"
import { databaseEnv } from "@sukoyaka/app/testing"
import { systemActor } from "@sukoyaka/storage"
import { bulkLoad, type Dialect, freshBenchDatabase } from "../lib/database.ts"
import { generate, planIdOf } from "../lib/scale.ts"

const dialect = (process.env.BENCH_DIALECT ?? "sqlite") as Dialect
const plans = Number(process.env.BENCH_PLANS ?? 1)

const database = await freshBenchDatabase(dialect)
const runtime = appRuntime(database.config)
const loadStarted = performance.now()
await runtime.runPromise(bulkLoad(generate(plans)))
const loadSeconds = (performance.now() - loadStarted) / 1000
const token = await runtime.runPromise(
  issueToken(systemActor, { name: "bench", role: "viewer", agencies: [], expiresAt: null })
)
await runtime.dispose()
const admin = process.env.BENCH_ADMIN_PASSWORD
  ? { SUKOYAKA_ADMIN_EMAIL: "bench@example.jp", SUKOYAKA_ADMIN_PASSWORD: process.env.BENCH_ADMIN_PASSWORD }
  : {}
const server = await startApiProcess({
  ...databaseEnv(database.config),
  API_PORT: "0",
  API_HOST: "127.0.0.1",
  ...admin
})

process.send?.({ url: server.url, token: token.token, planId: planIdOf(0), loadSeconds, location: database.location })

const stop = async () => {
  await stopApiProcess(server.child)
  await database.drop()
  process.exit(0)
}
process.on("SIGTERM", () => void stop())
process.on("disconnect", () => void stop())
