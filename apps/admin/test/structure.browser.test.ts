/**
 * Issue 18's "Done when" from the admin UI, in a real browser against the real API on a fresh
 * SQLite database: as the secretariat, create a basic policy, an area, an objective ① in it, an
 * agency and an initiative under that objective; write its FY2024 review; the summary counts it
 * under its own policy and area without touching the seed's ①; the xlsx export carries it; retire
 * it after FY2024 and it leaves FY2025's cycle but stays in FY2024's report. Around it: the API's
 * refusals shown at the field (409, 412, 422), an editor who sees no structure control and whose
 * forged posts are refused, and axe on every new page.
 */
import { Workbook } from "@cj-tech-master/excelts"
import type { Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { axe, browsing, shoot } from "./browsing.ts"
import { startStack, type Stack, users } from "./stack.ts"

const PLAN = "tomakomai-step3"
const NO = 120

let stack: Stack
const { visit, signIn } = browsing(() => stack)

interface Ratings {
  A: number
  B: number
  C: number
  D: number
  unrated: number
}
interface Summary {
  ratings: Ratings
  byPolicy: Array<{ policyNo: number; title: string; ratings: Ratings }>
  byArea: Array<{
    policyNo: number
    areaNo: number
    title: string
    ratings: Ratings
  }>
  byObjective: Array<{
    policyNo: number
    areaNo: number
    objectiveNo: number
    ratings: Ratings
  }>
  completion: {
    total: number
    byStatus: Record<"draft" | "submitted" | "approved" | "missing", number>
  }
}

const api = (path: string, init?: RequestInit) => stack.adminApi.call(`/plans/${PLAN}${path}`, init)
const summary = async (year: number) => (await (await api(`/summary?fiscalYear=${year}`)).json()) as Summary
const status = (page: Page) => page.locator("[role=status]").first().textContent()
const alert = (page: Page) => page.locator("[role=alert]").textContent()

let seeded: Summary

beforeAll(async () => {
  process.env.SUKOYAKA_LOG ??= "silent"
  stack = await startStack()
  seeded = await summary(2024)
}, 240_000)

afterAll(async () => {
  await stack?.stop()
})

describe("the plan's structure in the admin UI", () => {
  it("builds 基本方針９ › 分野１ › ①, refusing a taken number (409) and a stale tree (412) at the field", async () => {
    const page = await signIn(users.admin)
    await visit(page, "/")
    expect(await page.locator("nav a[href='/admin/structure']").count()).toBe(1)
    await visit(page, "/admin/structure")
    expect(await page.textContent("h1")).toBe("計画の構成（基本方針・分野・取組方針）")
    expect(await axe(page)).toEqual([])

    // 基本方針3 is the seed's: the number is refused at its field, in Japanese.
    await page.click("[data-testid=open-new-policy]")
    await page.fill("#f-new-policy-no", "3")
    await page.fill("#f-new-policy-title", "重複")
    await page.click("[data-testid=create-new-policy]")
    await expect.poll(() => page.textContent("#f-new-policy-no-error")).toContain("基本方針3はすでにあります")
    expect(await page.getAttribute("#f-new-policy-no", "aria-invalid")).toBe("true")
    expect(await alert(page)).toContain("番号")
    expect(await page.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("alert")

    await page.fill("#f-new-policy-no", "９")
    await page.fill("#f-new-policy-title", "テスト用")
    await page.click("[data-testid=create-new-policy]")
    await expect.poll(() => page.textContent("#policy-9-title")).toContain("基本方針9　テスト用")
    expect(await status(page)).toContain("追加しました")

    await page.click("[data-testid=open-new-area-9]")
    expect(await page.inputValue("#f-new-area-9-no")).toBe("1")
    await page.fill("#f-new-area-9-title", "テスト分野")
    await page.click("[data-testid=create-new-area-9]")
    await expect.poll(() => page.locator("#area-9-1-title").count()).toBe(1)

    await page.click("[data-testid=open-new-objective-9-1]")
    await page.fill("#f-new-objective-9-1-title", "テスト取組")
    await page.fill("#f-new-objective-9-1-statement", "テストの取組を図ります。")
    await page.click("[data-testid=create-new-objective-9-1]")
    await expect.poll(() => page.textContent("#objective-9-1-1-title")).toContain("①　テスト取組")

    // Retire the new ① after FY2024, typed in 令和, then bring it back.
    await page.fill("#f-objective-9-1-1-until", "令和6")
    await page.click("[data-testid=retire-objective-9-1-1]")
    await expect.poll(() => page.textContent("#objective-9-1-1-title")).toContain("令和６年度まで")
    expect(await page.textContent("#objective-9-1-1-title")).toContain("終了")
    await page.click("[data-testid=reinstate-objective-9-1-1]")
    await expect.poll(() => page.textContent("#objective-9-1-1-title")).toContain("全期間")

    // A second tab read the tree before a reorder: its change is refused and says to reload.
    const stale = await signIn(users.admin)
    await visit(stale, "/admin/structure")
    await page.click("[data-testid=up-policy-9]")
    await expect.poll(() => page.locator("section.policy h2").first().textContent()).toContain("基本方針9")
    await stale.click("[data-node=policy-9] > details > summary")
    await stale.fill("#f-policy-9-title", "古い画面から")
    await stale.click("[data-testid=save-policy-9]")
    await expect.poll(() => alert(stale)).toContain("画面を再読み込み")
    await stale.close()
    await visit(page, "/admin/structure")
    await page.click("[data-testid=down-policy-9]")
    await expect.poll(() => page.locator("section.policy h2").first().textContent()).toContain("基本方針3")
    await shoot(page, "structure")

    const tree = (await (await api("")).json()) as {
      basicPolicies: Array<{
        no: number
        title: string
        areas: Array<{ no: number; objectives: Array<{ no: number }> }>
      }>
    }
    expect(
      tree.basicPolicies.map((p) => [p.no, p.title, p.areas.map((a) => [a.no, a.objectives.map((o) => o.no)])])
    ).toEqual([
      [3, "こころの健康づくり", [[1, [1, 2, 3, 4]]]],
      [9, "テスト用", [[1, [1]]]]
    ])
    await page.close()
  })

  it("adds an agency, refusing an id that is not a slug", async () => {
    const page = await signIn(users.admin)
    await visit(page, "/admin/agencies")
    expect(await axe(page)).toEqual([])
    await page.fill("#f-new-agency-id", "テスト")
    await page.fill("#f-new-agency-name", "テスト機関")
    await page.click("[data-testid=create-agency]")
    await expect.poll(() => page.locator("#f-new-agency-id-error").count()).toBe(1)
    expect(await page.getAttribute("#f-new-agency-id", "aria-invalid")).toBe("true")
    await page.fill("#f-new-agency-id", "test-kikan")
    await page.fill("#f-new-agency-reading", "てすときかん")
    await page.selectOption("#f-new-agency-kind", "outsideBody")
    await page.click("[data-testid=create-agency]")
    await expect.poll(() => page.locator("tr[data-agency=test-kikan]").count()).toBe(1)
    expect(await status(page)).toContain("実施機関を追加しました")
    expect(await page.textContent("tr[data-agency=test-kikan]")).toContain("市以外の機関・団体")
    // Without a position it goes last.
    expect(await page.locator("tbody tr").last().getAttribute("data-agency")).toBe("test-kikan")
    await shoot(page, "agencies")
    await page.close()
  })

  it("adds an initiative under 9-1-① with that agency, and its FY2024 review counts under its own policy and area", async () => {
    const page = await signIn(users.admin)
    await visit(page, "/initiatives")
    await page.click("[data-testid=new-initiative]")
    await page.waitForURL(/\/initiatives\/new$/)
    await page.waitForSelector("html[data-hydrated]", { state: "attached" })
    expect(await axe(page)).toEqual([])
    await page.fill("#f-no", "57")
    await page.fill("#f-name", "【新】テスト事業")
    await page.fill("#f-content", "● テストの講座を開きます。\n● 相談につなげます。")
    await page.check("input[name=lifeStages][value=adulthood]")
    await page.check("input[name=agencies][value=test-kikan]")
    await page.click("[data-testid=create-initiative]")
    await expect.poll(() => page.textContent("#f-objective-error")).toContain("必須項目です")
    await page.selectOption("#f-objective", "9-1-1")
    await page.click("[data-testid=create-initiative]")
    await expect.poll(() => page.textContent("#f-no-error")).toContain("Ｎｏ.57はすでにあります")
    await shoot(page, "initiative-new")
    await page.fill("#f-no", String(NO))
    await Promise.all([
      page.waitForURL(new RegExp(`/initiatives/${NO}\\?notice=created$`)),
      page.click("[data-testid=create-initiative]")
    ])
    expect(await status(page)).toContain(`Ｎｏ.${NO} を追加しました`)
    expect(await page.textContent(".facts")).toContain("9-1① テスト取組")
    expect(await page.textContent(".facts")).toContain("テスト機関")

    // The list's objective filter names the area too: 9-1-① holds the new row only, 3-1-① the seed's.
    await visit(page, "/initiatives?year=2024&objective=9-1-1")
    expect(await page.locator("table.list tbody tr td:first-child").allTextContents()).toEqual([String(NO)])
    await visit(page, "/initiatives?year=2024&objective=3-1-1")
    expect(await page.locator("table.list tbody tr td:first-child").allTextContents()).toEqual(
      Array.from({ length: 13 }, (_, i) => String(57 + i))
    )

    await visit(page, `/initiatives/${NO}/review/2024`)
    await page.fill("#f-actions", "テストの講座を3回開いた。")
    await page.fill("#f-resultText", "参加者：45人")
    await page.check("input[name=selfRating][value=A]")
    await page.fill("#f-ratingReason", "予定どおり開催できた。")
    await Promise.all([page.waitForURL(new RegExp(`/initiatives/${NO}\\?year=2024`)), page.click("button[value=save]")])

    const after = await summary(2024)
    expect(after.byPolicy.find((row) => row.policyNo === 9)).toMatchObject({
      title: "テスト用",
      ratings: { A: 1, B: 0, C: 0, D: 0, unrated: 0 }
    })
    expect(after.byArea.find((row) => row.policyNo === 9 && row.areaNo === 1)).toMatchObject({
      title: "テスト分野",
      ratings: { A: 1 }
    })
    // The seed's ① (3-1-1) and all of policy 3 are untouched: the new ① is another objective.
    expect(after.byObjective.filter((row) => row.policyNo === 3)).toEqual(seeded.byObjective)
    expect(after.byPolicy.find((row) => row.policyNo === 3)!.ratings).toEqual(seeded.ratings)
    expect(after.byObjective.find((row) => row.policyNo === 9)).toMatchObject({
      areaNo: 1,
      objectiveNo: 1,
      ratings: { A: 1 }
    })

    const response = await api("/export?format=xlsx&fiscalYear=2024")
    expect(response.status).toBe(200)
    const book = new Workbook()
    await book.xlsx.load(await response.arrayBuffer())
    const rowsOf = (name: string) => {
      const rows: Array<[string, string]> = []
      book.getWorksheet(name)?.eachRow((row) => rows.push([String(row.getCell(2).value), String(row.getCell(3).value)]))
      return rows
    }
    const tab = book.worksheets.find((sheet) => sheet.name.startsWith("9-1①"))
    expect(tab?.name).toBeDefined()
    expect(rowsOf(tab!.name)).toContainEqual([String(NO), "【新】テスト事業"])
    const seedsFirst = book.worksheets.find((sheet) => sheet.name.startsWith("3-1①"))!
    expect(rowsOf(seedsFirst.name).map((row) => row[0])).not.toContain(String(NO))
    await page.close()
  })

  it("refuses to retire an objective that still has an initiative (422, naming it), then retires the initiative after FY2024", async () => {
    const page = await signIn(users.admin)
    await visit(page, "/admin/structure")
    await page.fill("#f-objective-9-1-1-until", "2023")
    await page.click("[data-testid=retire-objective-9-1-1]")
    await expect.poll(() => page.textContent("#f-objective-9-1-1-until-error")).toContain(`Ｎｏ.${NO}`)

    await visit(page, `/initiatives/${NO}`)
    await page.click("[data-testid=edit-structure]")
    await page.waitForURL(new RegExp(`/initiatives/${NO}/edit$`))
    await page.waitForSelector("html[data-hydrated]", { state: "attached" })
    expect(await axe(page)).toEqual([])
    await page.fill("#f-name", "【新】テスト事業（改）")
    await page.click("[data-testid=save-initiative]")
    await expect.poll(() => status(page)).toContain("変更を保存しました")
    await page.fill("#f-retireUntil", "R6")
    await page.click("[data-testid=retire-initiative]")
    await expect.poll(() => page.textContent("[data-testid=initiative-years]")).toBe("令和６年度まで")
    const initiative = (await (await api(`/initiatives/${NO}`)).json()) as {
      name: string
      until: number
      status: string
    }
    expect(initiative).toMatchObject({
      name: "【新】テスト事業（改）",
      until: 2024,
      status: "discontinued"
    })

    // FY2025 opens without it; FY2024's report keeps it under its own ①, not the seed's.
    const opened = await api("/fiscal-years/2025/rollover", { method: "POST" })
    expect(opened.status).toBe(200)
    expect((await api(`/initiatives/${NO}/reviews/2025`)).status).toBe(404)
    const next = await summary(2025)
    expect(next.byPolicy.map((row) => row.policyNo)).not.toContain(9)
    // Not owed in FY2025: nobody counts it as missing.
    expect(next.completion.byStatus.missing).toBe(0)
    await visit(page, "/report?year=2024")
    expect(await page.textContent("section[aria-labelledby='objective-9-1-1']")).toContain("【新】テスト事業（改）")
    expect(await page.textContent("section[aria-labelledby='objective-3-1-1']")).not.toContain("テスト事業")
    expect(await axe(page)).toEqual([])
    await page.close()
  })

  it("renames a seed initiative from FY2025 on: FY2024's report keeps the old name; the history undoes it", async () => {
    const before = ((await (await api("/initiatives/57")).json()) as { name: string }).name
    const page = await signIn(users.admin)
    await visit(page, "/initiatives/57/edit")
    await page.fill("#f-name", "子育て支援センター事業（新名称）")
    await page.fill("#f-effectiveFrom", "来年")
    await page.click("[data-testid=save-initiative]")
    await expect.poll(() => page.textContent("#f-effectiveFrom-error")).toContain("年度として読めません")
    expect(await page.inputValue("#f-name")).toBe("子育て支援センター事業（新名称）")
    await page.fill("#f-effectiveFrom", "令和7")
    await page.click("[data-testid=save-initiative]")
    await expect.poll(() => status(page)).toContain("変更を保存しました")
    await visit(page, "/report?year=2024")
    const fy2024 = await page.textContent("main")
    expect(fy2024).toContain(before)
    expect(fy2024).not.toContain("（新名称）")
    await visit(page, "/initiatives?year=2025")
    expect(await page.textContent("main")).toContain("子育て支援センター事業（新名称）")

    // The change is in the initiative's history, and undone from there.
    await visit(page, "/initiatives/57/edit")
    const history = page.locator("[data-testid=structure-history] > li").first()
    expect(await history.textContent()).toContain("（新名称）")
    expect(await axe(page)).toEqual([])
    await history.locator("button").click()
    await expect.poll(() => status(page)).toContain("変更の前の内容に戻しました")
    expect(((await (await api("/initiatives/57")).json()) as { name: string }).name).toBe(before)
    await page.close()
  })

  it("speaks English to an English reader: the labels and the API's own message at the field", async () => {
    const page = await signIn(users.admin)
    await visit(page, `/locale?to=en&next=${encodeURIComponent("/admin/structure")}`)
    await page.waitForFunction(() => document.documentElement.lang === "en")
    expect(await page.textContent("h1")).toBe("Plan structure: basic policies, areas, objectives")
    await page.click("[data-testid=open-new-area-9]")
    await page.fill("#f-new-area-9-no", "1")
    await page.fill("#f-new-area-9-title", "Duplicate")
    await page.click("[data-testid=create-new-area-9]")
    await expect.poll(() => page.textContent("#f-new-area-9-no-error")).toContain("area 9-1 exists already")
    expect(await axe(page)).toEqual([])
    await visit(page, `/locale?to=ja&next=/`)
    await page.close()
  })

  it("works without JavaScript: a plain form post adds an agency, and a taken id comes back at its field", async () => {
    const context = await stack.browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false })
    context.setDefaultTimeout(90_000)
    const page = await context.newPage()
    await page.goto(`${stack.adminUrl}/login`)
    await page.fill("#f-email", users.admin.email)
    await page.fill("#f-password", users.admin.password)
    await Promise.all([page.waitForURL(`${stack.adminUrl}/`), page.click("button[type=submit]")])
    await page.goto(`${stack.adminUrl}/admin/agencies`)
    await page.fill("#f-new-agency-id", "test-kikan")
    await page.fill("#f-new-agency-name", "二重")
    // Without JavaScript the post is a navigation: poll the page it brings (the old one stays "loaded").
    await page.click("[data-testid=create-agency]")
    await expect
      .poll(() => page.textContent("#f-new-agency-id-error"))
      .toContain("実施機関「test-kikan」はすでにあります")
    expect(await page.inputValue("#f-new-agency-name")).toBe("二重")
    await page.fill("#f-new-agency-id", "nojs-kikan")
    await page.fill("#f-new-agency-name", "スクリプトなし機関")
    await page.click("[data-testid=create-agency]")
    await expect.poll(() => page.textContent("[role=status]")).toContain("実施機関を追加しました")
    expect(await page.locator("tr[data-agency=nojs-kikan]").count()).toBe(1)
    await context.close()
  })

  it("shows an editor no structure control and refuses the editor's forged posts (403)", async () => {
    const page = await signIn(users.editor)
    await visit(page, "/initiatives")
    expect(await page.locator("nav a[href='/admin/structure']").count()).toBe(0)
    expect(await page.locator("nav a[href='/admin/agencies']").count()).toBe(0)
    expect(await page.locator("[data-testid=new-initiative]").count()).toBe(0)
    await visit(page, `/initiatives/${NO}?year=2024`)
    expect(await page.locator("[data-testid=edit-structure]").count()).toBe(0)
    for (const path of ["/admin/structure", "/admin/agencies", "/initiatives/new", `/initiatives/${NO}/edit`]) {
      expect((await page.goto(`${stack.adminUrl}${path}`))?.status(), path).toBe(403)
      expect(await page.locator("form[method=POST] input[name=version], [data-testid^=create-]").count(), path).toBe(0)
    }
    const forged = [
      ["/admin/structure?/create", { level: "policy", version: "99", no: "10", title: "偽造" }],
      ["/admin/structure?/retire", { level: "policy", policyNo: "3", version: "99", until: "2024" }],
      ["/admin/agencies?/create", { id: "forged", name: "偽造", kind: "outsideBody" }],
      ["/initiatives/new", { no: "121", name: "偽造", objective: "3-1-1" }],
      [`/initiatives/${NO}/edit?/reinstate`, { version: "99" }]
    ] as const
    for (const [path, form] of forged) {
      const response = await page.request.post(`${stack.adminUrl}${path}`, {
        headers: { origin: stack.adminUrl },
        form
      })
      expect(response.status(), path).toBe(403)
    }
    const tree = (await (await api("")).json()) as {
      basicPolicies: Array<{ no: number; until?: number | null }>
    }
    expect(tree.basicPolicies.map((p) => [p.no, p.until ?? null])).toEqual([
      [3, null],
      [9, null]
    ])
    expect((await api("/initiatives/121")).status).toBe(404)
    expect(((await (await api(`/initiatives/${NO}`)).json()) as { until: number }).until).toBe(2024)
    await page.close()
  })
})
