/**
 * National measures in a real browser (#24): the secretariat tags an initiative from its page and
 * the coverage page changes (the measure leaves 「対応事業なし」 and lists the initiative); the
 * coverage page and the tagged initiative page pass axe and fit a 390 px phone, in Japanese and
 * English; an unconfirmed measure says 未確認. When the city takes proposals, an agency's editor
 * proposes a measure from the review page and the secretariat accepts it on the initiative's page;
 * the coverage of another version shows it carried through the crosswalk, marked.
 */
import type { Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { axe, browsing } from "./browsing.ts"
import { startStack, type Stack, users } from "./stack.ts"

let stack: Stack
const { visit, signIn, closeAll } = browsing(() => stack)

beforeAll(async () => {
  process.env.SUKOYAKA_LOG ??= "silent"
  stack = await startStack()
}, 240_000)

afterAll(async () => {
  await closeAll()
  await stack?.stop()
})

const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)
const coverageRow = (page: Page, code: string) =>
  page.textContent(`[data-testid=coverage-table] tr[data-code="${code}"]`)

describe("national measures", () => {
  it("the secretariat tags an initiative from its page and sees the coverage change", async () => {
    const page = await signIn(users.admin)
    await visit(page, "/national?framework=jscp-package&year=2024")
    expect(await coverageRow(page, "J8")).toContain("対応事業なし")
    expect(await page.textContent("[data-testid=coverage-table]")).not.toContain("No.95")

    await visit(page, "/initiatives/95?year=2024")
    const section = page.locator("[data-testid=national-measures]")
    expect(await section.textContent()).toContain("まだ国の施策と対応付けられていません")
    await page.selectOption("#f-measure", "jscp-package|J8")
    await page.fill("#f-since", "2024")
    await page.fill("#f-rationale", "年金相談で遺族年金の手続きを支援")
    await page.click("[data-testid=national-measures] form.add button")
    // The rationale shows only in the saved list (the measure's name is also among the choices).
    await expect
      .poll(() => section.locator("ul.tags").textContent(), { timeout: 60_000 })
      .toContain("年金相談で遺族年金の手続きを支援")
    expect(await section.locator("ul.tags").textContent()).toContain("J8 遺された人への支援")
    expect(await section.textContent()).toContain("国の施策の対応を保存しました")
    expect(await axe(page)).toEqual([])

    await visit(page, "/national?framework=jscp-package&year=2024")
    const row = await coverageRow(page, "J8")
    expect(row).toContain("No.95 年金相談")
    expect(row).not.toContain("対応事業なし")
    expect(await page.locator("#coverage-chart-title").count()).toBe(1)
    expect(await axe(page)).toEqual([])

    await visit(page, "/national?framework=taikou-r4&year=2024")
    expect(await coverageRow(page, "1")).toContain("未確認")
    expect(await coverageRow(page, "13")).not.toContain("未確認")
    await page.close()
  })

  it("fits a 390 px phone and reads in English", async () => {
    const page = await signIn(users.admin)
    await page.setViewportSize({ width: 390, height: 844 })
    for (const path of ["/national?framework=jscp-package&year=2024", "/initiatives/95?year=2024"]) {
      await visit(page, path)
      expect(await fitsWidth(page), path).toBe(true)
    }
    await visit(page, "/locale?to=en&next=/national")
    expect(await page.textContent("h1")).toBe("Coverage of the national measures")
    expect(await axe(page)).toEqual([])
    await visit(page, "/locale?to=ja&next=/")
    await page.close()
  })

  it("shows the coverage on the public side once the city publishes it", async () => {
    const api = stack.adminApi
    const published = await api.call("/plans/tomakomai-step3/published-years/2024", { method: "PUT" })
    expect(published.status).toBe(200)
    const reader = await stack.browser.newContext({ viewport: { width: 390, height: 844 }, locale: "ja-JP" })
    const anonymous = await reader.newPage()
    const path = "/public/tomakomai-step3/2024/national?framework=jscp-package"
    expect((await anonymous.goto(`${stack.adminUrl}${path}`))?.status()).toBe(404)
    const yearPage = `${stack.adminUrl}/public/tomakomai-step3/2024`
    const link = anonymous.locator('a[href="/public/tomakomai-step3/2024/national"]')
    await anonymous.goto(yearPage)
    expect(await link.count()).toBe(0)
    const settings = await api.call("/plans/tomakomai-step3/framework-settings")
    const saved = await api.call("/plans/tomakomai-step3/framework-settings", {
      method: "PUT",
      headers: { "if-match": settings.headers.get("etag")! },
      body: JSON.stringify({
        cityCode: "",
        recommended: [],
        publishCoverage: true,
        surveyColumns: [{ heading: "No", field: "initiativeNo" }]
      })
    })
    expect(saved.status).toBe(200)
    // The year's page links to it now, as the reader finds it.
    await anonymous.goto(yearPage)
    await link.click()
    await anonymous.waitForURL(/\/national$/)
    expect(await anonymous.textContent("h1")).toBe("国の施策との対応")
    expect((await anonymous.goto(`${stack.adminUrl}${path}`))?.status()).toBe(200)
    expect(await anonymous.textContent("h1")).toBe("国の施策との対応")
    expect(await coverageRow(anonymous, "J8")).toContain("No.95 年金相談")
    expect(await fitsWidth(anonymous)).toBe(true)
    expect(await axe(anonymous)).toEqual([])
    await reader.close()
  })

  it("an agency proposes a measure from its review, the secretariat accepts it, the crosswalk carries it", async () => {
    const api = stack.adminApi
    const path = "/plans/tomakomai-step3/framework-settings"
    const settings = await api.call(path)
    const { planId: _planId, version: _version, ...values } = (await settings.json()) as Record<string, unknown>
    const on = await api.call(path, {
      method: "PUT",
      headers: { "if-match": settings.headers.get("etag")! },
      body: JSON.stringify({ ...values, tagProposals: true })
    })
    expect(on.status).toBe(200)

    const editor = await signIn(users.editor)
    await visit(editor, "/initiatives/58/review/2024")
    const section = editor.locator("[data-testid=tag-proposals]")
    await editor.selectOption("#p-measure", "jscp-package|J5")
    await editor.fill("#p-since", "2024")
    // Without a rationale the field says so, in the user's language.
    await editor.click("[data-testid=tag-proposals] form.propose button")
    await expect.poll(() => section.textContent(), { timeout: 60_000 }).toContain("提案の理由を入力してください")
    await editor.fill("#p-rationale", "妊娠期からの相談で女性を支える")
    await editor.click("[data-testid=tag-proposals] form.propose button")
    await expect
      .poll(() => section.locator("ul.proposals").textContent(), { timeout: 60_000 })
      .toContain("事務局の判断待ち")
    expect(await section.textContent()).toContain("提案を送りました")
    expect(await axe(editor)).toEqual([])

    const admin = await signIn(users.admin)
    await visit(admin, "/national?framework=jscp-package&year=2024")
    expect(await admin.textContent("[data-testid=proposals-waiting]")).toContain("1 件")
    await visit(admin, "/initiatives/58?year=2024")
    const pending = admin.locator("[data-testid=pending-proposals]")
    expect(await pending.textContent()).toContain("妊娠期からの相談で女性を支える")
    expect(await axe(admin)).toEqual([])
    await pending.locator("form[action='?/acceptProposal'] button").click()
    const measures = admin.locator("[data-testid=national-measures]")
    await expect.poll(() => measures.textContent(), { timeout: 60_000 }).toContain("提案を採用し")
    expect(await measures.locator("ul.tags").first().textContent()).toContain("J5 女性")
    expect(await pending.count()).toBe(0)

    // The 大綱's 13 is the same as J5 (the shipped crosswalk): No.58 shows there, marked as carried.
    await visit(admin, "/national?framework=taikou-r4&year=2024")
    const row = await coverageRow(admin, "13")
    expect(row).toContain("No.58")
    expect(row).toContain("対応表経由")
    expect(await admin.textContent("[data-testid=crosswalk-note]")).toContain("クロスウォーク")
    expect(await admin.locator("[data-testid=proposals-waiting]").count()).toBe(0)
    expect(await axe(admin)).toEqual([])

    await visit(editor, "/initiatives/58/review/2024")
    expect(await editor.textContent("[data-testid=tag-proposals] ul.proposals")).toContain("採用されました")
    await editor.close()
    await admin.close()
  })
})
