/**
 * The public side in a real browser (#21), with three years: the fictional FY2023, the seed's
 * FY2024 (a few rows reopened as drafts by the stack) and FY2025's drafts after the rollover. The
 * admin publishes the years on 「公開」 (with a confirm()); then a reader who never signs in, on a
 * 390 px phone, reads the years, the summary, the initiatives with their approved reviews only
 * (「未公表」 for the rest), the targets with their small-number rule and the open data, in Japanese
 * and English; no draft or comment shows, an unpublished year is 404, axe finds nothing serious.
 */
import { appRuntime } from "@sukoyaka/app"
import { seedFictionalYearBefore } from "@sukoyaka/app/testing"
import type { BrowserContext, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { axe, browsing, shoot } from "./browsing.ts"
import { draftRows, startStack, type Stack, users } from "./stack.ts"

const PLAN = "tomakomai-step3"
const DRAFT_MARKER = "公開されない下書きPB-2025-draft"
const COMMENT_MARKER = "公開されないコメントPB-comment"

let stack: Stack
let reader: BrowserContext
const { visit, signIn, closeAll, dialogs } = browsing(() => stack)

const review = (no: number, year: number) => `/plans/${PLAN}/initiatives/${no}/reviews/${year}`

beforeAll(async () => {
  process.env.SUKOYAKA_LOG ??= "silent"
  stack = await startStack()
  const runtime = appRuntime(stack.database)
  await seedFictionalYearBefore(runtime, PLAN, 2024)
  await runtime.dispose()
  const api = stack.adminApi
  const rollover = await api.call(`/plans/${PLAN}/fiscal-years/2025/rollover`, {
    method: "POST"
  })
  expect(rollover.status).toBe(200)
  const no = draftRows[0]
  const draft = await api.call(review(no, 2025))
  const body = (await draft.json()) as Record<string, unknown>
  const saved = await api.call(review(no, 2025), {
    method: "PUT",
    headers: { "if-match": draft.headers.get("etag")! },
    body: JSON.stringify({ ...body, actions: DRAFT_MARKER })
  })
  expect(saved.status).toBe(200)
  const comment = await api.call(`${review(no, 2024)}/comments`, {
    method: "POST",
    body: JSON.stringify({ body: COMMENT_MARKER })
  })
  expect(comment.status).toBe(201)
  reader = await stack.browser.newContext({
    viewport: { width: 390, height: 844 },
    locale: "ja-JP"
  })
  reader.setDefaultTimeout(90_000)
}, 240_000)

afterAll(async () => {
  await reader?.close()
  await closeAll()
  await stack?.stop()
})

/** The page has no sideways scroll at its viewport's width. */
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)

describe("the public side", () => {
  it("shows nothing before the admin publishes a year on 「公開」, asking first", async () => {
    const anonymous = await reader.newPage()
    await visit(anonymous, "/public")
    expect(await anonymous.textContent("main")).toContain("公開されている年度はまだありません")
    await anonymous.close()

    const page = await signIn(users.admin)
    await visit(page, "/admin/publish")
    expect(await axe(page)).toEqual([])
    for (const year of [2024, 2023, 2025]) {
      await Promise.all([page.waitForURL(/\/admin\/publish/), page.click(`[data-testid=publish-${year}] button`)])
      await expect.poll(() => page.textContent("[role=status]")).toContain("を公開しました")
    }
    expect(dialogs.some((text) => text.includes("令和６年度を公開します"))).toBe(true)
    expect(await page.textContent("[data-testid=publish-2024]")).toContain("公開中")
    await shoot(page, "publish", false)
  })

  it("lets anyone read a published year's approved reviews, and nothing else, on a phone", async () => {
    const page = await reader.newPage()
    await visit(page, "/public")
    await Promise.all([page.waitForURL(/\/public\/tomakomai-step3$/), page.click("main a")])
    expect(await page.textContent("[data-testid=public-years]")).toContain("令和５年度")
    expect(await axe(page)).toEqual([])
    expect(await fitsWidth(page)).toBe(true)

    await visit(page, `/public/${PLAN}/2024`)
    const text = (await page.textContent("main"))!
    expect(text).toContain("令和６年度の評価結果")
    expect(text).toContain("未公表")
    expect(text).toContain("子育て支援センター事業")
    expect(text).not.toContain(COMMENT_MARKER)
    expect(await page.locator("[data-testid=public-initiative]").count()).toBe(55)
    await shoot(page, "public-year", false)
    expect(await axe(page)).toEqual([])
    expect(await fitsWidth(page)).toBe(true)

    await visit(page, `/public/${PLAN}/2025`)
    const drafts = (await page.textContent("main"))!
    expect(drafts).not.toContain(DRAFT_MARKER)
    expect(drafts).toContain("未公表")

    const unpublished = await page.goto(`${stack.adminUrl}/public/${PLAN}/2022`)
    expect(unpublished?.status()).toBe(404)
    await page.close()
  })

  it("shows the targets with a table beside each chart and the small-number rule", async () => {
    const page = await reader.newPage()
    await visit(page, `/public/${PLAN}/targets`)
    expect(await page.textContent("[data-testid=small-number-rule]")).toContain("1〜4")
    await shoot(page, "public-targets", false)
    expect(await page.locator("main table").count()).toBeGreaterThan(0)
    expect(await axe(page)).toEqual([])
    expect(await fitsWidth(page)).toBe(true)
    await page.close()
  })

  it("offers the open data with its licence, and every file downloads without signing in", async () => {
    const page = await reader.newPage()
    await visit(page, `/public/${PLAN}/open-data`)
    expect(await page.textContent("[data-testid=license]")).toContain("CC BY 4.0")
    expect(await page.textContent("main")).toContain("政策・事業の実施結果と自己評価（令和６年度）")
    expect(await axe(page)).toEqual([])
    expect(await fitsWidth(page)).toBe(true)
    const links = await page
      .locator("[data-testid=open-data-file]")
      .evaluateAll((anchors) => anchors.map((anchor) => (anchor as HTMLAnchorElement).href))
    expect(links.length).toBeGreaterThan(10)
    for (const href of [...links, `${stack.adminUrl}/public/${PLAN}/datapackage.json`]) {
      const response = await fetch(href)
      expect(response.status, href).toBe(200)
      const body = await response.text()
      expect(body).not.toContain(DRAFT_MARKER)
      expect(body).not.toContain(COMMENT_MARKER)
    }
    await page.close()
  })

  it("reads in English with the admin's language switch", async () => {
    const page = await reader.newPage()
    await visit(page, `/public/${PLAN}/2024`)
    await Promise.all([page.waitForURL(/\/public\/tomakomai-step3\/2024/), page.click("a.lang")])
    await expect.poll(() => page.textContent("h1")).toContain("Review of FY2024")
    expect(await page.textContent("main")).toContain("Not published")
    expect(await axe(page)).toEqual([])
    expect(await fitsWidth(page)).toBe(true)
    await page.close()
  })
})
