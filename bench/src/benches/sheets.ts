/**
 * Spreadsheets: export (exportWorkbook) and import (readWorkbook + diffImport) of the seed's
 * workbook and of a ~5,000-row one (the import limit counts every row, headings included), each
 * against excelts alone doing the same: writing the same cell texts to an unstyled sheet, and
 * loading the same bytes. Time: median of a few runs. Peak memory: the most the heap grew during
 * one run (sampled every millisecond) — excelts works asynchronously enough for the sampler to run.
 */
import {
  type FiscalYear,
  type Initiative,
  type InitiativeNo,
  type ObjectiveNo,
  type PlanSnapshot
} from "@sukoyaka/core"
import { loadDataset } from "@sukoyaka/data-tomakomai"
import { diffImport, exportWorkbook, type ExportOptions, readWorkbook, rowsByObjective } from "@sukoyaka/sheets"
import { Effect } from "effect"
import { Workbook } from "@cj-tech-master/excelts"
import { gc, log, median, quick, type Row, writeResult } from "../lib/common.ts"

const seed = loadDataset()
const options: ExportOptions = { fiscalYear: seed.reviews[0]!.fiscalYear as FiscalYear }

/** ~5,000 rows in all: the seed's rows repeated with new numbers across its four objectives. */
const bigPlan = (rows: number): PlanSnapshot => {
  const initiatives: Array<Initiative> = []
  const reviews: (typeof seed.reviews)[number][] = []
  for (let i = 0; i < rows; i++) {
    const from = seed.initiatives[i % seed.initiatives.length]!
    const review = seed.reviews.find((r) => r.initiativeNo === from.no)!
    const no = (i + 1) as InitiativeNo
    initiatives.push({ ...from, no, objectiveNo: ((i % 4) + 1) as ObjectiveNo })
    reviews.push({ ...review, initiativeNo: no })
  }
  return { ...seed, initiatives, reviews }
}

/** excelts alone: the same texts, one unstyled sheet per objective. */
const plainExport = async (snapshot: PlanSnapshot): Promise<Buffer> => {
  const workbook = new Workbook()
  for (const { objective, rows } of rowsByObjective(snapshot, options)) {
    const sheet = workbook.addWorksheet(`取組方針${objective.no}`)
    for (const row of rows) sheet.addRow(Object.values(row.cells))
  }
  return Buffer.from(await workbook.xlsx.writeBuffer({ validate: false }))
}

const plainImport = async (bytes: Buffer): Promise<number> => {
  const workbook = new Workbook()
  await workbook.xlsx.load(bytes)
  let count = 0
  workbook.eachSheet((sheet) => {
    count += sheet.rowCount
  })
  return count
}

const ourImport = async (bytes: Buffer, snapshot: PlanSnapshot) => {
  const parsed = await Effect.runPromise(readWorkbook(bytes))
  return diffImport(parsed, snapshot)
}

/** Time (ms, median of `runs`) and peak heap growth (MB) of one operation. */
const profile = async (run: () => Promise<unknown>, runs: number) => {
  await run()
  gc()
  const start = process.memoryUsage().heapUsed
  let peak = start
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed)
  }, 1)
  await run()
  clearInterval(sampler)
  peak = Math.max(peak, process.memoryUsage().heapUsed)
  const times: Array<number> = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    await run()
    times.push(performance.now() - started)
  }
  return { ms: median(times), peakMb: (peak - start) / 1e6 }
}

const rows: Array<Row> = []
const cases: Array<[string, PlanSnapshot, number]> = [
  ["seed workbook", seed, quick ? 3 : 7],
  ["5,000-row workbook", bigPlan(4_900), quick ? 1 : 3]
]
for (const [name, snapshot, runs] of cases) {
  const bytes = await exportWorkbook(snapshot, options)
  const plainBytes = await plainExport(snapshot)
  const rowCount = snapshot.initiatives.length
  const ours = {
    export: await profile(() => exportWorkbook(snapshot, options), runs),
    import: await profile(() => ourImport(bytes, snapshot), runs)
  }
  const plain = {
    export: await profile(() => plainExport(snapshot), runs),
    import: await profile(() => plainImport(bytes), runs)
  }
  for (const op of ["export", "import"] as const) {
    const what = op === "export" ? "exportWorkbook" : "readWorkbook + diffImport"
    const base = op === "export" ? "excelts alone, same texts unstyled" : "excelts load of the same bytes"
    rows.push(
      {
        case: `${op}: ${name} (${what})`,
        n: rowCount,
        metric: "time",
        unit: "ms",
        value: ours[op].ms,
        baseline: plain[op].ms,
        baselineLabel: base,
        higherIsBetter: false,
        note:
          op === "export"
            ? `${(bytes.length / 1024).toFixed(0)} KB (unstyled: ${(plainBytes.length / 1024).toFixed(0)} KB)`
            : undefined
      },
      {
        case: `${op}: ${name} (${what})`,
        n: rowCount,
        metric: "peak heap growth",
        unit: "MB",
        value: ours[op].peakMb,
        baseline: plain[op].peakMb,
        baselineLabel: base,
        higherIsBetter: false
      }
    )
    log(
      `sheets ${name} ${op}: ${ours[op].ms.toFixed(0)} ms (excelts ${plain[op].ms.toFixed(0)} ms), peak +${ours[op].peakMb.toFixed(0)} MB (excelts +${plain[op].peakMb.toFixed(0)} MB)`
    )
  }
}

writeResult({ name: "sheets", title: "Spreadsheets", rows })
