// The worker entry of readUploadInWorker: says when it is loaded, then reads the one upload it is
// sent and posts back the ParsedWorkbook or the refusal. Kept this small so that it loads the same
// way from the sources and compiled.
import { Effect, Result } from "effect"
import { parentPort } from "node:worker_threads"
import { readUpload, type UploadOptions } from "./ReadUpload.ts"
import type { WorkerReply } from "./ReadInWorker.ts"

const port = parentPort!
port.once("message", async ({ bytes, options }: { bytes: Uint8Array; options: UploadOptions }) => {
  const result = await Effect.runPromise(
    Effect.result(readUpload(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), options))
  )
  const reply: WorkerReply = Result.isSuccess(result)
    ? { ok: true, parsed: result.success }
    : { ok: false, refusal: { reason: result.failure.reason, ja: result.failure.ja, en: result.failure.en } }
  port.postMessage(reply)
})
port.postMessage({ ready: true } satisfies WorkerReply)
