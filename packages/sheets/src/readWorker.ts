// The worker entry of readUploadInWorker: reads one upload and posts back the ParsedWorkbook or
// the refusal. Kept this small so that it loads the same way from the sources and compiled.
import { Effect, Either } from "effect"
import { parentPort, workerData } from "node:worker_threads"
import { readUpload, type UploadOptions } from "./ReadUpload.ts"
import type { WorkerReply } from "./ReadInWorker.ts"

const { bytes, options } = workerData as { bytes: Uint8Array; options: UploadOptions }
// Loaded: from here the read's own time budget runs.
parentPort!.postMessage({ ready: true } satisfies WorkerReply)
const result = await Effect.runPromise(Effect.either(readUpload(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), options)))
const reply: WorkerReply = Either.isRight(result)
  ? { ok: true, parsed: result.right }
  : { ok: false, refusal: { reason: result.left.reason, ja: result.left.ja, en: result.left.en } }
parentPort!.postMessage(reply)
