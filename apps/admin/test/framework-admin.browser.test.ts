/**
 * The secretariat's framework pages in a real browser (#24): it corrects a measure's name and reads
 * it on the coverage page, adds a measure, loads a framework from its file and replaces its
 * measures from a sheet, and sees the API's field errors and "someone saved first" at the form; in
 * the plan's framework settings it recommends a measure (the coverage flags it as recommended but
 * empty), publishes the coverage (the public page opens) and edits the survey columns. An editor
 * gets no edit control and its forged posts are refused. Axe and a 390 px phone on every new page.
 */
import type { Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { axe, browsing, shoot } from "./browsing.ts"
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

const PLAN = "tomakomai-step3"
const coverageRow = (page: Page, code: string) =>
  page.textContent(`[data-testid=coverage-table] tr[data-code="${code}"]`)
const measureRow = (page: Page, code: string) =>
  page.textContent(`[data-testid=measures-table] tr[data-code="${code}"]`)
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)
const settingsFromApi = async () =>
  (await (await stack.adminApi.call(`/plans/${PLAN}/framework-settings`)).json()) as {
    cityCode: string
    recommended: Array<{ frameworkId: string; code: string }>
    publishCoverage: boolean
    tagProposals: boolean
    surveyColumns: Array<{ heading: string; field: string; framework?: string }>
    version: number
  }
const frameworkFromApi = async (id: string) =>
  (await (await stack.adminApi.call(`/frameworks/${id}`)).json()) as {
    version: number
    measures: Array<{
      code: string
      nameJa: string
      nameEn: string | null
      confirmed: boolean
      parentCode: string | null
    }>
  }

/** A framework file as docs/frameworks.md describes it. */
const frameworkFile = (id: string) => ({
  framework: {
    id,
    nameJa: "テスト用の枠組み",
    nameEn: "A framework for the test",
    issuedOn: null,
    source: { document: "テスト文書", date: "2026-01-01", url: null },
    confirmed: false
  },
  measures: [
    {
      code: "1",
      parentCode: null,
      nameJa: "最初の施策",
      nameEn: null,
      order: 1,
      source: { document: "テスト文書", date: null, url: null },
      confirmed: false
    }
  ],
  crosswalk: []
})

const chooseFrameworkFile = (page: Page) =>
  page.setInputFiles("#f-file", {
    name: "test-framework.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(frameworkFile("test-framework")))
  })

describe("the framework editor", () => {
  it("the secretariat corrects a measure's name and reads it on the coverage page", async () => {
    const page = await signIn(users.admin)
    await visit(page, "/national")
    await page.click("[data-testid=national-admin-links] a[href='/national/frameworks']")
    await page.waitForURL(/\/national\/frameworks$/)
    const row = page.locator("[data-testid=frameworks-table] tr[data-id=jscp-package]")
    expect(await row.textContent()).toContain("jscp-package")
    const loaded = await frameworkFromApi("jscp-package")
    // Measures and how many are unconfirmed, as the API has them.
    const cells = await row.locator("td.num").allTextContents()
    expect(cells.slice(1)).toEqual([
      String(loaded.measures.length),
      String(loaded.measures.filter((x) => !x.confirmed).length)
    ])
    expect(await axe(page)).toEqual([])

    await row.locator("a").click()
    await page.waitForURL(/\/national\/frameworks\/jscp-package$/)
    await page.waitForSelector("html[data-hydrated]", { state: "attached" })
    expect(await measureRow(page, "J1")).toContain("高齢者")
    await page.click("[data-testid=measures-table] tr[data-code=J1] a[href*='edit=']")
    await page.waitForURL(/edit=J1/)
    expect(await page.inputValue("#f-nameJa")).toBe("高齢者")
    await page.fill("#f-nameJa", "高齢者への支援")
    await page.fill("#f-nameEn", "Support for older people")
    await page.click("[data-testid=measure-form] button")
    await expect.poll(() => page.textContent("[data-testid=measure-saved]")).toContain("J1")
    expect(await measureRow(page, "J1")).toContain("高齢者への支援")
    expect(await measureRow(page, "J1")).toContain("Support for older people")
    expect((await frameworkFromApi("jscp-package")).version).toBe(loaded.version + 1)
    expect(await axe(page)).toEqual([])
    await shoot(page, "framework-editor")

    await visit(page, "/national?framework=jscp-package&year=2024")
    expect(await coverageRow(page, "J1")).toContain("高齢者への支援")
    await page.close()
  })

  it("shows the API's field errors at the fields, in Japanese and in English, and says when someone saved first", async () => {
    const page = await signIn(users.admin)
    await visit(page, "/national/frameworks/jscp-package?edit=J2")
    await page.fill("#f-nameJa", "")
    await page.fill("#f-source-url", "not an address")
    await page.click("[data-testid=measure-form] button")
    await expect.poll(() => page.locator("#f-nameJa-error").count()).toBe(1)
    expect(await page.locator("#f-source-url-error").count()).toBe(1)
    expect(await page.getAttribute("#f-nameJa", "aria-describedby")).toContain("f-nameJa-error")
    // What was typed stays, and nothing was written.
    expect(await page.inputValue("#f-source-url")).toBe("not an address")
    expect((await frameworkFromApi("jscp-package")).measures.find((x) => x.code === "J2")?.nameJa).toBe("生活困窮者")
    expect(await axe(page)).toEqual([])

    await visit(page, "/locale?to=en&next=/national/frameworks/jscp-package?edit=J2")
    await page.fill("#f-nameJa", "")
    await page.click("[data-testid=measure-form] button")
    await expect.poll(() => page.locator("#f-nameJa-error").count()).toBe(1)
    const english = (await page.textContent("#f-nameJa-error")) ?? ""
    expect(english).toMatch(/[a-z]/)
    expect(english).not.toMatch(/[ぁ-んァ-ン]/)
    await visit(page, "/locale?to=ja&next=/")

    // The page read version n; someone saves meanwhile; this save is refused with the usual answer.
    await visit(page, "/national/frameworks/jscp-package?edit=J2")
    const etag = (await stack.adminApi.call("/frameworks/jscp-package")).headers.get("etag")!
    const meanwhile = await stack.adminApi.call("/frameworks/jscp-package/measures/J9", {
      method: "PUT",
      headers: { "if-match": etag },
      body: JSON.stringify({
        parentCode: "J",
        nameJa: "誰かが先に加えた施策",
        nameEn: null,
        order: 9,
        source: { document: "テスト文書", date: null, url: null },
        confirmed: false
      })
    })
    expect(meanwhile.status).toBe(200)
    await page.fill("#f-nameJa", "生活困窮者への支援")
    await page.click("[data-testid=measure-form] button")
    await expect.poll(() => page.textContent("[role=alert]")).toContain("他の人が先に変更しました")
    expect((await frameworkFromApi("jscp-package")).measures.find((x) => x.code === "J2")?.nameJa).toBe("生活困窮者")
    await page.close()
  })

  it("adds a measure, loads a framework from its file and replaces its measures from a sheet", async () => {
    const page = await signIn(users.admin)
    await visit(page, "/national/frameworks/kenko-nippon-21-3")
    await page.fill("#f-code", "T1")
    await page.selectOption("#f-parentCode", "")
    await page.fill("#f-nameJa", "テストで加えた施策")
    await page.fill("#f-source-document", "テスト文書")
    await page.fill("#f-source-date", "2026-12-04")
    await page.click("[data-testid=measure-form] button")
    await expect.poll(() => page.textContent("[data-testid=measure-saved]")).toContain("T1")
    expect(await measureRow(page, "T1")).toContain("テストで加えた施策")
    expect(await measureRow(page, "T1")).toContain("未確認")

    // A code that is there already is not added twice.
    await page.fill("#f-code", "T1")
    await page.fill("#f-nameJa", "二度目")
    await page.fill("#f-source-document", "テスト文書")
    await page.click("[data-testid=measure-form] button")
    await expect.poll(() => page.textContent("#f-code-error")).toContain("すでにあります")

    await visit(page, "/national/frameworks")
    await chooseFrameworkFile(page)
    await page.click("form[action='?/load'] button")
    await expect.poll(() => page.textContent("[role=status]")).toContain("test-framework")
    expect(await page.textContent("[data-testid=frameworks-table] tr[data-id=test-framework]")).toContain(
      "テスト用の枠組み"
    )
    // The same file again: it is loaded already.
    await chooseFrameworkFile(page)
    await page.click("form[action='?/load'] button")
    await expect.poll(() => page.textContent("#f-file-error")).toContain("読み込み済み")

    await visit(page, "/national/frameworks/test-framework")
    const sheet = [
      "code,parent_code,name_ja,name_en,order,source_document,source_date,source_url,source_note,confirmed",
      "A,,表から読んだ上位の施策,Top from the sheet,1,テスト文書,2026-01-01,,,済",
      "A1,A,表から読んだ下位の施策,,1,テスト文書,,,,"
    ].join("\r\n")
    await page.setInputFiles("#f-file", { name: "measures.csv", mimeType: "text/csv", buffer: Buffer.from(sheet) })
    await page.click("form[action='?/replace'] button")
    await expect.poll(() => page.textContent("[data-testid=framework-replaced]")).toContain("表の内容")
    expect(await measureRow(page, "A")).toContain("確認済み")
    expect(await measureRow(page, "A1")).toContain("表から読んだ下位の施策")
    expect(await page.locator("[data-testid=measures-table] tr[data-code='1']").count()).toBe(0)
    expect((await frameworkFromApi("test-framework")).measures.map((x) => [x.code, x.parentCode])).toEqual([
      ["A", null],
      ["A1", "A"]
    ])

    // A sheet with a missing parent: nothing is replaced, the error is at the file.
    const broken = "code,parent_code,name_ja,source_document\r\nB1,B,親がない施策,テスト文書\r\n"
    await page.setInputFiles("#f-file", { name: "broken.csv", mimeType: "text/csv", buffer: Buffer.from(broken) })
    await page.click("form[action='?/replace'] button")
    await expect.poll(() => page.textContent("#f-file-error")).toContain("B1")
    expect((await frameworkFromApi("test-framework")).measures).toHaveLength(2)
    expect(await axe(page)).toEqual([])
    await page.close()
  })
})

describe("the plan's framework settings", () => {
  it("recommends a measure: the coverage page flags it as recommended but empty", async () => {
    const page = await signIn(users.admin)
    await visit(page, "/national?framework=jscp-package&year=2024")
    expect(await coverageRow(page, "J8")).toContain("対応事業なし")
    expect(await coverageRow(page, "J8")).not.toContain("推奨されているのに空白")
    await page.click("[data-testid=national-admin-links] a[href='/national/settings']")
    await page.waitForURL(/\/national\/settings$/)
    await page.waitForSelector("html[data-hydrated]", { state: "attached" })
    expect(await axe(page)).toEqual([])
    await page.fill("#f-cityCode", "012131")
    await page.selectOption("#f-addRecommended", "jscp-package|J8")
    await page.click("[data-testid=settings-save]")
    await expect.poll(() => page.locator("[data-testid=settings-saved]").count()).toBe(1)
    expect(await page.textContent("[data-testid=recommended-list]")).toContain("J8")
    await shoot(page, "framework-settings")
    const saved = await settingsFromApi()
    expect(saved.recommended).toEqual([{ frameworkId: "jscp-package", code: "J8" }])
    expect(saved.cityCode).toBe("012131")

    await visit(page, "/national?framework=jscp-package&year=2024")
    expect(await coverageRow(page, "J8")).toContain("推奨されているのに空白")
    await page.close()
  })

  it("lets agencies propose national measures once the secretariat switches it on, and off again", async () => {
    const page = await signIn(users.admin)
    await visit(page, "/national/settings")
    expect(await page.isChecked("#f-tagProposals")).toBe(false)
    await page.check("#f-tagProposals")
    await page.click("[data-testid=settings-save]")
    await expect.poll(() => page.locator("[data-testid=settings-saved]").count()).toBe(1)
    expect((await settingsFromApi()).tagProposals).toBe(true)
    expect(await page.isChecked("#f-tagProposals")).toBe(true)
    await page.uncheck("#f-tagProposals")
    await page.click("[data-testid=settings-save]")
    await expect.poll(async () => (await settingsFromApi()).tagProposals).toBe(false)
    await page.close()
  })

  it("publishes the coverage: the public page opens", async () => {
    expect((await stack.adminApi.call(`/plans/${PLAN}/published-years/2024`, { method: "PUT" })).status).toBe(200)
    const reader = await stack.browser.newPage()
    const publicPage = `${stack.adminUrl}/public/${PLAN}/2024/national`
    expect((await reader.goto(publicPage))?.status()).toBe(404)

    const page = await signIn(users.admin)
    await visit(page, "/national/settings")
    expect(await page.isChecked("#f-publishCoverage")).toBe(false)
    await page.check("#f-publishCoverage")
    await page.click("[data-testid=settings-save]")
    await expect.poll(() => page.locator("[data-testid=settings-saved]").count()).toBe(1)
    expect((await settingsFromApi()).publishCoverage).toBe(true)
    // The recommendation saved before stays.
    expect((await settingsFromApi()).recommended).toHaveLength(1)

    expect((await reader.goto(publicPage))?.status()).toBe(200)
    expect(await reader.textContent("h1")).toBe("国の施策との対応")
    await reader.close()
    await page.close()
  })

  it("edits, removes, adds and reorders the survey columns, shows a row's error at the row, and resets them", async () => {
    const page = await signIn(users.admin)
    await visit(page, "/national/settings")
    const before = (await settingsFromApi()).surveyColumns
    expect(before.map((column) => column.field)).toHaveLength(12)
    await page.fill("#f-columns-2-heading", "No.")
    await page.check("#f-columns-0-remove")
    await page.fill("#f-columns-12-heading", "大綱の施策")
    await page.selectOption("#f-columns-12-field", "measureCodes")
    await page.selectOption("#f-columns-12-framework", "taikou-r4")
    await page.fill("#f-columns-12-position", "0")
    await page.click("[data-testid=settings-save]")
    await expect.poll(() => page.locator("[data-testid=settings-saved]").count()).toBe(1)
    const columns = (await settingsFromApi()).surveyColumns
    expect(columns[0]).toEqual({ heading: "大綱の施策", field: "measureCodes", framework: "taikou-r4" })
    expect(columns.find((column) => column.field === "initiativeNo")?.heading).toBe("No.")
    expect(columns.some((column) => column.field === "cityCode")).toBe(false)
    expect(columns).toHaveLength(12)

    // An empty heading is refused by the API: the error sits at that row's heading.
    await page.fill("#f-columns-3-heading", "")
    await page.click("[data-testid=settings-save]")
    await expect.poll(() => page.locator("#f-columns-3-heading-error").count()).toBe(1)
    expect(await page.inputValue("#f-columns-0-heading")).toBe("大綱の施策")
    expect((await settingsFromApi()).surveyColumns).toEqual(columns)

    await visit(page, "/national/settings")
    await page.click("form[action='?/resetColumns'] button")
    await expect.poll(async () => (await settingsFromApi()).surveyColumns).toEqual(before)
    expect((await settingsFromApi()).publishCoverage).toBe(true)
    await page.close()
  })

  it("fits a 390 px phone and reads in English", async () => {
    const page = await signIn(users.admin)
    await page.setViewportSize({ width: 390, height: 844 })
    for (const path of ["/national/frameworks", "/national/frameworks/taikou-r4?edit=13", "/national/settings"]) {
      await visit(page, path)
      expect(await fitsWidth(page), path).toBe(true)
    }
    await visit(page, "/locale?to=en&next=/national/settings")
    expect(await page.textContent("h1")).toBe("Framework settings")
    expect(await axe(page)).toEqual([])
    await visit(page, "/national/frameworks")
    expect(await page.textContent("h1")).toBe("National frameworks and their measures")
    expect(await axe(page)).toEqual([])
    await visit(page, "/locale?to=ja&next=/")
    await page.close()
  })
})

describe("without JavaScript", () => {
  it("corrects a measure and saves the settings with plain form posts", async () => {
    const signedIn = await signIn(users.admin)
    const context = await stack.browser.newContext({ javaScriptEnabled: false, locale: "ja-JP" })
    try {
      await context.addCookies(await signedIn.context().cookies())
      const page = await context.newPage()
      await page.goto(`${stack.adminUrl}/national/frameworks/jscp-package?edit=J3`)
      await page.fill("#f-nameJa", "勤務・経営（JavaScriptなし）")
      await page.click("[data-testid=measure-form] button")
      await expect.poll(() => page.textContent("[data-testid=measure-saved]")).toContain("J3")
      expect((await frameworkFromApi("jscp-package")).measures.find((x) => x.code === "J3")?.nameJa).toBe(
        "勤務・経営（JavaScriptなし）"
      )
      await page.goto(`${stack.adminUrl}/national/settings`)
      await page.fill("#f-cityCode", "1234")
      await page.click("[data-testid=settings-save]")
      await expect.poll(() => page.locator("#f-cityCode-error").count()).toBe(1)
      expect(await page.inputValue("#f-cityCode")).toBe("1234")
      await page.fill("#f-cityCode", "012130")
      await page.click("[data-testid=settings-save]")
      await expect.poll(() => page.locator("[data-testid=settings-saved]").count()).toBe(1)
      expect((await settingsFromApi()).cityCode).toBe("012130")
    } finally {
      await context.close()
      await signedIn.close()
    }
  })
})

describe("an editor", () => {
  it("gets no edit control, and its forged posts are refused", async () => {
    const framework = await frameworkFromApi("jscp-package")
    const settings = await settingsFromApi()
    const page = await signIn(users.editor)
    await visit(page, "/national")
    expect(await page.locator("[data-testid=national-admin-links]").count()).toBe(0)
    await visit(page, "/national/frameworks/jscp-package")
    expect(await measureRow(page, "J1")).toContain("高齢者への支援")
    expect(await page.locator("form[method=POST]:not([action='/logout'])").count()).toBe(0)
    expect(await page.locator("a[href*='edit=']").count()).toBe(0)
    await visit(page, "/national/frameworks")
    expect(await page.locator("form[method=POST]:not([action='/logout'])").count()).toBe(0)
    expect((await page.goto(`${stack.adminUrl}/national/settings`))?.status()).toBe(403)

    const post = (path: string, form: Record<string, string>) =>
      page.request.post(`${stack.adminUrl}${path}`, {
        headers: { origin: stack.adminUrl },
        form
      })
    const forged = [
      await post("/national/frameworks/jscp-package?/saveMeasure", {
        version: String(framework.version),
        mode: "edit",
        code: "J1",
        nameJa: "偽造",
        "source.document": "偽造"
      }),
      await post("/national/settings?/save", {
        version: String(settings.version),
        rows: "0",
        cityCode: "99999",
        publishCoverage: "on"
      }),
      await post("/national/settings?/resetColumns", { version: String(settings.version) })
    ]
    expect(forged.map((response) => response.status())).toEqual([403, 403, 403])
    expect(await frameworkFromApi("jscp-package")).toEqual(framework)
    expect(await settingsFromApi()).toEqual(settings)
    await page.close()
  })
})
