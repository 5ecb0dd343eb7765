/**
 * The whole system for the browser tests and the screenshots: the API (its own process) on a fresh
 * SQLite file with the Tomakomai seed, users of each role, the built admin UI (node build), and
 * Debian's chromium through playwright-core.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process"
import { randomBytes } from "node:crypto"
import { existsSync } from "node:fs"
import { createServer } from "node:net"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { type ApiUnderTest, startApiForTest } from "@sukoyaka/app/testing"
import type { DatabaseConfig } from "@sukoyaka/storage"
import { freshDatabase } from "@sukoyaka/storage/testing"
import { Effect, Exit, Scope } from "effect"
import { chromium, type Browser } from "playwright-core"

export const appDir = join(dirname(fileURLToPath(import.meta.url)), "..")

export const users = {
  admin: { email: "admin@example.jp", password: "admin-password-123" },
  editor: {
    email: "kenko@example.jp",
    password: "editor-password-123",
    displayName: "健康支援課 担当",
    role: "editor",
    agencies: ["kenko-shien"]
  },
  editor2: {
    email: "kenko2@example.jp",
    password: "editor-password-456",
    displayName: "健康支援課 副担当",
    role: "editor",
    agencies: ["kenko-shien"]
  },
  viewer: {
    email: "viewer@example.jp",
    password: "viewer-password-123",
    displayName: "閲覧者",
    role: "viewer",
    agencies: []
  }
} as const

/** 健康支援課's rows that the tests find as drafts. */
export const draftRows = [58, 85, 88, 89, 91, 98] as const

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })

/** Signs in at the API itself: the cookie and CSRF token of a session, for setting up data. */
export const apiSession = async (apiUrl: string, who: { email: string; password: string }) => {
  const response = await fetch(`${apiUrl}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: who.email, password: who.password })
  })
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`)
  const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0]!
  const { csrfToken } = (await response.json()) as { csrfToken: string }
  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${apiUrl}/api/v1${path}`, {
      ...init,
      headers: {
        cookie,
        "x-csrf-token": csrfToken,
        ...(init.body && typeof init.body === "string" ? { "content-type": "application/json" } : {}),
        ...init.headers
      }
    })
  return { cookie, csrfToken, call }
}

export const chromiumPath = (): string => {
  for (const candidate of [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"])
    if (candidate && existsSync(candidate)) return candidate
  return execFileSync("sh", ["-c", "command -v chromium || command -v chromium-browser"], { encoding: "utf8" }).trim()
}

export interface Stack {
  readonly api: ApiUnderTest
  /** The API's database: a test may add data the API has no route for (the fictional FY2023). */
  readonly database: DatabaseConfig
  readonly adminUrl: string
  /** The admin's API session (sign-ins are throttled: the tests reuse this one). */
  readonly adminApi: Awaited<ReturnType<typeof apiSession>>
  readonly browser: Browser
  readonly stop: () => Promise<void>
}

const waitFor = async (url: string, child: ChildProcess, ms = 30_000) => {
  const until = Date.now() + ms
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the admin exited with ${child.exitCode}`)
    const ok = await fetch(url, { redirect: "manual" }).then(
      () => true,
      () => false
    )
    if (ok) return
    await new Promise((r) => setTimeout(r, 150))
  }
  throw new Error(`${url} did not answer`)
}

export const startStack = async (): Promise<Stack> => {
  if (!existsSync(join(appDir, "build", "index.js"))) {
    execFileSync("pnpm", ["exec", "vite", "build"], { cwd: appDir, stdio: "inherit" })
  }
  const scope = await Effect.runPromise(Scope.make())
  const database = await Effect.runPromise(Scope.provide(freshDatabase("sqlite"), scope))
  // As `serve` does: one secret shared by the API and the admin, so the admin may name the browser's address.
  const internalSecret = randomBytes(32).toString("base64url")
  const api = await startApiForTest(database, {
    SUKOYAKA_ADMIN_EMAIL: users.admin.email,
    SUKOYAKA_ADMIN_PASSWORD: users.admin.password,
    SUKOYAKA_INTERNAL_SECRET: internalSecret
  })
  const admin = await apiSession(api.url, users.admin)
  for (const user of [users.editor, users.editor2, users.viewer]) {
    const response = await admin.call("/users", {
      method: "POST",
      body: JSON.stringify({
        email: user.email,
        password: user.password,
        displayName: user.displayName,
        role: user.role,
        agencies: user.agencies
      })
    })
    if (response.status !== 201) throw new Error(`create user: ${response.status} ${await response.text()}`)
  }
  // The seed's FY2024 reviews are approved; the agency's rows the tests edit are reopened as drafts.
  for (const no of draftRows) {
    const path = `/plans/tomakomai-step3/initiatives/${no}/reviews/2024`
    const { version } = (await (await admin.call(path)).json()) as { version: number }
    const response = await admin.call(`${path}/status`, {
      method: "POST",
      headers: { "if-match": `"v${version}"` },
      body: JSON.stringify({ action: "reopen" })
    })
    if (!response.ok) throw new Error(`reopen ${no}: ${response.status} ${await response.text()}`)
  }
  const port = await freePort()
  const adminUrl = `http://127.0.0.1:${port}`
  const child = spawn(process.execPath, ["build"], {
    cwd: appDir,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      API_URL: api.url,
      ORIGIN: adminUrl,
      NODE_ENV: "production",
      SUKOYAKA_INTERNAL_SECRET: internalSecret
    },
    stdio: ["ignore", "ignore", "inherit"]
  })
  await waitFor(`${adminUrl}/login`, child)
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync"
    ]
  })
  return {
    api,
    database,
    adminUrl,
    adminApi: admin,
    browser,
    stop: async () => {
      await browser.close().catch(() => undefined)
      child.kill("SIGTERM")
      await api.close()
      await Effect.runPromise(Scope.close(scope, Exit.void))
    }
  }
}
