/**
 * Two API processes (as behind a load balancer) over one fresh PostgreSQL database holding
 * BENCH_PLANS generated plans of 10 years each. Tells its parent both URLs, the pids (for their
 * memory), an admin token for the editors and a viewer token for the readers, and the database URL
 * (to count what was written); drops the database on SIGTERM.
 */
import { appRuntime, issueToken, startApiProcess, stopApiProcess } from "@sukoyaka/app"
import { databaseEnv } from "@sukoyaka/app/testing"
import { systemActor } from "@sukoyaka/storage"
import { bulkLoad, freshBenchDatabase } from "../lib/database.ts"
import { generatePlan } from "../lib/scale.ts"

const plans = Number(process.env.BENCH_PLANS ?? 1)
const database = await freshBenchDatabase("pg")
const runtime = appRuntime(database.config)
const loadStarted = performance.now()
// In slices: 1,741 plans × 600 reviews at once would hold every generated plan in memory.
for (let first = 0; first < plans; first += 50) {
  const slice = Array.from({ length: Math.min(50, plans - first) }, (_, offset) => generatePlan(first + offset))
  await runtime.runPromise(bulkLoad(slice))
}
const loadSeconds = (performance.now() - loadStarted) / 1000
const issue = (name: string, role: "admin" | "viewer") =>
  runtime.runPromise(issueToken(systemActor, { name, role, agencies: [], expiresAt: null }))
const editor = await issue("cycle-editors", "admin")
const reader = await issue("cycle-readers", "viewer")
await runtime.dispose()

const env = { ...databaseEnv(database.config), API_PORT: "0", API_HOST: "127.0.0.1" }
// One after the other: the second finds the schema migrated (they would also wait on a lock).
const a = await startApiProcess(env)
const b = await startApiProcess(env)

process.send?.({
  urls: [a.url, b.url],
  pids: [a.child.pid, b.child.pid],
  editorToken: editor.token,
  readerToken: reader.token,
  location: database.location,
  loadSeconds
})

const stop = async () => {
  await Promise.all([stopApiProcess(a.child), stopApiProcess(b.child)])
  await database.drop()
  process.exit(0)
}
process.on("SIGTERM", () => void stop())
process.on("disconnect", () => void stop())
