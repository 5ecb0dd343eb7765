/**
 * Issue 20's review form as an agency's editor meets it, in a real browser against the real API:
 * Enter never adds a row, unsaved work is not lost to a stray click or a closed tab, a save says
 * so, the figures' text and table are kept in step, and nothing on the way shows a developer's word.
 */
import type { Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { axe, browsing, developerWords } from "./browsing.ts"
import { startStack, type Stack, users } from "./stack.ts"

// 子育て世代包括支援センター: G reads 「母子健康手帳交付：820人」, its figure 820 人 (a draft in the tests' stack).
const NO = 89
const FORM = `/initiatives/${NO}/review/2024`

let stack: Stack
const { visit, signIn, closeAll, dialogs, answerDialogs } = browsing(() => stack)

const rows = (page: Page) => page.locator("table.measures").first().locator("tbody tr").count()
const actual = "#f-measures-0-actual"

beforeAll(async () => {
  process.env.SUKOYAKA_LOG ??= "silent"
  stack = await startStack()
}, 180_000)

afterAll(async () => {
  await closeAll()
  await stack?.stop()
})

describe("the review form keeps the agency's work", () => {
  it("Enter in a figure moves to the next field and adds no row, in either table", async () => {
    const page = await signIn(users.editor)
    await visit(page, FORM)
    const before = await rows(page)
    const nextBefore = await page.locator("table.measures").nth(1).locator("tbody tr").count()
    await page.fill(actual, "821")
    for (let i = 0; i < 3; i++) await page.press(actual, "Enter")
    await page.press("#f-next-measures-0-planned", "Enter")
    expect(await rows(page)).toBe(before)
    expect(await page.locator("table.measures").nth(1).locator("tbody tr").count()).toBe(nextBefore)
    // Still on the form, nothing saved: Enter is not "save" either.
    expect(page.url()).toContain(FORM)
    expect(await page.inputValue(actual)).toBe("821")
    await page.close()
  })

  it("asks before leaving with unsaved changes: cancel keeps the work, and closing the tab asks too", async () => {
    const page = await signIn(users.editor)
    await visit(page, FORM)
    expect(await page.locator("[data-testid=unsaved]").count()).toBe(0)
    await page.fill("#f-ratingReason", "まだ保存していない理由")
    await page.locator("[data-testid=unsaved]").waitFor()

    answerDialogs("dismiss")
    const asked = dialogs.length
    await page.click("nav.site a[href='/initiatives']")
    await expect.poll(() => dialogs.length).toBe(asked + 1)
    expect(dialogs.at(-1)).toContain("保存していない変更")
    expect(page.url()).toContain(FORM)
    expect(await page.inputValue("#f-ratingReason")).toBe("まだ保存していない理由")

    // Closing the tab: the browser's own prompt (beforeunload).
    await page.close({ runBeforeUnload: true })
    await expect.poll(() => dialogs.at(-1)).toBe("beforeunload")
    answerDialogs("accept")
    await page.close()
  })

  it("says the review was saved, with its version; history names fields as the sheet does", async () => {
    const page = await signIn(users.editor)
    await visit(page, FORM)
    await page.fill(actual, "830")
    await page.fill("#f-resultText", "母子健康手帳交付：830人")
    await Promise.all([page.waitForURL(/saved=1/), page.click("button:has-text('保存する')")])
    const saved = await page.textContent("[data-testid=saved]")
    expect(saved).toMatch(/保存しました（第\d+版）/)
    const history = await page.textContent("ol.audit")
    expect(history).toContain("指標1の実績")
    expect(history).toContain("G ")
    expect(history).not.toMatch(developerWords)
    // Saving leaves nothing "unsaved": the next navigation asks nothing.
    const asked = dialogs.length
    await visit(page, FORM)
    await page.click("nav.site a[href='/initiatives']")
    await page.waitForURL(/\/initiatives(\?|$)/)
    expect(dialogs.length).toBe(asked)
    await page.close()
  })

  it("warns when the text no longer says the table's figure, and rewrites it in one click", async () => {
    const page = await signIn(users.editor)
    await visit(page, FORM)
    const warning = page.locator("[data-testid=figure-text-G]")
    expect(await warning.count()).toBe(0)
    await page.fill(actual, "850")
    await warning.waitFor()
    expect(await warning.textContent()).toContain("母子健康手帳交付")
    await warning.locator("button").click()
    expect(await page.inputValue("#f-resultText")).toBe("・母子健康手帳交付：850人")
    expect(await warning.count()).toBe(0)
    expect(await axe(page)).toEqual([])
    await page.close()
  })

  it("names a figure typed as words in the reader's words, at its field", async () => {
    const page = await signIn(users.editor)
    await visit(page, FORM)
    await page.fill(actual, "約5")
    await page.click("button:has-text('保存する')")
    const summary = page.locator("[role=alert]").first()
    await summary.waitFor()
    const text = await summary.textContent()
    expect(text).toContain("指標1の実績")
    expect(text).toContain("数字で入力してください")
    expect(text).not.toMatch(developerWords)
    await page.close()
  })
})

describe("around the form", () => {
  it("a submitted review tells its agency why it waits, and a move asks first", async () => {
    const page = await signIn(users.editor)
    await visit(page, `/initiatives/${NO}?year=2024`)
    answerDialogs("accept")
    await page.click("button:has-text('提出する')")
    await page.locator("button:has-text('提出を取り下げる')").waitFor()
    expect(dialogs.at(-1)).toContain("提出しますか")
    await visit(page, FORM)
    const why = await page.textContent("[data-testid=cannot-edit]")
    expect(why).toContain("提出済み")
    expect(why).not.toContain("権限")
    await page.close()
  })

  it("shows a missing page and a forbidden page in Japanese, without the API's English", async () => {
    const page = await signIn(users.editor)
    const missing = await visit(page, "/initiatives/9999")
    expect(missing?.status()).toBe(404)
    expect(await page.textContent("[data-testid=error-title]")).toBe("ページが見つかりません")
    const forbidden = await visit(page, "/admin/users")
    expect(forbidden?.status()).toBe(403)
    expect(await page.textContent("[data-testid=error-title]")).toBe("このページを表示する権限がありません")
    expect(await page.textContent("main")).not.toMatch(developerWords)
    await page.close()
  })

  it("finds an initiative by its number, as people write it", async () => {
    const page = await signIn(users.viewer)
    for (const q of ["88", "No.88", "８８"]) {
      await visit(page, `/initiatives?year=2024&q=${encodeURIComponent(q)}`)
      expect(await page.locator(`a[href^='/initiatives/88?']`).count(), q).toBeGreaterThan(0)
    }
    await page.close()
  })
})

describe("an editor's own start", () => {
  it("the list opens on its agency's rows, 「すべて」 shows every row, and the workbook offers its own sheet", async () => {
    const page = await signIn(users.editor)
    await visit(page, "/initiatives?year=2024")
    expect(await page.inputValue("#filter-agency")).toBe("kenko-shien")
    const own = await page.locator("table.list tbody tr").count()
    expect(own).toBe(9)
    await page.selectOption("#filter-agency", "")
    await Promise.all([page.waitForURL(/agency=(&|$)/), page.click("text=絞り込む")])
    expect(await page.locator("table.list tbody tr").count()).toBe(55)
    await visit(page, "/workbook")
    expect(await page.inputValue("#export-agency")).toBe("kenko-shien")
    await page.close()
  })
})

describe("a new user chooses their own password", () => {
  it("the admin ticks agencies and types no password; the one-time link sets it once, in a browser without a session", async () => {
    const admin = await signIn(users.admin)
    await visit(admin, "/admin/users")
    expect(await admin.locator("#f-password").count()).toBe(0)
    await admin.fill("#f-email", "link-user@example.jp")
    await admin.fill("#f-displayName", "リンク 利用者")
    await admin.selectOption("#f-role", "editor")
    await admin.check("#f-agencies input[value=kenko-shien]")
    await admin.click("text=ユーザーを作成")
    await admin.locator("[data-testid=password-setup]").waitFor()
    const link = await admin.inputValue("#setup-link")
    expect(link).toMatch(new RegExp(`^${stack.adminUrl}/account/setup\\?token=sps_`))
    expect(await admin.textContent("[data-testid=password-setup]")).toContain("link-user@example.jp")

    const context = await stack.browser.newContext({ locale: "ja-JP" })
    try {
      const page = await context.newPage()
      await page.goto(link)
      await page.fill("#f-password", "自分で決めたパスワード です")
      await page.fill("#f-confirm", "違うパスワードを入れました")
      await page.click("text=パスワードを設定する")
      await expect.poll(() => page.textContent("main")).toContain("確認用のパスワードが一致しません")
      await page.fill("#f-password", "自分で決めたパスワード です")
      await page.fill("#f-confirm", "自分で決めたパスワード です")
      await Promise.all([page.waitForURL(/\/login\?notice=passwordSet/), page.click("text=パスワードを設定する")])
      expect(await page.textContent("main")).toContain("パスワードを設定しました")
      await page.fill("#f-email", "link-user@example.jp")
      await page.fill("#f-password", "自分で決めたパスワード です")
      await Promise.all([page.waitForURL(`${stack.adminUrl}/`), page.click("button[type=submit]")])
      expect(await page.textContent("header .who")).toContain("リンク 利用者")

      // The link worked once: opened again, it is refused in the reader's words.
      const again = await context.newPage()
      await again.goto(link)
      await again.fill("#f-password", "もう一度使おうとした パスワード")
      await again.fill("#f-confirm", "もう一度使おうとした パスワード")
      await again.click("text=パスワードを設定する")
      await expect.poll(() => again.textContent("main")).toContain("事務局に新しいリンクを依頼してください")
      expect(await again.textContent("main")).not.toMatch(developerWords)
      expect(await axe(again)).toEqual([])
    } finally {
      await context.close()
      await admin.close()
    }
  })
})

describe("the layout on a phone and on a 1366 px screen", () => {
  const pages = [
    "/",
    "/initiatives?year=2024",
    `/initiatives/${NO}?year=2024`,
    FORM,
    "/targets",
    "/workbook",
    "/account/password"
  ]

  const adminPages = [
    "/admin/cycle",
    "/admin/structure",
    "/admin/agencies",
    "/admin/users",
    "/admin/tokens",
    "/admin/outbox",
    "/admin/webhooks",
    "/notifications",
    "/report",
    "/national/frameworks",
    "/national/frameworks/taikou-r4?edit=13",
    "/national/settings"
  ]

  it.each([
    ["an editor", users.editor, pages],
    ["the secretariat", users.admin, adminPages]
  ])("no page scrolls sideways at 390 px for %s: wide tables scroll inside their own box", async (_, who, paths) => {
    const signedIn = await signIn(who)
    const context = await stack.browser.newContext({ viewport: { width: 390, height: 844 }, locale: "ja-JP" })
    try {
      await context.addCookies(await signedIn.context().cookies())
      const page = await context.newPage()
      const widths: Record<string, number> = {}
      for (const path of paths) {
        await page.goto(`${stack.adminUrl}${path}`)
        widths[path] = await page.evaluate(() => document.documentElement.scrollWidth)
        // What sticks out, outermost first: the failure names it.
        const out = await page.evaluate(() =>
          [...document.querySelectorAll<HTMLElement>("body *")]
            .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 1)
            // Inside a box that scrolls sideways (a wide table, the menu) is where it belongs.
            .filter((element) => {
              for (let up = element.parentElement; up !== null; up = up.parentElement)
                if (["auto", "scroll", "hidden"].includes(getComputedStyle(up).overflowX)) return false
              return true
            })
            .filter((element) => (element.parentElement?.getBoundingClientRect().right ?? 0) <= window.innerWidth + 1)
            .slice(0, 5)
            .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join(".")}`)
        )
        if (out.length > 0) widths[`${path} (wider: ${out.join(" ")})`] = 0
      }
      expect(widths).toEqual(Object.fromEntries(paths.map((path) => [path, 390])))
    } finally {
      await context.close()
      await signedIn.close()
    }
  })

  it("the charts' texts contrast with what is behind them (AA, 4.5:1); in English every rating column fits beside the objectives", async () => {
    const page = await signIn(users.admin)
    try {
      await page.setViewportSize({ width: 1366, height: 768 })
      await visit(page, "/")
      const contrasts = await page.evaluate(() => {
        const rgb = (colour: string) => {
          const match = /^rgba?\(([^)]+)\)$/.exec(colour)
          if (match === null) return null
          const [r, g, b, a = 1] = match[1]!
            .split(/[\s,/]+/)
            .filter(Boolean)
            .map(Number)
          return { r: r!, g: g!, b: b!, a }
        }
        const luminance = (c: { r: number; g: number; b: number }) =>
          [c.r, c.g, c.b]
            .map((v) => v / 255)
            .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
            .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i]!, 0)
        /** The colour behind an HTML element: the first opaque background up the tree, else white. */
        const pageBehind = (element: Element | null) => {
          for (let up = element; up !== null; up = up.parentElement) {
            const colour = rgb(getComputedStyle(up).backgroundColor)
            if (colour !== null && colour.a > 0) return colour
          }
          return { r: 255, g: 255, b: 255, a: 1 }
        }
        const found: Array<{ text: string; ratio: number | null }> = []
        for (const text of document.querySelectorAll<SVGTextElement>("main figure svg text")) {
          const box = text.getBoundingClientRect()
          const label = (text.textContent ?? "").trim()
          if (box.width === 0 || label === "") continue
          const fill = rgb(getComputedStyle(text).fill)
          // A bar under the text (a filled rect or path), else the page around the chart.
          const shape = document
            .elementsFromPoint(box.x + box.width / 2, box.y + box.height / 2)
            .find((e) => (e.tagName === "rect" || e.tagName === "path") && getComputedStyle(e).fill !== "none")
          const behind = shape ? rgb(getComputedStyle(shape).fill) : pageBehind(text.closest("figure"))
          if (fill === null || behind === null) {
            found.push({ text: label, ratio: null })
            continue
          }
          const [light, dark] = [luminance(fill), luminance(behind)].sort((x, y) => y - x)
          found.push({ text: label, ratio: Math.round(((light! + 0.05) / (dark! + 0.05)) * 10) / 10 })
        }
        return found
      })
      expect(contrasts.length).toBeGreaterThan(10)
      expect(contrasts.filter((c) => c.ratio === null || c.ratio < 4.5)).toEqual([])

      await visit(page, "/locale?to=en&next=/")
      const table = page.locator("main figure table").first()
      const fits = await table.evaluate((element) => {
        const box = element.closest<HTMLElement>(".scroll")!
        return {
          scrolls: box.scrollWidth > box.clientWidth + 1,
          objective: element.querySelector("tbody th")!.getBoundingClientRect().width
        }
      })
      expect(fits.scrolls).toBe(false)
      expect(fits.objective).toBeGreaterThanOrEqual(160)
    } finally {
      await visit(page, "/locale?to=ja&next=/")
      await page.close()
    }
  })

  it("at 1366 px no button label wraps inside a word", async () => {
    const signedIn = await signIn(users.admin)
    const context = await stack.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "ja-JP" })
    try {
      await context.addCookies(await signedIn.context().cookies())
      const page = await context.newPage()
      const wrapped: Array<string> = []
      // The council report is laid out for A4 paper, its tables' cells sized for print, not for a screen.
      for (const path of [...pages, ...adminPages.filter((path) => path !== "/report")]) {
        await page.goto(`${stack.adminUrl}${path}`)
        // A label on more than one line: its text's boxes stack up (a one-line label has one line box).
        // A short word (a label of up to eight characters, no space) laid out on more than one line.
        const labels = await page.evaluate(() => {
          const walker = document.createTreeWalker(
            document.querySelector("main") ?? document.body,
            NodeFilter.SHOW_TEXT
          )
          const broken: Array<string> = []
          for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
            const text = (node.textContent ?? "").trim()
            // 、・ and spaces separate words: a break there is where it should be.
            if (text.length < 2 || text.length > 8 || /[\s、・/]/.test(text)) continue
            if (!node.parentElement?.closest("button, a.button, td, th")) continue
            const range = document.createRange()
            range.selectNodeContents(node)
            const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)))
            if (tops.size > 1) broken.push(text)
          }
          return broken
        })
        wrapped.push(...labels.map((label) => `${path}: ${label}`))
      }
      expect(wrapped).toEqual([])
    } finally {
      await context.close()
      await signedIn.close()
    }
  })
})
