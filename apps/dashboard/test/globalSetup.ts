// Seeds one SQLite file with the Tomakomai plan for the whole run; every test file opens it (or a
// copy, when it writes) instead of migrating and seeding a database of its own.
import { appRuntime, seedPlan } from "@sukoyaka/app"
import { loadDataset } from "@sukoyaka/data-tomakomai"
import { existsSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { TestProject } from "vitest/node"

declare module "vitest" {
  export interface ProvidedContext {
    seededDatabase: string
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "sukoyaka-dashboard-"))
  const filename = join(dir, "seeded.db")
  const runtime = appRuntime({ _tag: "Sqlite", filename })
  await runtime.runPromise(seedPlan(loadDataset()))
  await runtime.dispose()
  project.provide("seededDatabase", filename)
  return () => rmSync(dir, { recursive: true, force: true })
}
