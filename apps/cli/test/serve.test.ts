// `sukoyaka serve` as an operator runs it: a real process (and the API's, which it supervises), the
// configuration from the environment, Ctrl-C to the process group and SIGTERM to stop it.
import { appRuntime, rollover } from "@sukoyaka/app"
import { startTestSmtpServer } from "@sukoyaka/app/testing"
import { AgencyId, FiscalYear, PlanId, todayInJapan } from "@sukoyaka/core"
import { Accounts, Cycles } from "@sukoyaka/storage"
import { freshDatabase, PLAN } from "@sukoyaka/storage/testing"
import { Effect, Exit, Redacted, Scope } from "effect"
import { spawn } from "node:child_process"
import { mkdtempSync } from "node:fs"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"

const bin = new URL("../bin/sukoyaka.js", import.meta.url).pathname

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const address = probe.address()
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0))
    })
  })

/** Starts `serve` in a process group of its own (as a terminal would) and waits for the banner. */
const startServe = async (env: Record<string, string>, args: Array<string> = ["--no-admin"]) => {
  const child = spawn(process.execPath, [bin, "serve", ...args], {
    env: { ...process.env, DATABASE_URL: "", SUKOYAKA_DB: "", SUKOYAKA_LOG: "silent", NODE_OPTIONS: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true
  })
  let stdout = ""
  let stderr = ""
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)))
  const until = Date.now() + 150_000
  while (!stdout.includes("Stop     : Ctrl-C")) {
    if (child.exitCode !== null) break
    if (Date.now() > until) throw new Error(`serve did not start:\n${stdout}\n${stderr}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  return { child, exited, output: () => ({ stdout, stderr }) }
}

const refused = (url: string) =>
  fetch(url).then(
    () => false,
    () => true
  )

const signIn = (api: string, email: string, password: string, headers: Record<string, string> = {}) =>
  fetch(`${api}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ email, password })
  })

/** FY2025 opened on the database with an overdue due date, and an editor of kenko-shien to remind. */
const overdueEditor = async (filename: string, email: string) => {
  const runtime = appRuntime({ _tag: "Sqlite", filename })
  const system = { id: null, label: "test" }
  await runtime.runPromise(
    Effect.gen(function* () {
      yield* rollover(PLAN, FiscalYear.make(2025), system)
      yield* (yield* Accounts).createUser(system, {
        id: "usr_kenko",
        email,
        displayName: "健康支援課",
        role: "editor",
        agencies: [AgencyId.make("kenko-shien")],
        passwordHash: "x"
      })
      yield* (yield* Cycles).insert(system, {
        planId: PlanId.make(PLAN),
        fiscalYear: FiscalYear.make(2025),
        dueDate: todayInJapan(new Date(Date.now() - 86_400_000)),
        agencyDueDates: [],
        openedAt: new Date().toISOString(),
        closedAt: null,
        version: 1
      })
    })
  )
  await runtime.dispose()
}

describe("sukoyaka serve", { timeout: 300_000 }, () => {
  it("reads every variable of the configuration, and Ctrl-C stops the API and the database cleanly", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sukoyaka-serve-"))
    const port = await freePort()
    const api = `http://127.0.0.1:${port}`
    const smtp = await startTestSmtpServer()
    const serve = await startServe({
      SUKOYAKA_DB: join(dir, "serve.db"),
      API_PORT: String(port),
      API_HOST: "127.0.0.1",
      SUKOYAKA_ADMIN_EMAIL: "first@example.jp",
      SUKOYAKA_ADMIN_PASSWORD: "first-admin-password-1",
      SUKOYAKA_CORS_ORIGINS: "https://portal.example.jp, https://other.example.jp",
      SUKOYAKA_SECURE_COOKIES: "true",
      SUKOYAKA_TRUST_PROXY: "true",
      SUKOYAKA_SMTP_URL: smtp.url,
      SUKOYAKA_MAIL_FROM: "kenko@city.example.jp",
      SUKOYAKA_ADMIN_URL: "https://sukoyaka.city.example.jp",
      SUKOYAKA_REMINDER_INTERVAL: "0.02",
      SUKOYAKA_MAIL_INTERVAL: "0.5"
    })
    const { stdout } = serve.output()
    expect(stdout).toContain(`API      : ${api}/api/v1   docs: ${api}/api/docs`)
    expect(stdout).toContain(`Database : SQLite ${join(dir, "serve.db")}`)
    expect(stdout).toContain("Sign in  : first@example.jp  (password from SUKOYAKA_ADMIN_PASSWORD, or as set before)")
    expect(stdout).toContain("Admin UI : (not started)")

    expect(await (await fetch(`${api}/health`)).json()).toEqual({ status: "ok", database: "sqlite" })
    // The first admin is the configured one, its session cookie Secure (SUKOYAKA_SECURE_COOKIES).
    const session = await signIn(api, "first@example.jp", "first-admin-password-1", {
      origin: "https://other.example.jp"
    })
    expect(session.status).toBe(200)
    expect(session.headers.get("set-cookie")).toMatch(/; Secure/i)
    // Each listed origin may call the API from a browser (SUKOYAKA_CORS_ORIGINS, a list with spaces).
    expect(session.headers.get("access-control-allow-origin")).toBe("https://other.example.jp")
    // SUKOYAKA_TRUST_PROXY: failed sign-ins are counted per forwarded address, so that ten failures
    // for one account from one address refuse that address but not another one behind the same
    // proxy (one address trying many accounts has a higher limit: routes/session.ts).
    for (let attempt = 0; attempt < 10; attempt++)
      await signIn(api, "someone@example.jp", "wrong-password-123", { "x-forwarded-for": "203.0.113.7" })
    expect(
      (await signIn(api, "someone@example.jp", "wrong-password-123", { "x-forwarded-for": "203.0.113.7" })).status
    ).toBe(429)
    expect(
      (await signIn(api, "someone@example.jp", "wrong-password-123", { "x-forwarded-for": "203.0.113.8" })).status
    ).toBe(401)

    // The mail schedule (SUKOYAKA_SMTP_URL, _MAIL_FROM, _REMINDER_INTERVAL, _MAIL_INTERVAL): an
    // editor whose FY2025 reviews are overdue gets its reminder within a few seconds, from the sender,
    // linking to the admin UI (SUKOYAKA_ADMIN_URL).
    await overdueEditor(join(dir, "serve.db"), "kenko@example.jp")
    const [reminder] = await smtp.waitFor(1, 60_000)
    expect(reminder).toMatchObject({ to: ["kenko@example.jp"], from: "kenko@city.example.jp" })
    expect(reminder!.text).toContain("https://sukoyaka.city.example.jp/initiatives/")
    await smtp.close()

    // Ctrl-C: the terminal signals the whole process group.
    process.kill(-serve.child.pid!, "SIGINT")
    await serve.exited
    expect(serve.output().stderr).toContain("stopped: the API is closed and the database with it")
    expect(await refused(`${api}/health`)).toBe(true)
  })

  it("serves PostgreSQL with DATABASE_URL, generates the first admin's password once, and stops on SIGTERM", async () => {
    const scope = Effect.runSync(Scope.make())
    const config = await Effect.runPromise(Scope.provide(freshDatabase("pg"), scope))
    try {
      if (config._tag !== "Pg") throw new Error("expected PostgreSQL")
      const port = await freePort()
      const serve = await startServe({ DATABASE_URL: Redacted.value(config.url), API_PORT: String(port) })
      const { stdout } = serve.output()
      expect(stdout).toContain("Database : PostgreSQL")
      const password = /Sign in {2}: admin@example\.jp {2}password: (\S+) {2}\(generated now, shown once\)/.exec(
        stdout
      )?.[1]
      expect(password).toBeDefined()
      expect((await signIn(`http://127.0.0.1:${port}`, "admin@example.jp", password!)).status).toBe(200)
      serve.child.kill("SIGTERM")
      await serve.exited
      expect(serve.output().stderr).toContain("stopped: the API is closed and the database with it")
      expect(await refused(`http://127.0.0.1:${port}/health`)).toBe(true)
    } finally {
      await Effect.runPromise(Scope.close(scope, Exit.void))
    }
  })

  it("refuses a port that is not a port number, with exit code 2", async () => {
    for (const env of [{ API_PORT: "eighty" }, { ADMIN_PORT: "70000" }]) {
      const serve = await startServe({
        SUKOYAKA_DB: join(mkdtempSync(join(tmpdir(), "sukoyaka-serve-")), "x.db"),
        ...env
      })
      expect(await serve.exited).toBe(2)
      expect(serve.output().stderr).toContain("API_PORT and ADMIN_PORT must be port numbers")
    }
    const badMail = await startServe({
      SUKOYAKA_DB: join(mkdtempSync(join(tmpdir(), "sukoyaka-serve-")), "x.db"),
      SUKOYAKA_SMTP_URL: "mail.example.jp"
    })
    expect(await badMail.exited).toBe(2)
    expect(badMail.output().stderr).toContain("SUKOYAKA_SMTP_URL must be smtp://host:port")
  })
})
