import { type ChildProcess, spawn } from "node:child_process"
import { benchRoot, typeScriptArgs } from "./common.ts"

export interface Child<M> {
  readonly message: M
  readonly process: ChildProcess
  readonly stop: () => Promise<void>
}

/**
 * Starts a TypeScript script (through tsx) in its own process and waits for its first IPC message.
 * Its stdout goes nowhere (the API's request log is written, as in production, but not kept).
 */
export const startChild = <M>(script: string, env: Record<string, string>, timeoutSeconds = 300): Promise<Child<M>> =>
  new Promise((resolve, reject) => {
    // BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the children (the servers).
    const extra = (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean)
    const child = spawn(process.execPath, [...extra, ...typeScriptArgs, script], {
      cwd: benchRoot,
      stdio: ["ignore", "ignore", "inherit", "ipc"],
      env: { ...process.env, ...env }
    })
    const timer = setTimeout(() => {
      child.kill("SIGKILL")
      reject(new Error(`${script} did not start within ${timeoutSeconds} s`))
    }, timeoutSeconds * 1000)
    child.once("exit", (code) => {
      clearTimeout(timer)
      reject(new Error(`${script} exited with ${code} before it was ready`))
    })
    child.once("message", (message) => {
      clearTimeout(timer)
      child.removeAllListeners("exit")
      resolve({
        message: message as M,
        process: child,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done()
            const force = setTimeout(() => child.kill("SIGKILL"), 10_000)
            child.once("exit", () => {
              clearTimeout(force)
              done()
            })
            child.kill("SIGTERM")
          })
      })
    })
  })
