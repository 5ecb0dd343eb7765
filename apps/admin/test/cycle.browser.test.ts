/**
 * Issue 19 in a real browser against the real API on a fresh SQLite database: the secretariat
 * previews FY2025's cycle, is told at the field what a half-filled agency row lacks, opens it with
 * a due date and an agency's own one, and sees the late and due-soon lists on the home page; the
 * agency's editor sees its tasks there with links to the review form; a stale close is refused
 * with the reload message (412); closing the cycle empties the lists. axe on every page.
 */
import type { Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { axe, browsing, shoot } from "./browsing.ts"
import { startStack, type Stack, users } from "./stack.ts"

const PLAN = "tomakomai-step3"
let stack: Stack
const { visit, signIn } = browsing(() => stack)

/** A day `days` from today in Japan, as the API counts. */
const dayFromToday = (days: number) =>
  new Date(Date.now() + 9 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10)

const status = (page: Page) => page.locator("[role=status]").first().textContent()
const alert = (page: Page) => page.locator("[role=alert]").textContent()

beforeAll(async () => {
  process.env.SUKOYAKA_LOG ??= "silent"
  stack = await startStack()
}, 240_000)

afterAll(async () => {
  await stack?.stop()
})

describe("the review cycle in the admin UI", () => {
  it("previews FY2025, refuses a half-filled agency row at its field, and opens the cycle", async () => {
    const page = await signIn(users.admin)
    await visit(page, "/")
    expect(await page.locator("nav a[href='/admin/cycle']").count()).toBe(1)
    await visit(page, "/admin/cycle")
    expect(await page.textContent("h1")).toBe("年度の評価サイクル")
    expect(await page.textContent("#open-title")).toContain("令和７年度")
    expect(await page.textContent("[data-testid=cycle-preview-counts]")).toBe(
      "前年度から繰越す下書き 54 件、白紙の下書き 0 件、廃止で対象外 1 件、作成済み 0 件"
    )
    expect(await axe(page)).toEqual([])

    // An agency chosen without its date: the error at the row's date field, nothing opened.
    await page.fill("#f-open-dueDate", "2025-06-30")
    await page.selectOption("#f-open-agencyDueDates-0-agencyId", "kenko-shien")
    await page.click("[data-testid=open-cycle]")
    expect(await alert(page)).toContain("期限を入力してください")
    expect(await page.locator("#f-open-agencyDueDates-0-dueDate").getAttribute("aria-invalid")).toBe("true")
    expect(await (await stack.adminApi.call(`/plans/${PLAN}/cycles`)).json()).toEqual([])

    // A second row, then the due dates: the whole plan past due, 健康支援課 due in three days.
    await page.fill("#f-open-agencyDueDates-0-dueDate", dayFromToday(3))
    await page.click("[data-testid=add-row-open]")
    await page.waitForSelector("#f-open-agencyDueDates-1-agencyId")
    await shoot(page, "cycle")
    expect(await page.inputValue("#f-open-agencyDueDates-0-agencyId")).toBe("kenko-shien")
    expect(await page.inputValue("#f-open-dueDate")).toBe("2025-06-30")
    await page.click("[data-testid=open-cycle]")
    expect(await status(page)).toBe("サイクルを開きました。下書き 54 件を作成しました。")
    const row = page.locator("tr[data-cycle='2025']")
    expect(await row.textContent()).toContain("健康支援課")
    expect(await row.textContent()).toContain("受付中")
    expect(await axe(page)).toEqual([])
  })

  it("shows the admin the late and due-soon reviews on the home page", async () => {
    const page = await signIn(users.admin)
    await visit(page, "/")
    const late = page.locator("[data-testid=cycle-late]")
    const soon = page.locator("[data-testid=cycle-due-soon]")
    // No.86 is 健康支援課's and another agency's: the earlier due date (the plan's) applies.
    expect(await late.locator("h2").textContent()).toBe("期限超過（46）")
    expect(await soon.locator("h2").textContent()).toBe("期限間近（8）")
    expect(await soon.textContent()).toContain("あと3日")
    await shoot(page, "dashboard-cycle", false)
    expect(await soon.textContent()).toContain("未着手")
    expect(await late.locator("a[href='/initiatives/57/review/2025']").count()).toBe(1)
    expect(await axe(page)).toEqual([])
  })

  it("shows an editor its agency's tasks with links to the review form", async () => {
    const page = await signIn(users.editor)
    await visit(page, "/")
    const tasks = page.locator("[data-testid=your-tasks]")
    expect(await tasks.locator("h2").textContent()).toBe("あなたのタスク（9）")
    expect(await tasks.locator("li").count()).toBe(9)
    expect(await tasks.locator("li").first().textContent()).toContain("No.86")
    expect(await tasks.locator("li").first().textContent()).toContain("期限超過")
    expect(await tasks.locator("li[data-standing=dueSoon]").count()).toBe(8)
    await shoot(page, "your-tasks", false)
    await Promise.all([
      page.waitForURL(/\/initiatives\/58\/review\/2025$/),
      tasks.locator("a[href='/initiatives/58/review/2025']").click()
    ])
    expect(await axe(page)).toEqual([])
    await visit(page, "/")
    expect(await axe(page)).toEqual([])
    expect(await page.locator("[data-testid=cycle-late]").count()).toBe(0)
    // An editor has no cycle page.
    expect((await visit(page, "/admin/cycle"))?.status()).toBe(403)
  })

  it("refuses a close based on a stale version (412) and closes on the current one", async () => {
    const page = await signIn(users.admin)
    await visit(page, "/admin/cycle")
    // Someone else changes the cycle after the page was read.
    const changed = await stack.adminApi.call(`/plans/${PLAN}/cycles/2025`, {
      method: "PATCH",
      headers: { "if-match": '"v1"' },
      body: JSON.stringify({ dueDate: "2025-07-31" })
    })
    expect(changed.status).toBe(200)
    await page.click("[data-testid=close-cycle-2025]")
    expect(await alert(page)).toContain("他の人が先にサイクルを変更しました")
    await visit(page, "/admin/cycle")
    await page.click("[data-testid=close-cycle-2025]")
    expect(await status(page)).toBe("サイクルを締め切りました。")
    expect(await page.locator("tr[data-cycle='2025']").textContent()).toContain("締切済み")
    await visit(page, "/")
    expect(await page.locator("[data-testid=cycle-late]").count()).toBe(0)
  })

  it("works without JavaScript: rows added and removed, FY2026's cycle opened", async () => {
    const signedIn = await signIn(users.admin)
    const context = await stack.browser.newContext({ javaScriptEnabled: false, locale: "ja-JP" })
    try {
      await context.addCookies(await signedIn.context().cookies())
      const page = await context.newPage()
      await page.goto(`${stack.adminUrl}/admin/cycle`)
      expect(await page.textContent("#open-title")).toContain("令和８年度")
      await page.fill("#f-open-dueDate", "2026-05-31")
      await page.click("[data-testid=add-row-open]")
      await page.waitForSelector("#f-open-agencyDueDates-1-agencyId")
      expect(await page.inputValue("#f-open-dueDate")).toBe("2026-05-31")
      await page.selectOption("#f-open-agencyDueDates-1-agencyId", "kodomo-ikusei")
      await page.fill("#f-open-agencyDueDates-1-dueDate", "2026-06-15")
      // Row 1 of 2 removed: the other one (kodomo-ikusei) moves up.
      await page.click(".agency-row[data-row='0'] button")
      await page.waitForSelector("#f-open-agencyDueDates-1-agencyId", { state: "detached" })
      expect(await page.inputValue("#f-open-agencyDueDates-0-agencyId")).toBe("kodomo-ikusei")
      await page.click("[data-testid=open-cycle]")
      expect(await status(page)).toMatch(/^サイクルを開きました。/)
      expect(await page.locator("tr[data-cycle='2026']").textContent()).toContain("こども育成課 2026-06-15")
      await signedIn.close()
    } finally {
      await context.close()
    }
  })
})
