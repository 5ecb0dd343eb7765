/**
 * XSS where the admin UI renders it, in a real browser: payloads stored in every text field of a
 * review through the API, then the dashboard, the initiative list, the initiative, its review form
 * and the report are loaded in Debian's Chromium (playwright-core, no browser download). Nothing
 * may execute (`window.__xss` stays undefined, no dialog) and the payload text is shown literally.
 * Runs when apps/admin/build exists; skips with a message otherwise.
 */
import { execFile } from "node:child_process"
import { spawn, type ChildProcess } from "node:child_process"
import { existsSync } from "node:fs"
import { join } from "node:path"
import { promisify } from "node:util"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  type ApiProcess,
  freePort,
  freshDb,
  reviewPath,
  ROOT,
  SEED_YEAR,
  sleep,
  startApi,
  type TestDatabase,
  tokenFor,
  V1
} from "../src/harness.ts"
import { call, setCookieOf } from "../src/http.ts"
import { record } from "../src/results.ts"

const ADMIN_BUILD = join(ROOT, "apps/admin/build")
const built = existsSync(join(ADMIN_BUILD, "index.js"))
if (!built) console.warn("browser XSS test skipped: apps/admin/build is missing (run `pnpm build` first)")

const NO = 58
const fields = {
  actions: "<img src=x onerror=window.__xss=1>",
  resultText: "<script>window.__xss=1</script>",
  plannedText: '"><svg onload=window.__xss=1>',
  ratingReason: "'; DROP TABLE reviews; --",
  nextActions: "<iframe src=javascript:window.__xss=1>",
  nextPlannedText: "{{constructor.constructor('window.__xss=1')()}}"
}

let db: TestDatabase
let api: ApiProcess
let admin: ChildProcess | undefined
let adminUrl = ""

const chromium = async () => {
  const { stdout } = await promisify(execFile)("sh", [
    "-c",
    "command -v chromium || command -v chromium-browser || true"
  ])
  return stdout.trim()
}

beforeAll(async () => {
  if (!built) return
  db = await freshDb("sqlite")
  api = await startApi(db)
  const port = await freePort()
  adminUrl = `http://127.0.0.1:${port}`
  admin = spawn(process.execPath, [ADMIN_BUILD], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      ORIGIN: adminUrl,
      API_URL: api.url
    },
    stdio: "ignore"
  })
  for (let i = 0; i < 300; i++) {
    if (
      await fetch(`${adminUrl}/login`).then(
        (r) => r.status < 500,
        () => false
      )
    )
      break
    await sleep(100)
  }
})
afterAll(async () => {
  admin?.kill("SIGTERM")
  await api?.kill("SIGTERM")
  await db?.drop()
})

describe.skipIf(!built)("XSS in the admin UI (Chromium)", () => {
  it("payloads in every text field of a review execute nowhere and are shown literally", async () => {
    const executablePath = await chromium()
    expect(executablePath, "chromium is not installed: apt-get install -y chromium").not.toBe("")
    const token = (await tokenFor(db, "admin")).token
    const read = await call<Record<string, unknown> & { next: Record<string, unknown> }>(
      api.url,
      "GET",
      reviewPath(NO, SEED_YEAR),
      { token }
    )
    const written = await call(api.url, "PUT", reviewPath(NO, SEED_YEAR), {
      token,
      headers: { "if-match": read.headers.get("etag")! },
      json: {
        ...read.body,
        actions: fields.actions,
        resultText: fields.resultText,
        plannedText: fields.plannedText,
        ratingReason: fields.ratingReason,
        next: {
          ...read.body.next,
          actions: fields.nextActions,
          plannedText: fields.nextPlannedText
        }
      }
    })
    expect(written.status, written.text).toBe(200)
    const signIn = await call(api.url, "POST", `${V1}/session`, {
      json: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD }
    })
    const sessionId = decodeURIComponent(setCookieOf(signIn.headers, "sukoyaka_session")!.value)

    const { chromium: playwright } = await import("playwright-core")
    const browser = await playwright.launch({
      executablePath,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync"
      ]
    })
    const checked: Array<{ page: string; status: number; shown: number }> = []
    const problems: Array<string> = []
    try {
      const context = await browser.newContext()
      await context.addCookies([
        {
          name: "sukoyaka_session",
          value: sessionId,
          url: adminUrl,
          httpOnly: true,
          sameSite: "Lax"
        }
      ])
      const page = await context.newPage()
      page.on("dialog", (dialog) => {
        problems.push(`a dialog opened: ${dialog.message()}`)
        void dialog.dismiss()
      })
      const visit = async (path: string) => {
        const response = await page.goto(`${adminUrl}${path}`, { waitUntil: "networkidle" })
        const status = response?.status() ?? 0
        const xss = await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)
        if (xss !== undefined) problems.push(`${path}: a payload executed`)
        // What a person sees: the text of the page and the values of its form fields.
        const visible = await page.evaluate(() =>
          [
            document.body.innerText,
            ...Array.from(
              document.querySelectorAll("input, textarea"),
              (element) => (element as HTMLInputElement).value
            )
          ].join("\n")
        )
        const shown = Object.values(fields).filter((payload) => visible.includes(payload)).length
        checked.push({ page: path, status, shown })
        return { status, shown }
      }
      await visit("/")
      await visit(`/initiatives?fiscalYear=${SEED_YEAR}`)
      await visit(`/report?fiscalYear=${SEED_YEAR}`)
      // The initiative and its review form, found as a person would: by following the links.
      await page.goto(`${adminUrl}/initiatives?fiscalYear=${SEED_YEAR}`, {
        waitUntil: "networkidle"
      })
      const links = await page.evaluate(
        (no) =>
          Array.from(document.querySelectorAll("a"), (a) => a.getAttribute("href") ?? "").filter((href) =>
            new RegExp(`/initiatives/${no}(\\b|/|\\?|$)`).test(href)
          ),
        NO
      )
      for (const href of [...new Set([`/initiatives/${NO}`, ...links])].slice(0, 3)) await visit(href)
      await page.goto(`${adminUrl}/initiatives/${NO}`, { waitUntil: "networkidle" })
      const formLinks = await page.evaluate(() =>
        Array.from(document.querySelectorAll("a"), (a) => a.getAttribute("href") ?? "").filter(
          (href) => /edit|review|\/\d{4}(\b|$)/.test(href) && href.startsWith("/")
        )
      )
      for (const href of [...new Set(formLinks)].slice(0, 3)) await visit(href)
      await context.close()
    } finally {
      await browser.close()
    }
    const rendered = checked.filter((visit) => visit.status === 200)
    const showingPayloads = rendered.filter((visit) => visit.shown > 0)
    record("browser", "admin UI", {
      pages: checked.map(
        (visit) => `${visit.page} → ${visit.status}, ${visit.shown}/${Object.keys(fields).length} payloads shown`
      ),
      payloads: Object.keys(fields).length,
      executed: problems.length
    })
    expect(problems).toEqual([])
    expect(rendered.length, JSON.stringify(checked)).toBeGreaterThan(0)
    // Where the UI shows the review, the payloads are shown as text.
    if (rendered.some((visit) => visit.page.startsWith(`/initiatives/${NO}`)))
      expect(showingPayloads.length, JSON.stringify(checked)).toBeGreaterThan(0)
  })
})
