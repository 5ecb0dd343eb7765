// The worker entry of readUploadInWorker: says when it is loaded, then reads the one upload it is
// sent and posts back the ParsedWorkbook or the refusal. Kept this small so that it loads the same
// way from the sources and compiled.
import { Effect, Either } from "effect"
import { parentPort } from "node:worker_threads"
import { readUpload, type UploadOptions } from "./ReadUpload.ts"
import type { WorkerReply } from "./ReadInWorker.ts"

const port = parentPort!
port.once("message", async ({ bytes, options }: { bytes: Uint8Array; options: UploadOptions }) => {
  const result = await Effect.runPromise(Effect.either(readUpload(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), options)))
  const reply: WorkerReply = Either.isRight(result)
    ? { ok: true, parsed: result.right }
    : { ok: false, refusal: { reason: result.left.reason, ja: result.left.ja, en: result.left.en } }
  port.postMessage(reply)
})
port.postMessage({ ready: true } satisfies WorkerReply)
