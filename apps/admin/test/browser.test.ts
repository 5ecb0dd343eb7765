/**
 * The admin UI in a real browser (Debian's chromium through playwright-core) against the real
 * API on a fresh SQLite database: sign-in, filtering, editing a review, a conflict, an editor
 * refused another agency's row, an import with its diff, the print view, and axe on every page.
 */
import { writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Workbook } from "@cj-tech-master/excelts"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { axe, browsing, shoot } from "./browsing.ts"
import { startStack, type Stack, users } from "./stack.ts"

const PLAN = "tomakomai-step3"

let stack: Stack
const { visit, signIn, dialogs, answerDialogs } = browsing(() => stack)

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
    await expect.poll(() => page.locator("[role=alert]").textContent()).toContain("指標2の実績")
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

  it("lets the secretariat accept a sheet's new row as an initiative in the import preview", async () => {
    const api = stack.adminApi
    const exported = Buffer.from(
      await (await api.call(`/plans/${PLAN}/export?format=xlsx&fiscalYear=2024`)).arrayBuffer()
    )
    const workbook = new Workbook()
    await workbook.xlsx.load(exported)
    const sheet = workbook.getWorksheet("④相談できる場所")!
    sheet.getRow(sheet.rowCount + 1).values = ["全期対象", "160", "夜間のこころの相談", "", "健康支援課", "試行した。"]
    sheet.getRow(sheet.rowCount + 1).values = ["全期対象", "161", "断る事業", "", "健康支援課", "試行した。"]
    // An approved row changed too: the preview says so before anyone applies it.
    sheet.eachRow((row) => {
      if (String(row.getCell(2).value ?? "") === "97") row.getCell(10).value = "事務局が取り込みで補記した。"
    })
    const file = join(tmpdir(), `sukoyaka-new-rows-${process.pid}.xlsx`)
    writeFileSync(file, Buffer.from(await workbook.xlsx.writeBuffer()))

    const page = await signIn(users.admin)
    await visit(page, `/workbook`)
    await page.setInputFiles("#f-file", file)
    await page.click("text=差分を確認する")
    const proposals = page.locator("[data-testid=import-proposals]")
    await proposals.waitFor()
    expect(await proposals.textContent()).toContain("夜間のこころの相談")
    expect(await page.textContent("[data-testid=was-approved-97]")).toContain("再承認")
    await page.check("#accept-160")
    await page.click("button:has-text('この内容で取り込む')")
    await expect.poll(() => page.textContent("[data-testid=import-applied]"), { timeout: 30_000 }).toContain("No.160")
    expect((await api.call(`/plans/${PLAN}/initiatives/160`)).status).toBe(200)
    expect((await api.call(`/plans/${PLAN}/initiatives/161`)).status).toBe(404)
    const review = (await (await api.call(`/plans/${PLAN}/initiatives/160/reviews/2024`)).json()) as {
      actions: string
    }
    expect(review.actions).toBe("試行した。")
    const reapproval = (await (await api.call(`/plans/${PLAN}/initiatives/97/reviews/2024`)).json()) as {
      status: string
    }
    expect(reapproval.status).toBe("submitted")
    await page.close()
  })

  it("lets the agency withdraw its submission, and shows the secretariat's return comment on the form", async () => {
    const page = await signIn(users.editor)
    await visit(page, "/initiatives/85?year=2024")
    // A move acts at once: cancelling the question leaves the review as it was.
    answerDialogs("dismiss")
    await page.click("button:has-text('提出する')")
    expect(dialogs.at(-1)).toContain("提出しますか")
    await visit(page, "/initiatives/85?year=2024")
    expect(await page.textContent("[data-testid=progress]")).not.toContain("提出済み")
    answerDialogs("accept")
    await page.click("button:has-text('提出する')")
    await page.locator("button:has-text('提出を取り下げる')").waitFor()
    expect(await page.textContent("[data-testid=progress]")).toContain("提出済み")
    await page.click("button:has-text('提出を取り下げる')")
    await page.locator("button:has-text('提出する')").waitFor()
    expect(await page.locator("button:has-text('提出を取り下げる')").count()).toBe(0)
    await page.click("button:has-text('提出する')")
    await page.locator("button:has-text('提出を取り下げる')").waitFor()

    // The secretariat returns it with a comment; the agency reads it on the form it fixes.
    const path = `/plans/${PLAN}/initiatives/85/reviews/2024`
    const etag = (await stack.adminApi.call(path)).headers.get("etag")!
    const returned = await stack.adminApi.call(`${path}/status`, {
      method: "POST",
      headers: { "if-match": etag },
      body: JSON.stringify({ action: "return", comment: "参加者数の根拠を追記してください。" })
    })
    expect(returned.status).toBe(200)
    await visit(page, "/initiatives/85/review/2024")
    expect(await page.textContent("[data-testid=return-comment]")).toContain("参加者数の根拠を追記してください。")
    await page.close()
  })

  it("prints the A–L table per objective on A4 landscape with repeated headers", async () => {
    const page = await signIn(users.admin)
    await visit(page, `/report`)
    expect(await page.locator("section.sheet").count()).toBe(4)
    expect(await page.locator("section.sheet table thead tr").first().locator("th").count()).toBe(12)
    // Every initiative of the year has its row: the seed's 55, and any a test above added (an import's new row).
    const year = (await (await stack.adminApi.call(`/plans/${PLAN}/initiatives?year=2024&pageSize=200`)).json()) as {
      total: number
    }
    expect(year.total).toBeGreaterThanOrEqual(55)
    expect(await page.locator("section.sheet tbody tr").count()).toBe(year.total)
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
    expect(await bars.locator(":scope > title").textContent()).toBe("取組方針ごとの自己評価")
    expect(await bars.locator("rect.bar").count()).toBeGreaterThan(0)
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
      ["/national", null],
      ["/national/frameworks", null],
      ["/national/frameworks/taikou-r4?edit=13", null],
      ["/national/settings", null],
      ["/report/summary", "summary"],
      ["/admin/users", null],
      ["/admin/tokens", null],
      ["/admin/webhooks", null],
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
    await shoot(page, "dashboard-en")
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
    await row.locator("form.edit button").click()
    await expect.poll(() => page.textContent("[role=alert]")).toContain("有効な管理者がこの利用者だけのため")
    const users_ = await (await stack.adminApi.call("/users")).json()
    expect((users_ as Array<{ email: string; role: string }>).find((u) => u.email === users.admin.email)?.role).toBe(
      "admin"
    )
    await visit(page, `/locale?to=en&next=/admin/users`)
    await row.locator("summary").click()
    await row.locator("input[name=disabled]").check()
    await row.locator("form.edit button").click()
    await expect.poll(() => page.textContent("[role=alert]")).toContain("This is the last enabled admin")
    await visit(page, `/locale?to=ja&next=/`)
    await page.close()
  })
})
