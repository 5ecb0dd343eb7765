import { Effect } from "effect"
import { createRequire } from "node:module"
import { pathToFileURL } from "node:url"
import { Worker } from "node:worker_threads"
import { defaultImportLimits, tooComplex } from "./Limits.ts"
import type { ParsedWorkbook } from "./ParsedWorkbook.ts"
import { uploadFormat, type UploadOptions } from "./ReadUpload.ts"
import { refuse, type RefusalReason, WorkbookRefused } from "./WorkbookRefused.ts"
import { inspectXlsx } from "./ZipInspection.ts"

/** What the worker posts back: a plain object, as structured clone carries it. */
export type WorkerReply =
  | { readonly ready: true }
  | { readonly ok: true; readonly parsed: ParsedWorkbook }
  | {
      readonly ok: false
      readonly refusal: { readonly reason: RefusalReason; readonly ja: string; readonly en: string }
    }

/** How long and how much memory one read may take; past either, the worker is terminated. */
export interface ReadBudget {
  /** Loading the worker and reading, together. */
  readonly timeoutMs: number
  /** V8's old generation of the worker: where the parsed workbook lives. */
  readonly maxHeapMb: number
}

/**
 * The API answers a request within 15 s, so a read ends before that (and never goes on after the
 * answer); the heap bound keeps the whole API process under its 512 MiB while a hostile file is
 * being read.
 */
export const defaultReadBudget: ReadBudget = { timeoutMs: 12_000, maxHeapMb: 96 }

// The worker's entry: readWorker.ts beside this module from the sources; once compiled, its bundle
// (dist/bundle/readWorker.js, `sukoyaka-bundle` in this package's build), which holds only the
// parts of excelts and Effect that a read uses. Through excelts' index (its PDF, Word and formula
// modules too) a worker starts with 38 MB of heap before any workbook, bundled with 15 MB: room
// under maxHeapMb that the largest legal workbooks need.
const fromSources = import.meta.url.endsWith(".ts")
const workerUrl = new URL(fromSources ? "./readWorker.ts" : "./bundle/readWorker.js", import.meta.url)

/** tsx's ESM API as its package.json exports it (require.resolve would give the CommonJS one). */
const tsxEsmApi = (): string => {
  const manifest = createRequire(import.meta.url)("tsx/package.json") as {
    exports: Record<string, { import: { default: string } }>
  }
  return manifest.exports["./esm/api"]!.import.default
}

/**
 * From the TypeScript sources (tsx, vitest) this process loads .ts through a loader that a worker
 * does not inherit when it was registered programmatically (bin/sukoyaka.js does), and Node 20
 * ignores --import in a worker's execArgv: the worker first registers tsx itself, then loads the
 * entry. Compiled JavaScript starts the entry directly.
 */
const workerScript = (): { readonly script: URL | string; readonly eval: boolean } => {
  if (!fromSources) return { script: workerUrl, eval: false }
  const tsx = new URL(tsxEsmApi(), pathToFileURL(createRequire(import.meta.url).resolve("tsx/package.json"))).href
  return {
    script: `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl.href)}) })`,
    eval: true
  }
}

interface StartedWorker {
  readonly worker: Worker
  /** Resolves once the worker has loaded its modules and waits for its upload. */
  readonly loaded: Promise<void>
}

const startWorker = (maxHeapMb: number): StartedWorker => {
  const { script, eval: isScript } = workerScript()
  const worker = new Worker(script, {
    eval: isScript,
    resourceLimits: { maxOldGenerationSizeMb: maxHeapMb, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 },
    stdout: false,
    stderr: false
  })
  // An idle worker never keeps a command from exiting.
  worker.unref()
  const loaded = new Promise<void>((resolve, reject) => {
    worker.once("message", () => resolve())
    worker.once("error", reject)
    worker.once("exit", (code) => reject(new Error(`the import worker exited with code ${code} while loading`)))
  })
  loaded.catch(() => undefined)
  return { worker, loaded }
}

/**
 * readUpload in a worker thread with a time and heap budget: a file that passes every bound of
 * the inspection and is still too much for the parser is refused (tooComplex) instead of taking
 * the server's memory and event loop with it. The worker is terminated on timeout, so no parse
 * goes on after the answer.
 */
export const readUploadInWorker = (
  bytes: Uint8Array,
  options: UploadOptions = {},
  budget: ReadBudget = defaultReadBudget
): Effect.Effect<ParsedWorkbook, WorkbookRefused> =>
  Effect.suspend(() => {
    // The inspection is cheap and bounded (sizes first, then a count): a file it refuses is refused
    // here at once, without waiting for a worker.
    if (uploadFormat(bytes, options) !== "xlsx") return readInWorker(bytes, options, budget)
    const inspection = inspectXlsx(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      ...defaultImportLimits,
      ...options.limits
    })
    return inspection instanceof WorkbookRefused ? Effect.fail(inspection) : readInWorker(bytes, options, budget)
  })

const readInWorker = (
  bytes: Uint8Array,
  options: UploadOptions,
  budget: ReadBudget
): Effect.Effect<ParsedWorkbook, WorkbookRefused> =>
  Effect.callback<ParsedWorkbook, WorkbookRefused>((resume) => {
    // A fresh worker per read: no heap outlives a read. (A spare loaded ahead saved the loading
    // time but held some 140 MiB of the API's 512 MiB for good.)
    const { worker, loaded } = startWorker(budget.maxHeapMb)
    let settled = false
    // Loading and reading share one deadline.
    const timer = setTimeout(() => settle(Effect.fail(tooComplex())), budget.timeoutMs)
    const settle = (outcome: Effect.Effect<ParsedWorkbook, WorkbookRefused>) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      void worker.terminate()
      resume(outcome)
    }
    loaded.then(
      () => {
        if (settled) return
        // A copy the worker owns (transferred, not cloned): the caller's buffer may be a pooled slice.
        const copy = new Uint8Array(bytes)
        worker.postMessage(
          {
            bytes: copy,
            options: { filename: options.filename, contentType: options.contentType, limits: options.limits }
          },
          [copy.buffer]
        )
      },
      (error) => settle(Effect.die(error))
    )
    worker.on("message", (reply: WorkerReply) => {
      if (!("ready" in reply))
        settle(
          reply.ok
            ? Effect.succeed(reply.parsed)
            : Effect.fail(refuse(reply.refusal.reason, reply.refusal.ja, reply.refusal.en))
        )
    })
    // ERR_WORKER_OUT_OF_MEMORY, or anything else that ends the worker without an answer.
    worker.on("error", (error) =>
      settle(
        (error as { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY" ? Effect.fail(tooComplex()) : Effect.die(error)
      )
    )
    worker.on("exit", (code) =>
      settle(Effect.die(new Error(`the import worker exited with code ${code} without an answer`)))
    )
    return Effect.sync(() => settle(Effect.interrupt))
  })
