/**
 * The bounded read: cells and XML are counted before the parser sees a file, and the parse runs in
 * a worker thread with a time and heap budget. The workbook of the report (95 sheets × 52 rows ×
 * 730 cells, 9.6 MB) was within every old limit and took the API to 1.4 GB and 45 s.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Result } from "effect"
import { exportWorkbook, readUpload, readUploadInWorker } from "../src/index.ts"
import { hostileWorkbook, largeLegalWorkbook } from "../src/testing.ts"
import { dataset, sheetOf } from "./helpers.ts"

// A busy test machine loads a worker from the TypeScript sources slowly: time enough, unless a test
// is about the budget itself.
const generous = { timeoutMs: 120_000, maxHeapMb: 192 }

const inWorker = (bytes: Uint8Array, budget: Parameters<typeof readUploadInWorker>[2] = generous) =>
  Effect.runPromise(Effect.result(readUploadInWorker(bytes, { filename: "returned.xlsx" }, budget)))

describe("readUploadInWorker", { timeout: 120_000 }, () => {
  it("reads the city's workbook exactly as readUpload does", async () => {
    const file = await exportWorkbook(dataset, sheetOf())
    const direct = await Effect.runPromise(readUpload(file, { filename: "returned.xlsx" }))
    const bounded = await inWorker(file)
    expect(Result.isSuccess(bounded) && bounded.success).toEqual(direct)
  })

  it("refuses the 3.6-million-cell workbook by counting its cells, before any parse", async () => {
    const file = hostileWorkbook()
    expect(file.length).toBeLessThan(10 * 1024 * 1024)
    const started = performance.now()
    const direct = await Effect.runPromise(Effect.result(readUpload(file, { filename: "returned.xlsx" })))
    expect(Result.isFailure(direct) && direct.failure.reason).toBe("tooManyCells")
    expect(performance.now() - started).toBeLessThan(10_000)
    const bounded = await inWorker(file)
    expect(Result.isFailure(bounded) && bounded.failure).toMatchObject({
      reason: "tooManyCells",
      ja: expect.stringContaining("セル"),
      en: expect.stringContaining("cells")
    })
  })

  it("reads a 10 MB workbook within the limits, and refuses it as tooComplex past the time or heap budget", async () => {
    const file = largeLegalWorkbook()
    expect(file.length).toBeGreaterThan(9.5 * 1024 * 1024)
    const read = await inWorker(file)
    expect(Result.isSuccess(read) && read.success.problems.length).toBeGreaterThan(0)
    const late = await inWorker(file, { timeoutMs: 50, maxHeapMb: 192 })
    expect(Result.isFailure(late) && late.failure).toMatchObject({
      reason: "tooComplex",
      ja: expect.stringContaining("複雑"),
      en: expect.stringContaining("too complex")
    })
    const starved = await inWorker(file, { timeoutMs: 60_000, maxHeapMb: 16 })
    expect(Result.isFailure(starved) && starved.failure.reason).toBe("tooComplex")
  })
})
