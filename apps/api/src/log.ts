let silent = false

/**
 * Set once at start from the process's configuration (SUKOYAKA_LOG=silent: `apiConfig.silentLog`),
 * by startServer: the logger is the process's, as its stdout is.
 */
export const configureLog = (options: { readonly silent: boolean }) => {
  silent = options.silent
}

/** One JSON object per line on stdout. Callers pass no secrets: tokens, cookies and bodies are never logged. */
export const log = (level: "info" | "warn" | "error", message: string, fields: Record<string, unknown> = {}) => {
  if (silent) return
  writeLine(`${JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })}\n`)
}

/**
 * The request line, the same object as `log("info", "request", {...})` with the fields in the same
 * order, built without the intermediate object: it is written for every request.
 */
export const logRequest = (requestId: string, method: string, path: string, status: number, ms: number) => {
  if (silent) return
  writeLine(
    `{"time":"${new Date().toISOString()}","level":"info","message":"request","requestId":${JSON.stringify(requestId)},"method":${JSON.stringify(method)},"path":${JSON.stringify(path)},"status":${status},"ms":${ms}}\n`
  )
}

// Lines written in one turn of the event loop go to stdout in one write: under load that is one
// system call for many requests instead of one each. The order of lines is kept; `exit` flushes.
let pending = ""
let scheduled = false
const flush = () => {
  scheduled = false
  if (pending === "") return
  const lines = pending
  pending = ""
  process.stdout.write(lines)
}
const writeLine = (line: string) => {
  pending += line
  if (!scheduled) {
    scheduled = true
    setImmediate(flush)
  }
}
process.on("exit", flush)
