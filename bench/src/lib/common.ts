import { mkdirSync, writeFileSync } from "node:fs"
import { cpus } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

/** bench/ (the package root), whatever the working directory. */
export const benchRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..")
export const repoRoot = join(benchRoot, "..")
export const resultsDir = join(benchRoot, "results")

/** Node's arguments to run a TypeScript file of the bench and the workspace packages' sources. */
export const typeScriptArgs = ["--conditions=@sukoyaka/source", "--import", "tsx"] as const

export const quick = process.argv.includes("--quick")
const mode: "quick" | "full" = quick ? "quick" : "full"

/**
 * One line of the table: a figure of Sukoyaka's and the same figure of the baseline measured in the
 * same run. `ratio` is always Sukoyaka ÷ baseline; `higherIsBetter` says how to read it.
 */
export interface Row {
  /** what is measured, e.g. "GET /summary (SQLite)" */
  readonly case: string
  /** the scale: number of plans (cities), rows, …; null when there is none */
  readonly n: number | null
  readonly metric: string
  readonly unit: string
  readonly value: number | null
  readonly baseline: number | null
  readonly baselineLabel: string
  readonly higherIsBetter: boolean
  /** the goal in words, e.g. "≥ 50 % of the ceiling" */
  readonly goal?: string | undefined
  readonly met?: boolean | null | undefined
  readonly note?: string | undefined
}

export interface BenchResult {
  readonly name: string
  readonly title: string
  readonly mode: "quick" | "full"
  readonly at: string
  readonly machine: { readonly node: string; readonly cpus: number; readonly cpu: string }
  /** "skipped: …" when the bench could not run (an app not built, a database not reachable) */
  readonly skipped?: string | undefined
  readonly rows: ReadonlyArray<Row>
  readonly details?: unknown
}

export const ratioOf = (row: Pick<Row, "value" | "baseline">): number | null =>
  row.value === null || row.baseline === null || row.baseline === 0 ? null : row.value / row.baseline

export const writeResult = (result: Omit<BenchResult, "mode" | "at" | "machine">): BenchResult => {
  const full: BenchResult = {
    ...result,
    mode,
    at: new Date().toISOString(),
    machine: { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? "unknown" }
  }
  mkdirSync(resultsDir, { recursive: true })
  writeFileSync(join(resultsDir, `${result.name}.json`), `${JSON.stringify(full, null, 2)}\n`)
  return full
}

/** Runs the collector: `gc` exists when the process was started with --expose-gc (run.ts does). */
export const gc = (): void => {
  const collect = (globalThis as { gc?: () => void }).gc
  if (collect) {
    collect()
    collect()
  }
}

export const heapUsed = (): number => {
  gc()
  return process.memoryUsage().heapUsed
}

export const median = (values: ReadonlyArray<number>): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length === 0 ? NaN : sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

export const log = (message: string): void => {
  process.stderr.write(`  ${message}\n`)
}
