/**
 * A fresh database for a bench (a temporary SQLite file or a new PostgreSQL database, as the
 * storage tests' freshDatabase makes them) and a bulk loader for N generated plans.
 */
import type { PlanSnapshot } from "@sukoyaka/core"
import {
  type DatabaseConfig,
  InitiativeRow,
  Plans,
  RatingPolicies,
  ReviewRow,
  systemActor,
  Targets
} from "@sukoyaka/storage"
import { pgAdminUrl } from "@sukoyaka/storage/testing"
import { Array as Arr, Effect, Redacted, Schema } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import pg from "pg"

export type Dialect = "sqlite" | "pg"

export interface BenchDatabase {
  readonly config: DatabaseConfig
  /** the SQLite file, or the PostgreSQL URL of the new database */
  readonly location: string
  readonly drop: () => Promise<void>
}

const adminQuery = async (text: string) => {
  const client = new pg.Client({ connectionString: pgAdminUrl })
  await client.connect()
  try {
    await client.query(text)
  } finally {
    await client.end()
  }
}

export const pgReachable = async (): Promise<boolean> => {
  try {
    await adminQuery("SELECT 1")
    return true
  } catch {
    return false
  }
}

export const freshBenchDatabase = async (dialect: Dialect): Promise<BenchDatabase> => {
  if (dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "sukoyaka-bench-"))
    const filename = join(dir, "bench.db")
    return {
      config: { _tag: "Sqlite", filename },
      location: filename,
      drop: async () => rmSync(dir, { recursive: true, force: true })
    }
  }
  const name = `sukoyaka_bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
  await adminQuery(`CREATE DATABASE ${name}`)
  const url = new URL(pgAdminUrl)
  url.pathname = `/${name}`
  return {
    config: { _tag: "Pg", url: Redacted.make(url.toString()) },
    location: url.toString(),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  }
}

/**
 * Loads plans the fast way: the plan, its agencies, targets and rating policy through the
 * repositories (audited), the initiatives and reviews as multi-row INSERTs of the rows the
 * repositories would write (no audit entry per row: a bulk load, not 600 edits per city).
 */
export const bulkLoad = (datasets: ReadonlyArray<PlanSnapshot>) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const plans = yield* Plans
    const targets = yield* Targets
    const policies = yield* RatingPolicies
    const encodeInitiative = Schema.encodeEffect(InitiativeRow)
    const encodeReview = Schema.encodeEffect(ReviewRow)
    const updatedAt = new Date().toISOString()
    for (const dataset of datasets) {
      yield* sql.withTransaction(
        Effect.gen(function* () {
          yield* plans.insert(systemActor, dataset.plan)
          for (const agency of dataset.agencies) yield* plans.insertAgency(systemActor, dataset.plan.id, agency)
          for (const [position, target] of dataset.targets.entries())
            yield* targets.insert(systemActor, dataset.plan.id, target, position)
          const { version: _version, ...policy } = dataset.ratingPolicy
          yield* policies.create(systemActor, policy)
          const initiativeRows = yield* Effect.forEach(dataset.initiatives, (initiative) =>
            encodeInitiative(initiative)
          )
          for (const chunk of Arr.chunksOf(initiativeRows, 100))
            yield* sql`INSERT INTO initiatives ${sql.insert(Arr.map(chunk, (row) => ({ ...row, createdAt: updatedAt, updatedAt })))}`
          const links = dataset.initiatives.flatMap((initiative) =>
            [...new Set(initiative.agencies)].map((agencyId) => ({
              planId: initiative.planId,
              initiativeNo: initiative.no,
              agencyId
            }))
          )
          for (const chunk of Arr.chunksOf(links, 300)) yield* sql`INSERT INTO initiative_agencies ${sql.insert(chunk)}`
          const reviewRows = yield* Effect.forEach(dataset.reviews, (review) => encodeReview(review))
          for (const chunk of Arr.chunksOf(reviewRows, 100))
            yield* sql`INSERT INTO reviews ${sql.insert(Arr.map(chunk, (row) => ({ ...row, createdAt: updatedAt, updatedAt, updatedBy: null })))}`
        })
      )
    }
  }).pipe(Effect.orDie)
