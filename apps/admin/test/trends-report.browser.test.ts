/**
 * Years side by side and the council report (issue 21), in Debian's chromium against the real API
 * on a fresh SQLite database with three years: the fictional FY2023, the seed's FY2024 and the FY2025
 * drafts of a rollover. The report is printed to PDF by Chromium and read back with pdf.js: a page
 * number and the date on every page, no text under 9 pt, A4, no internal check flag.
 */
import { readFileSync } from "node:fs"
import { seedFictionalYearBefore } from "@sukoyaka/app/testing"
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs"
import type { Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { axe, browsing, shoot } from "./browsing.ts"
import { startStack, type Stack, users } from "./stack.ts"

const PLAN = "tomakomai-step3"

let stack: Stack
const { visit, signIn, closeAll } = browsing(() => stack)

beforeAll(async () => {
  process.env.SUKOYAKA_LOG ??= "silent"
  stack = await startStack()
  await seedFictionalYearBefore(stack.api.runtime, PLAN, 2024)
  const opened = await stack.adminApi.call(`/plans/${PLAN}/fiscal-years/2025/rollover`, { method: "POST" })
  if (!opened.ok) throw new Error(`rollover: ${opened.status} ${await opened.text()}`)
}, 240_000)

afterAll(async () => {
  await closeAll()
  await stack?.stop()
})

interface PrintedText {
  readonly text: string
  /** the text's size in points: the larger scale of its transform (vertical writing turns it) */
  readonly size: number
}

/** Every page of a PDF as its text items with their sizes, and the page's size in points. */
const readPdf = async (pdf: Uint8Array) => {
  const task = getDocument({ data: pdf, useSystemFonts: false })
  const document = await task.promise
  const pages: Array<{ width: number; height: number; items: ReadonlyArray<PrintedText>; text: string }> = []
  for (let n = 1; n <= document.numPages; n++) {
    const page = await document.getPage(n)
    const [, , width, height] = page.view
    const content = await page.getTextContent()
    const items = content.items
      .filter((item) => "str" in item && item.str.trim() !== "")
      .map((item) => {
        const [a, b, c, d] = (item as { transform: Array<number> }).transform
        return { text: (item as { str: string }).str, size: Math.max(Math.hypot(a!, b!), Math.hypot(c!, d!)) }
      })
    pages.push({
      width: width!,
      height: height!,
      items,
      text: items.map((item) => item.text.replace(/\s+/g, "")).join("")
    })
  }
  await task.destroy()
  return pages
}

const print = async (page: Page) => {
  await page.emulateMedia({ media: "print" })
  // The page's own @page rule says the size (A4, portrait or landscape): format is the fallback.
  const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true, printBackground: true })
  return readPdf(new Uint8Array(pdf))
}

const todayJa = new Intl.DateTimeFormat("ja-JP-u-ca-japanese", { dateStyle: "long", timeZone: "Asia/Tokyo" }).format(
  new Date()
)

describe("years side by side", () => {
  it("charts the share on track per year for the plan and each policy, with the figures in a table beside it", async () => {
    const page = await signIn(users.viewer)
    await visit(page, "/")
    const trends = page.locator("[data-testid=trends]")
    expect(await trends.locator("svg[role=img]").first().getAttribute("aria-label")).toContain("順調（Ａ＋Ｂ）の割合")
    // The years on the chart's axis and in the table's rows: the three years.
    const axis = await trends.locator(".tick-label").allTextContents()
    for (const year of ["2023", "2024", "2025"]) expect(axis).toContain(year)
    const rows = await trends.locator("table").first().locator("tbody th").allTextContents()
    expect(rows.join(" ")).toMatch(/令和５.*令和６.*令和７/)
    expect(await trends.locator("table").first().locator("tbody tr").count()).toBe(3)
    expect(await trends.locator("table").nth(1).locator("tbody tr").count()).toBeGreaterThan(0)
    expect(await axe(page)).toEqual([])
    // No sideways scroll at 390 px.
    await page.setViewportSize({ width: 390, height: 844 })
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await page.setViewportSize({ width: 1280, height: 900 })
    await trends.scrollIntoViewIfNeeded()
    await shoot(page, "trends", false)
    await page.close()
  })

  it("charts an initiative's measures across years and a target's line from its baseline, each beside its table", async () => {
    const page = await signIn(users.viewer)
    await visit(page, "/initiatives/57")
    const measures = page.locator("[data-testid=measure-trends]")
    expect(await measures.locator("figure").count()).toBeGreaterThan(0)
    expect(await measures.locator("figure").count()).toBe(await measures.locator("table").count())
    expect(await measures.locator("table").first().locator("tbody tr").count()).toBe(3)
    expect(await axe(page)).toEqual([])

    const current = await stack.adminApi.call(`/plans/${PLAN}/targets/suicide-rate`)
    const target = (await current.json()) as { method?: string }
    const saved = await stack.adminApi.call(`/plans/${PLAN}/targets/suicide-rate`, {
      method: "PUT",
      headers: { "if-match": current.headers.get("etag")! },
      body: JSON.stringify({
        baseline: { year: 2022, value: 20 },
        observations: [{ year: 2023, value: 19 }],
        targetValue: 12,
        targetYear: 2026,
        method: target.method
      })
    })
    expect(saved.status).toBe(200)
    await visit(page, "/targets/suicide-rate")
    const trend = page.locator("[data-testid=target-trend]")
    const axis = await trend.locator(".tick-label").allTextContents()
    for (const year of ["2022", "2023", "2024", "2025", "2026"]) expect(axis).toContain(year)
    // The line to the target, year by year, in the table: 20 → 12 over four years.
    const path = await trend.locator("tbody tr td:nth-child(3)").allTextContents()
    expect(path.map((v) => v.trim())).toEqual(["20.0", "18.0", "16.0", "14.0", "12.0"])
    expect(await axe(page)).toEqual([])
    await page.close()
  })
})

describe("every year in long format", () => {
  it("downloads the initiatives × years CSV and the workbook of a sheet per year from the workbook page", async () => {
    const page = await signIn(users.viewer)
    await visit(page, "/workbook")
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click("[data-testid=export-years-initiatives]")
    ])
    expect(download.suggestedFilename()).toBe(`${PLAN}-FY2023-FY2025-initiatives.csv`)
    const text = readFileSync((await download.path())!, "utf8")
    expect(text.startsWith("\uFEFFplan_id,fiscal_year,initiative_no,")).toBe(true)
    const [workbook] = await Promise.all([
      page.waitForEvent("download"),
      page.click("[data-testid=export-years-workbook]")
    ])
    expect(workbook.suggestedFilename()).toBe(`${PLAN}-FY2023-FY2025.xlsx`)
    expect(await axe(page)).toEqual([])
    await page.close()
  })
})

describe("the council report", () => {
  it("prints the secretariat's own note under the initiative's row and in the summary; an editor only reads it", async () => {
    const note = "相談件数は前年を下回ったが、周知の方法を見直して次年度に広げる。"
    const admin = await signIn(users.admin)
    await visit(admin, "/initiatives/79?year=2024")
    await admin.fill("#f-note", note)
    await admin.click("button:has-text('所見を保存する')")
    await expect.poll(() => admin.locator("[data-testid=secretariat-note] [role=status]").count()).toBe(1)
    await visit(admin, "/report?year=2024")
    expect(await admin.textContent("[data-testid=report-note-79]")).toContain(note)
    await visit(admin, "/report/summary?year=2024")
    expect(await admin.textContent("main")).toContain(note)
    await admin.close()

    const editor = await signIn(users.editor)
    await visit(editor, "/initiatives/79?year=2024")
    expect(await editor.textContent("[data-testid=secretariat-note]")).toContain(note)
    expect(await editor.locator("#f-note").count()).toBe(0)
    await editor.close()
  })

  it("prints on A4 landscape with a cover, contents, and a page number and the date on every page, nothing under 9 pt", async () => {
    const page = await signIn(users.admin)
    await visit(page, "/report?year=2024")
    expect(await page.textContent("[data-testid=report-cover]")).toContain(
      "令和６年度実施結果・令和７年度実施計画（案）"
    )
    const contents = page.locator("[data-testid=report-contents]")
    expect(await contents.locator("a").count()).toBe(await page.locator("section.sheet").count())
    expect(await axe(page)).toEqual([])

    const pages = await print(page)
    expect(pages.length).toBeGreaterThan(4)
    pages.forEach((printed, index) => {
      // A4 landscape: 842 × 595 points.
      expect([Math.round(printed.width), Math.round(printed.height)]).toEqual([842, 595])
      expect(printed.text, `page ${index + 1}`).toContain(`${index + 1}/${pages.length}ページ`)
      expect(printed.text, `page ${index + 1}`).toContain(`作成日：${todayJa}`)
      const small = printed.items.filter((item) => item.size < 8.95)
      expect(small, `page ${index + 1}: text under 9 pt`).toEqual([])
    })
    expect(pages[0]!.text).toContain("令和６年度実施結果")
    expect(pages[1]!.text).toContain("目次")
    // Every objective's table repeats its headings on each page it runs over.
    for (const printed of pages.slice(2)) expect(printed.text, printed.text.slice(0, 300)).toContain("自己評価")

    // Screenshots of the first pages for docs/admin.md, from print-media emulation at A4 landscape.
    await page.setViewportSize({ width: 1123, height: 794 })
    await shoot(page, "report-print", false)
    await page.locator("section.sheet").first().scrollIntoViewIfNeeded()
    await page.evaluate(() => document.querySelector("section.sheet")!.scrollIntoView())
    await shoot(page, "report-print-sheet", false)
    await page.close()
  })

  it("prints the summary for the council on A4 portrait, without the internal check flags", async () => {
    const page = await signIn(users.admin)
    await visit(page, "/report/summary?year=2024")
    expect(await axe(page)).toEqual([])
    const text = (await page.textContent("main"))!
    for (const flag of ["提案と差", "単位不一致", "理由なし", "自己評価なし"]) expect(text).not.toContain(flag)
    const pages = await print(page)
    pages.forEach((printed, index) => {
      expect([Math.round(printed.width), Math.round(printed.height)]).toEqual([595, 842])
      expect(printed.text, `page ${index + 1}`).toContain(`${index + 1}/${pages.length}ページ`)
      expect(
        printed.items.filter((item) => item.size < 8.95),
        `page ${index + 1}`
      ).toEqual([])
    })
    await page.setViewportSize({ width: 794, height: 1123 })
    await shoot(page, "summary-print", false)
    await page.close()
  })
})
