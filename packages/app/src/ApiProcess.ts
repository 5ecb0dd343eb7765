import { type ChildProcess, spawn } from "node:child_process"
import { fileURLToPath } from "node:url"

/**
 * The API runs as a process of its own, started by path (never imported by another app): by
 * `sukoyaka serve`, which supervises it beside the admin UI, and by the tests of the other apps.
 * This is that process's contract: its entry, and what it tells its parent over the IPC channel
 * (where it listens and the generated first-admin password, or why it could not start). Over IPC,
 * not stdout, so that the password is never in a log. See docs/adr/0003.
 */
export type ApiProcessMessage =
  | { readonly type: "ready"; readonly url: string; readonly generatedAdminPassword: string | undefined }
  | { readonly type: "failed"; readonly message: string }

export const apiEntry = fileURLToPath(new URL("../../../apps/api/bin/sukoyaka-api.js", import.meta.url))

export interface StartedApi {
  readonly child: ChildProcess
  readonly url: string
  readonly generatedAdminPassword: string | undefined
}

/** The API failed before it listened: its own words, or how it ended. */
export class ApiStartFailed extends Error {
  override readonly name = "ApiStartFailed"
}

/**
 * Starts the API with `env` added to this process's environment (API_PORT=0 picks a free port) and
 * resolves once it listens. Its stdout and stderr are this process's, or pipes to read.
 */
export const startApiProcess = (
  env: Record<string, string | undefined>,
  output: "inherit" | "pipe" = "inherit"
): Promise<StartedApi> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [apiEntry], {
      stdio: ["ignore", output, output, "ipc"],
      // eslint-disable-next-line no-restricted-properties -- passes the environment to a child
      env: { ...process.env, ...env }
    })
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      reject(new ApiStartFailed(`the API exited at start (${code ?? signal})`))
    child.once("exit", onExit)
    child.once("error", (error) => reject(new ApiStartFailed(error.message)))
    child.on("message", (message: ApiProcessMessage) => {
      if (message.type === "failed") return reject(new ApiStartFailed(message.message))
      child.off("exit", onExit)
      resolve({ child, url: message.url, generatedAdminPassword: message.generatedAdminPassword })
    })
  })

/** SIGTERM (a clean stop: connections drained, the database closed) and its exit. */
export const stopApiProcess = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    child.once("exit", () => resolve())
    child.kill("SIGTERM")
  })
