/**
 * The admin UI in a real browser (Debian's chromium through playwright-core) against the real
 * API on a fresh SQLite database: sign-in, filtering, editing a review, a conflict, an editor
 * refused another agency's row, an import with its diff, the print view, and axe on every page.
 */
import { readFileSync, mkdirSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Workbook } from "@cj-tech-master/excelts"
import type { BrowserContext, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { appDir, startStack, type Stack, users } from "./stack.ts"

const require = createRequire(import.meta.url)
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8")
const screenshots = process.env.SUKOYAKA_SCREENSHOTS === "1"
const imagesDir = join(appDir, "..", "..", "docs", "images")
const PLAN = "tomakomai-step3"

let stack: Stack
const contexts = new Map<string, BrowserContext>()

const signIn = async (who: { email: string; password: string }): Promise<Page> => {
  let context = contexts.get(who.email)
  if (!context) {
    context = await stack.browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: "ja-JP"
    })
    // A loaded CI machine (every package's tests at once) can be slow: wait longer than Playwright's 30 s.
    context.setDefaultTimeout(90_000)
    const page = await context.newPage()
    await visit(page, `/login`)
    await page.fill("#f-email", who.email)
    await page.fill("#f-password", who.password)
    try {
      await Promise.all([page.waitForURL(`${stack.adminUrl}/`), page.click("button[type=submit]")])
    } catch (error) {
      // Say where the browser got stuck: the page it shows is the diagnosis.
      const body = await page.textContent("body", { timeout: 1_000 }).catch(() => "(no body)")
      throw new Error(`sign-in as ${who.email} stuck at ${page.url()}: ${body?.replace(/\s+/g, " ").slice(0, 500)}`, {
        cause: error
      })
    }
    await page.close()
    // Only a signed-in context is reused: a failed sign-in must not leave later tests signed out.
    contexts.set(who.email, context)
  }
  return context.newPage()
}

/** Opens a page and waits until its script runs, so what the test types is not raced by hydration. */
const visit = async (page: Page, path: string) => {
  await page.goto(`${stack.adminUrl}${path}`)
  await page.waitForSelector("html[data-hydrated]", { state: "attached" })
}

const shoot = async (page: Page, name: string, fullPage = true) => {
  if (!screenshots) return
  mkdirSync(imagesDir, { recursive: true })
  await page.screenshot({
    path: join(imagesDir, `admin-${name}.png`),
    fullPage
  })
}

/**
 * axe-core in the page: the serious and critical violations of WCAG 2.1 A/AA. Evaluated through
 * the DevTools protocol, not added as an inline <script>: the page's CSP rightly refuses those.
 */
const axe = async (page: Page) => {
  await page.evaluate(axeSource)
  const results = await page.evaluate(async () => {
    const run = (
      window as unknown as {
        axe: {
          run: (
            context: unknown,
            options: unknown
          ) => Promise<{
            violations: Array<{
              id: string
              impact: string
              nodes: Array<{ target: unknown }>
            }>
          }>
        }
      }
    ).axe.run
    return run(document, {
      runOnly: {
        type: "tag",
        values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
      }
    })
  })
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`)
}

beforeAll(async () => {
  // The in-process API's request log would drown the test output.
  process.env.SUKOYAKA_LOG ??= "silent"
  stack = await startStack()
}, 240_000)

afterAll(async () => {
  await stack?.stop()
})

describe("the admin UI", () => {
  it("signs in (refusing a wrong password), switches to English and back, signs out", async () => {
    const context = await stack.browser.newContext({
      viewport: { width: 1280, height: 900 }
    })
    context.setDefaultTimeout(90_000)
    const page = await context.newPage()
    await visit(page, `/initiatives`)
    expect(new URL(page.url()).pathname).toBe("/login")
    expect(await page.getAttribute("html", "lang")).toBe("ja")
    await shoot(page, "sign-in")
    await page.fill("#f-email", users.viewer.email)
    await page.fill("#f-password", "wrong-password-000")
    await page.click("button[type=submit]")
    await expect.poll(() => page.textContent("[role=alert]")).toContain("メールアドレスまたはパスワードが違います")
    await page.fill("#f-password", users.viewer.password)
    await Promise.all([page.waitForURL(/\/initiatives$/), page.click("button[type=submit]")])
    expect(await page.textContent("h1")).toBe("政策・事業の一覧")
    await page.click("a.lang")
    await page.waitForFunction(() => document.documentElement.lang === "en")
    expect(await page.textContent("h1")).toBe("Initiatives")
    expect(await page.getAttribute("html", "lang")).toBe("en")
    await page.click("a.lang")
    await page.waitForFunction(() => document.documentElement.lang === "ja")
    await Promise.all([page.waitForURL(/\/login\?notice=signedOut/), page.click("text=サインアウト")])
    await visit(page, `/`)
    expect(new URL(page.url()).pathname).toBe("/login")
    await context.close()
  })

  it("keeps what was typed before the page's script ran (a slow connection, a busy machine)", async () => {
    // Hold every script back until the fields are filled: hydration must not wipe what was typed.
    const context = await stack.browser.newContext({
      viewport: { width: 1280, height: 900 }
    })
    context.setDefaultTimeout(90_000)
    let releaseScripts!: () => void
    const scriptsHeld = new Promise<void>((resolve) => (releaseScripts = resolve))
    await context.route(/\/_app\/immutable\/.*\.js$/, async (route) => {
      await scriptsHeld
      await route.continue()
    })
    const page = await context.newPage()
    await page.goto(`${stack.adminUrl}/login`, {
      waitUntil: "domcontentloaded"
    })
    await page.fill("#f-email", users.viewer.email)
    await page.fill("#f-password", users.viewer.password)
    releaseScripts()
    // Hydration runs as soon as the modules arrive; once the network is idle it has run.
    await page.waitForLoadState("networkidle")
    expect(await page.inputValue("#f-email")).toBe(users.viewer.email)
    await Promise.all([page.waitForURL(`${stack.adminUrl}/`), page.click("button[type=submit]")])
    await context.unroute(/\/_app\/immutable\/.*\.js$/)
    await context.close()
  })

  it("filters and sorts the initiatives, with the suggestion beside the self-rating", async () => {
    const page = await signIn(users.admin)
    await visit(page, `/initiatives`)
    expect(await page.locator("table.list tbody tr").count()).toBe(55)
    await page.selectOption("#filter-agency", "kenko-shien")
    await Promise.all([page.waitForURL(/agency=kenko-shien/), page.click("text=絞り込む")])
    const nos = await page.locator("table.list tbody tr td:first-child").allTextContents()
    expect(nos.map(Number)).toEqual([58, 85, 86, 88, 89, 91, 96, 97, 98])
    await page.selectOption("#filter-rating", "C")
    await Promise.all([page.waitForURL(/rating=C/), page.click("text=絞り込む")])
    expect(await page.locator("table.list tbody tr td:first-child").allTextContents()).toEqual(["88"])
    await visit(page, `/initiatives?q=${encodeURIComponent("ゲートキーパー")}&sort=no&dir=desc`)
    const searched = (await page.locator("table.list tbody tr td:first-child").allTextContents()).map(Number)
    expect(searched.length).toBeGreaterThan(0)
    expect(searched).toEqual([...searched].sort((a, b) => b - a))
    await visit(page, `/initiatives`)
    await shoot(page, "initiatives")
    await page.close()
  })

  it("edits a review: achievement as you type, field errors from the schema and the C/D rule, saved with an audit diff", async () => {
    const page = await signIn(users.editor)
    await visit(page, `/initiatives/88/review/2024`)
    await page.fill("#f-measures-0-actual", "216")
    await expect.poll(() => page.textContent("[data-testid=achievement-0]")).toBe("90%")
    await page.fill("#f-measures-1-actual", "-5")
    await page.fill("#f-ratingReason", "")
    await page.click("button[value=save]")
    await expect.poll(() => page.locator("[role=alert]").textContent()).toContain("measures[1].actual")
    expect(await page.getAttribute("#f-measures-1-actual", "aria-invalid")).toBe("true")
    expect(await page.textContent("#f-measures-1-actual-error")).toContain("0以上")
    // Focus moved to the error summary.
    expect(await page.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("alert")
    await page.fill("#f-measures-1-actual", "189")
    await page.click("button[value=save]")
    await expect.poll(() => page.textContent("#f-ratingReason-error")).toContain("理由を記入してください")
    await shoot(page, "review-form")
    await page.fill("#f-ratingReason", "利用者が伸び悩んだが、後半は予約が増えた。")
    await Promise.all([page.waitForURL(/\/initiatives\/88\?year=2024/), page.click("button[value=save]")])
    expect(await page.locator(".audit > li").first().textContent()).toContain("216")
    const api = stack.adminApi
    const saved = (await (await api.call(`/plans/${PLAN}/initiatives/88/reviews/2024`)).json()) as {
      measures: Array<{ actual?: number }>
      ratingReason: string
    }
    expect(saved.measures[0]!.actual).toBe(216)
    expect(saved.ratingReason).toContain("後半は予約が増えた")
    await shoot(page, "initiative-detail")
    await page.close()
  })

  it("shows a percentage cut, never rounded onto a threshold: 227.7 of 240 is 94 %, not the Ａ line's 95 %", async () => {
    const page = await signIn(users.editor)
    await visit(page, `/initiatives/88/review/2024`)
    await page.fill("#f-measures-0-actual", "227.7")
    await expect.poll(() => page.textContent("[data-testid=achievement-0]")).toBe("94%")
    await page.close()
  })

  it("lets an admin choose a target's method (test or the 5 % rule) and labels the grade with it", async () => {
    // 30 → 26 suicides in a city of 170,000: noise for the exact test (Ｃ), −13 % for the 5 % rule (Ｂ).
    const api = stack.adminApi
    const path = `/plans/${PLAN}/targets/suicide-rate`
    const { version } = (await (await api.call(path)).json()) as {
      version: number
    }
    const deaths = (year: number, count: number) => ({
      year,
      value: (count / 170_000) * 100_000,
      numerator: count,
      denominator: 170_000
    })
    const body = {
      baseline: deaths(2017, 30),
      observations: [deaths(2024, 26)],
      targetValue: 13,
      targetYear: null
    }
    const put = await api.call(path, {
      method: "PUT",
      headers: { "if-match": `"v${version}"` },
      body: JSON.stringify(body)
    })
    expect(put.status, await put.text()).toBe(200)
    const page = await signIn(users.admin)
    await visit(page, `/targets/suicide-rate`)
    expect(await page.textContent("[data-testid=method]")).toContain("正確検定")
    expect(await page.textContent("#rating-title")).toContain("C")
    await page.check("input[name=method][value=relativeChange]")
    await Promise.all([page.waitForLoadState("networkidle"), page.click("[data-testid=save-target]")])
    await expect.poll(() => page.textContent("[data-testid=method]")).toContain("相対変化率")
    expect(await page.isChecked("input[name=method][value=relativeChange]")).toBe(true)
    expect(await page.textContent("#rating-title")).toContain("B")
    expect(await page.textContent("[data-testid=pace]")).toContain("判定できません")
    const saved = (await (await api.call(`/plans/${PLAN}/targets/suicide-rate`)).json()) as {
      method?: string
      evaluation: { method: string }
    }
    expect([saved.method, saved.evaluation.method]).toEqual(["relativeChange", "relativeChange"])
    await page.close()
  })

  it("never overwrites silently: the second writer sees both versions, chooses, and saves with the new ETag", async () => {
    const first = await signIn(users.editor)
    const second = await signIn(users.editor2)
    await first.goto(`${stack.adminUrl}/initiatives/89/review/2024`)
    await second.goto(`${stack.adminUrl}/initiatives/89/review/2024`)
    await second.fill("#f-actions", "副担当が先に保存した実施結果。")
    await Promise.all([second.waitForURL(/\/initiatives\/89\?year=2024/), second.click("button[value=save]")])
    await first.fill("#f-actions", "担当の実施結果（あとから保存）。")
    await first.fill("#f-resultText", "担当が数えた結果。")
    await first.click("button[value=save]")
    const conflict = first.locator("[data-testid=conflict]")
    await conflict.waitFor()
    expect(await conflict.textContent()).toContain("副担当が先に保存した実施結果。")
    expect(await conflict.textContent()).toContain("担当の実施結果（あとから保存）。")
    await shoot(first, "conflict")
    // Keep their F, keep my G.
    await first.check("input[name='choice.actions'][value=theirs]")
    await Promise.all([first.waitForURL(/\/initiatives\/89\?year=2024/), first.click("text=選んだ内容で保存する")])
    const api = stack.adminApi
    const saved = (await (await api.call(`/plans/${PLAN}/initiatives/89/reviews/2024`)).json()) as {
      actions: string
      resultText: string
      version: number
    }
    expect(saved.actions).toBe("副担当が先に保存した実施結果。")
    expect(saved.resultText).toBe("担当が数えた結果。")
    await first.close()
    await second.close()
  })

  it("gives an editor no edit controls for another agency's row, and the API refuses a forged post", async () => {
    const page = await signIn(users.editor)
    await visit(page, `/initiatives`)
    expect(await page.locator("a[href='/initiatives/57/review/2024']").count()).toBe(0)
    expect(await page.locator("a[href='/initiatives/58/review/2024']").count()).toBe(1)
    await visit(page, `/initiatives/57/review/2024`)
    expect(await page.textContent("[data-testid=cannot-edit]")).toContain("権限がありません")
    expect(await page.locator("form[action='?/save']").count()).toBe(0)
    const forged = await page.request.post(`${stack.adminUrl}/initiatives/57/review/2024?/save`, {
      headers: {
        origin: stack.adminUrl,
        "x-sveltekit-action": "true",
        accept: "application/json"
      },
      form: {
        version: "1",
        actions: "書き換え",
        resultText: "",
        plannedText: "",
        "measures.count": "0",
        selfRating: "A",
        ratingReason: "",
        "next.fiscalYear": "2025",
        "next.actions": "",
        "next.plannedText": "",
        "next.measures.count": "0"
      }
    })
    const body = (await forged.json()) as { type: string; status: number }
    expect(body).toMatchObject({ type: "failure", status: 403 })
    const api = stack.adminApi
    const row = (await (await api.call(`/plans/${PLAN}/initiatives/57/reviews/2024`)).json()) as { actions: string }
    expect(row.actions).not.toBe("書き換え")
    await page.close()
  })

  it("imports a returned sheet: shows the diff, then applies it", async () => {
    const api = stack.adminApi
    const exported = Buffer.from(
      await (await api.call(`/plans/${PLAN}/export?format=xlsx&agency=kenko-shien&fiscalYear=2024`)).arrayBuffer()
    )
    const workbook = new Workbook()
    await workbook.xlsx.load(exported)
    let edited = false
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) => {
        if (String(row.getCell(2).value ?? "") === "98") {
          row.getCell(10).value = "様式から取り込んだ理由。"
          edited = true
        }
      })
    )
    expect(edited).toBe(true)
    const file = join(tmpdir(), `sukoyaka-import-${process.pid}.xlsx`)
    writeFileSync(file, Buffer.from(await workbook.xlsx.writeBuffer()))

    const page = await signIn(users.editor)
    await visit(page, `/workbook`)
    await page.setInputFiles("#f-file", file)
    await page.click("text=差分を確認する")
    const diff = page.locator("[data-testid=import-diff]")
    await diff.waitFor()
    expect(await diff.textContent()).toContain("様式から取り込んだ理由。")
    expect(await diff.locator("tbody tr").first().textContent()).toContain("98")
    await shoot(page, "import-diff")
    await page.click("text=この内容で取り込む")
    // Applying reads the workbook again in a worker thread: allow it the time the preview got.
    await expect
      .poll(() => page.textContent("[data-testid=import-applied]"), {
        timeout: 30_000
      })
      .toContain("1件")
    const admin = stack.adminApi
    const row = (await (await admin.call(`/plans/${PLAN}/initiatives/98/reviews/2024`)).json()) as {
      ratingReason: string
    }
    expect(row.ratingReason).toBe("様式から取り込んだ理由。")
    await page.close()
  })

  it("prints the A–L table per objective on A4 landscape with repeated headers", async () => {
    const page = await signIn(users.admin)
    await visit(page, `/report`)
    expect(await page.locator("section.sheet").count()).toBe(4)
    expect(await page.locator("section.sheet table thead tr").first().locator("th").count()).toBe(12)
    expect(await page.locator("section.sheet tbody tr").count()).toBe(55)
    await page.emulateMedia({ media: "print" })
    expect(await page.evaluate(() => getComputedStyle(document.querySelector("section.sheet thead")!).display)).toBe(
      "table-header-group"
    )
    expect(await page.locator("nav.site").isVisible()).toBe(false)
    const pdf = await page.pdf({
      preferCSSPageSize: true,
      printBackground: true
    })
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length
    expect(pages).toBeGreaterThanOrEqual(4)
    // A4 landscape: 842 × 595 points on every page.
    const boxes = [...pdf.toString("latin1").matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map(
      (m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]
    )
    expect(boxes.length).toBeGreaterThan(0)
    for (const box of boxes) expect(box).toEqual([842, 595])
    await page.emulateMedia({ media: "screen" })
    await shoot(page, "report", false)
    await page.close()
  })

  it("renders the charts on the server as named SVG images, without JavaScript", async () => {
    const context = await stack.browser.newContext({
      viewport: { width: 1280, height: 900 },
      javaScriptEnabled: false
    })
    context.setDefaultTimeout(90_000)
    const page = await context.newPage()
    // No script runs here, so nothing hydrates: open the page without waiting for it.
    await page.goto(`${stack.adminUrl}/login`)
    await page.fill("#f-email", users.viewer.email)
    await page.fill("#f-password", users.viewer.password)
    await Promise.all([page.waitForURL(`${stack.adminUrl}/`), page.click("button[type=submit]")])
    const bars = page.locator("#by-objective-title ~ .chart svg[role=img]")
    expect(await bars.getAttribute("aria-label")).toBe("取組方針ごとの自己評価: 数値は下の表のとおり")
    expect(await bars.locator("title").textContent()).toBe("取組方針ごとの自己評価")
    expect(await bars.locator("rect.lc-bar").count()).toBeGreaterThan(0)
    const box = await bars.boundingBox()
    expect(box?.width).toBeGreaterThan(300)
    const sparks = page.locator("td svg[role=img]")
    expect(await sparks.count()).toBeGreaterThan(0)
    expect(await sparks.first().getAttribute("aria-label")).toMatch(/^推移: /)
    await context.close()
  })

  it("has no serious or critical axe violation on any page", async () => {
    const pages = [
      ["/", "dashboard"],
      ["/initiatives", null],
      ["/initiatives?agency=kenko-shien&rating=C", null],
      ["/initiatives/88?year=2024", null],
      ["/initiatives/88/review/2024", null],
      ["/targets", null],
      ["/targets/suicide-rate", null],
      ["/workbook", null],
      ["/report", null],
      ["/report/summary", "summary"],
      ["/admin/users", null],
      ["/admin/tokens", null],
      ["/account/password", null]
    ] as const
    const page = await signIn(users.admin)
    // The CSP (kit.csp) must let every page's own scripts, styles and charts through.
    const refusedByCsp: Array<string> = []
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) refusedByCsp.push(`${page.url()}: ${message.text()}`)
    })
    const found: Record<string, Array<string>> = {}
    for (const [path, shot] of pages) {
      await visit(page, `${path}`)
      found[path] = await axe(page)
      if (shot) await shoot(page, shot)
    }
    await visit(page, `/locale?to=en&next=/`)
    found["/ (en)"] = await axe(page)
    if (screenshots) await shoot(page, "dashboard-en")
    await visit(page, `/locale?to=ja&next=/`)
    const anonymous = await stack.browser.newPage()
    await anonymous.goto(`${stack.adminUrl}/login`)
    found["/login"] = await axe(anonymous)
    await anonymous.close()
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((key) => [key, []])))
    expect(refusedByCsp).toEqual([])
    await page.close()
  })

  it("ten failed sign-ins with made-up e-mails from one browser do not lock the real admin out", async () => {
    const context = await stack.browser.newContext({
      viewport: { width: 1280, height: 900 }
    })
    context.setDefaultTimeout(90_000)
    const page = await context.newPage()
    await visit(page, `/login`)
    for (let i = 0; i < 10; i++) {
      await page.fill("#f-email", `made-up-${i}@example.jp`)
      await page.fill("#f-password", `wrong password ${i}`)
      await page.click("button[type=submit]")
      await expect.poll(() => page.textContent("[role=alert]")).toContain("メールアドレスまたはパスワードが違います")
      await visit(page, `/login`)
    }
    await page.fill("#f-email", users.admin.email)
    await page.fill("#f-password", users.admin.password)
    await Promise.all([page.waitForURL(`${stack.adminUrl}/`), page.click("button[type=submit]")])
    await context.close()
  })

  it("refuses to demote the last admin, in the user's language", async () => {
    const page = await signIn(users.admin)
    await visit(page, `/admin/users`)
    const row = page.locator("tr", {
      has: page.locator("th", { hasText: users.admin.email })
    })
    await row.locator("summary").click()
    await row.locator("select[name=role]").selectOption("viewer")
    await row.locator("form button").click()
    await expect.poll(() => page.textContent("[role=alert]")).toContain("有効な管理者がこの利用者だけのため")
    const users_ = await (await stack.adminApi.call("/users")).json()
    expect((users_ as Array<{ email: string; role: string }>).find((u) => u.email === users.admin.email)?.role).toBe(
      "admin"
    )
    await visit(page, `/locale?to=en&next=/admin/users`)
    await row.locator("summary").click()
    await row.locator("input[name=disabled]").check()
    await row.locator("form button").click()
    await expect.poll(() => page.textContent("[role=alert]")).toContain("This is the last enabled admin")
    await visit(page, `/locale?to=ja&next=/`)
    await page.close()
  })
})
