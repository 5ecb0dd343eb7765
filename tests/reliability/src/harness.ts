/**
 * Real components only: API processes started as an operator starts them (the API's own entry,
 * `node apps/api/bin/sukoyaka-api.js`, which `sukoyaka serve` supervises), the CLI as a process,
 * fresh databases of either dialect, and tokens issued against the same database. Every child is asynchronous
 * (spawn), so vitest's worker keeps running while a child works or is killed.
 */
import { apiEntry, appRuntime, issueToken } from "@sukoyaka/app"
import { databaseEnv } from "@sukoyaka/app/testing"
import type { Role } from "@sukoyaka/core"
import type { DatabaseConfig } from "@sukoyaka/storage"
import { type Dialect, freshDatabase, PLAN } from "@sukoyaka/storage/testing"
import { Effect, Exit, Scope } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import { type ChildProcess, spawn } from "node:child_process"
import { readdirSync, readFileSync, readlinkSync } from "node:fs"
import { createServer } from "node:net"
import { dirname, join, resolve } from "node:path"
import { fileURLToPath } from "node:url"

export type { Dialect }
export { dialects, OTHER_AGENCY, OWN_AGENCY, PLAN, SEED_YEAR } from "@sukoyaka/storage/testing"
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..")
const CLI = join(ROOT, "apps/cli/bin/sukoyaka.js")
export const V1 = "/api/v1"
export const ADMIN_EMAIL = "admin@example.jp"
export const ADMIN_PASSWORD = "reliability-admin-password-1"

export const reviewPath = (no: number, year: number, suffix = "") =>
  `${V1}/plans/${PLAN}/initiatives/${no}/reviews/${year}${suffix}`

// ---------------------------------------------------------------------------------------------
// Databases

export interface TestDatabase {
  readonly dialect: Dialect
  readonly config: DatabaseConfig
  /** The environment that points a process at it (and away from any other). */
  readonly env: Record<string, string>
  /** A runtime of the repositories on the same database, for tokens and checks. */
  readonly runtime: ReturnType<typeof appRuntime>
  readonly sql: <A = Record<string, unknown>>(
    query: (sql: SqlClient.SqlClient) => Effect.Effect<ReadonlyArray<A>, unknown>
  ) => Promise<ReadonlyArray<A>>
  readonly drop: () => Promise<void>
}

/** A fresh database: a temporary SQLite file (on disk, synced as in production) or a new PostgreSQL database. */
export const freshDb = async (dialect: Dialect): Promise<TestDatabase> => {
  const scope = Effect.runSync(Scope.make())
  const config = await Effect.runPromise(Scope.provide(freshDatabase(dialect), scope))
  const env = databaseEnv(config)
  let runtime: ReturnType<typeof appRuntime> | undefined
  const lazyRuntime = () => (runtime ??= appRuntime(config))
  return {
    dialect,
    config,
    env,
    get runtime() {
      return lazyRuntime()
    },
    sql: (query) =>
      lazyRuntime().runPromise(
        Effect.flatMap(SqlClient.SqlClient, (sql) => query(sql)) as Effect.Effect<never, unknown, never>
      ),
    drop: async () => {
      if (runtime) await runtime.dispose()
      await Effect.runPromise(Scope.close(scope, Exit.void))
    }
  }
}

/** A token issued against the database (what `sukoyaka token create` does), for tests that do not need the CLI. */
export const tokenFor = async (
  db: TestDatabase,
  role: Role,
  agencies: ReadonlyArray<string> = [],
  expiresAt: string | null = null,
  name = `${role}-${agencies.join("+") || "all"}`
) => {
  const created = await db.runtime.runPromise(
    issueToken({ id: null, label: "reliability" }, { name, role, agencies, expiresAt })
  )
  return { id: created.id, token: created.token }
}

// ---------------------------------------------------------------------------------------------
// Processes

export const freePort = (): Promise<number> =>
  new Promise((ok, fail) => {
    const server = createServer()
    server.once("error", fail)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address ? address.port : 0
      server.close(() => ok(port))
    })
  })

/**
 * Whether process `pid` itself listens on `port` (Linux's /proc): a port found free may be taken by
 * another test's server before the child binds it, and then that server would answer the child's
 * /health while the child has failed to start.
 */
const listensOn = (pid: number, port: number): boolean => {
  const hex = `:${port.toString(16).toUpperCase().padStart(4, "0")}`
  const inodes = new Set<string>()
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = ""
    try {
      text = readFileSync(table, "utf8")
    } catch {
      continue
    }
    for (const line of text.split("\n").slice(1)) {
      const columns = line.trim().split(/\s+/)
      // local_address, state 0A (LISTEN), inode
      if (columns[1]?.endsWith(hex) && columns[3] === "0A" && columns[9] !== undefined) inodes.add(columns[9])
    }
  }
  try {
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        const socket = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))
        return socket !== null && inodes.has(socket[1]!)
      } catch {
        return false
      }
    })
  } catch {
    return false
  }
}

/** The environment of a child: this process's, without any database or log setting of its own. */
const childEnv = (extra: Record<string, string>) => {
  const env: Record<string, string | undefined> = { ...process.env }
  for (const name of [
    "DATABASE_URL",
    "SUKOYAKA_DB",
    "API_PORT",
    "API_HOST",
    "SUKOYAKA_SECURE_COOKIES",
    "SUKOYAKA_TRUST_PROXY",
    "SUKOYAKA_CORS_ORIGINS",
    "SUKOYAKA_INTERNAL_SECRET",
    "NODE_OPTIONS"
  ])
    delete env[name]
  return {
    ...env,
    SUKOYAKA_LOG: "silent",
    SUKOYAKA_ADMIN_EMAIL: ADMIN_EMAIL,
    SUKOYAKA_ADMIN_PASSWORD: ADMIN_PASSWORD,
    // PostgreSQL stores webhook secrets only with a key of the operator's (SQLite keeps a key file).
    SUKOYAKA_SECRET_KEY: "the reliability tests' key, 32 characters and more",
    ...extra
  }
}

export interface Exited {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
}

const exitOf = (child: ChildProcess): Promise<Exited> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve({ code: child.exitCode, signal: child.signalCode })
    : new Promise((ok) => child.once("exit", (code, signal) => ok({ code, signal })))

export interface ApiProcess {
  readonly url: string
  readonly pid: number
  readonly child: ChildProcess
  readonly output: () => string
  /** SIGKILL (a crash) or SIGTERM (a clean stop), and the exit. */
  readonly kill: (signal?: NodeJS.Signals) => Promise<Exited>
  /** Resident memory of the process in KiB, from /proc. */
  readonly rssKiB: () => number
}

/** Starts the API (its own entry, as `serve` supervises it) on the database and waits until /health answers. */
export const startApi = (
  db: TestDatabase,
  extraEnv: Record<string, string> = {},
  timeoutMs = 90_000
): Promise<ApiProcess> => startServe(db, { extraEnv, timeoutMs, admin: undefined })

/** One start of `startServe`'s process, on a port found free just before. */
const startServeOnce = async (
  db: TestDatabase,
  options: {
    readonly extraEnv?: Record<string, string>
    readonly timeoutMs?: number
    readonly admin: { readonly port: number } | undefined
  }
): Promise<ApiProcess> => {
  const { extraEnv = {}, timeoutMs = 90_000 } = options
  const port = await freePort()
  const child = spawn(process.execPath, options.admin ? [CLI, "serve"] : [apiEntry], {
    cwd: ROOT,
    env: childEnv({
      ...db.env,
      API_PORT: String(port),
      API_HOST: "127.0.0.1",
      ...(options.admin ? { ADMIN_PORT: String(options.admin.port) } : {}),
      ...extraEnv
    }),
    stdio: ["ignore", "pipe", "pipe"]
  })
  let output = ""
  child.stdout!.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)))
  child.stderr!.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)))
  const url = `http://127.0.0.1:${port}`
  const exited = exitOf(child)
  const started = Date.now()
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`the API exited at start (${child.exitCode ?? child.signalCode}):\n${output}`)
    if (Date.now() - started > timeoutMs) {
      child.kill("SIGKILL")
      throw new Error(`the API did not answer /health within ${timeoutMs} ms:\n${output}`)
    }
    const ok = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) }).then(
      (response) => response.status === 200,
      () => false
    )
    const adminOk =
      !options.admin ||
      (await fetch(`http://127.0.0.1:${options.admin.port}/login`, {
        signal: AbortSignal.timeout(2000)
      }).then(
        (response) => response.status === 200,
        () => false
      ))
    // Under `serve` the API is a grandchild; alone, the answer must come from this very process.
    if (ok && adminOk && (options.admin !== undefined || listensOn(child.pid!, port))) break
    await sleep(100)
  }
  return {
    url,
    pid: child.pid!,
    child,
    output: () => output,
    kill: async (signal = "SIGKILL") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      return exited
    },
    rssKiB: () => {
      try {
        return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1] ?? 0)
      } catch {
        return 0
      }
    }
  }
}

/**
 * With `admin`, `sukoyaka serve` as `pnpm start` runs it: the API and the built admin UI on that
 * port (waited for until its /login answers), sharing the internal secret `serve` makes. Without,
 * the API process alone. A port taken between finding it free and binding it is tried again on another.
 */
export const startServe = async (
  db: TestDatabase,
  options: Parameters<typeof startServeOnce>[1]
): Promise<ApiProcess> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startServeOnce(db, options)
    } catch (error) {
      if (attempt >= 3 || !(error instanceof Error) || !error.message.includes("EADDRINUSE")) throw error
    }
  }
}

/** Runs the CLI on the database; `onLine` sees stdout and stderr line by line (to kill it mid-way). */
export const runCli = (
  db: TestDatabase,
  args: ReadonlyArray<string>,
  onLine?: (line: string, child: ChildProcess) => void
): Promise<Exited & { stdout: string; stderr: string }> => {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    env: childEnv(db.env),
    stdio: ["ignore", "pipe", "pipe"]
  })
  let stdout = ""
  let stderr = ""
  const lines = (append: (text: string) => void) => {
    let pending = ""
    return (chunk: Buffer) => {
      const text = chunk.toString()
      append(text)
      pending += text
      const parts = pending.split("\n")
      pending = parts.pop() ?? ""
      for (const line of parts) onLine?.(line, child)
    }
  }
  child.stdout!.on(
    "data",
    lines((text) => (stdout += text))
  )
  child.stderr!.on(
    "data",
    lines((text) => (stderr += text))
  )
  return exitOf(child).then((exit) => ({ ...exit, stdout, stderr }))
}

export const sleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms))
