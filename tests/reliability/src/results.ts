/**
 * The figures of a run: each test records what it did (requests, kills, inputs, p99, RSS …) in
 * results/<mode>-<name>.json; scripts/report.ts turns them into docs/reliability.md.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), "../results")
export const MODE = process.env.RELIABILITY_MODE === "soak" ? "soak" : "fast"

export type Figures = Record<
  string,
  string | number | boolean | null | ReadonlyArray<unknown> | Record<string, unknown>
>

/**
 * Merges `figures` into the file of `name` under `section` (e.g. the dialect). The fast part runs
 * in every `pnpm test`: it records only when asked (RELIABILITY_RECORD=1), so that a test run
 * leaves the working tree clean; the soak always records.
 */
export const record = (name: string, section: string, figures: Figures) => {
  if (MODE === "fast" && process.env.RELIABILITY_RECORD !== "1") return
  mkdirSync(RESULTS_DIR, { recursive: true })
  const file = join(RESULTS_DIR, `${MODE}-${name}.json`)
  let current: { name: string; mode: string; sections: Record<string, Figures & { at?: string }> } = {
    name,
    mode: MODE,
    sections: {}
  }
  try {
    current = JSON.parse(readFileSync(file, "utf8"))
  } catch {
    // first figures of this run
  }
  current.sections[section] = { ...figures, at: new Date().toISOString() }
  current.mode = MODE
  writeFileSync(file, `${JSON.stringify(current, null, 2)}\n`)
}
