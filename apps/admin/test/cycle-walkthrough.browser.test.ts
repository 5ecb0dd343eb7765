/**
 * Issue 19's "Done when", walked through in a real browser as the secretariat and as one agency's
 * editor, through a whole FY2025 cycle on the seed: open the cycle with a due date → the editor
 * sees its tasks → writes and submits → the secretariat returns it with a comment → the editor
 * reads the comment on its form, fixes, resubmits → bulk approval → an import changes one
 * approved row, the preview says so, and the row asks for approval again. Issue 20's walkthrough
 * too: every page both users read on the way (and each menu page) is free of developer words.
 */
import { Workbook } from "@cj-tech-master/excelts"
import { writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { browsing, developerWords } from "./browsing.ts"
import { startStack, type Stack, users } from "./stack.ts"

const PLAN = "tomakomai-step3"
const YEAR = 2025

let stack: Stack
const { visit, signIn, closeAll, dialogs, read, pagesRead } = browsing(() => stack)

const dayFromToday = (days: number) =>
  new Date(Date.now() + 9 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10)
const progress = (page: Page) => page.textContent("[data-testid=progress]")
const review = async (no: number) =>
  (await (await stack.adminApi.call(`/plans/${PLAN}/initiatives/${no}/reviews/${YEAR}`)).json()) as {
    status: string
    progress: string
    statusComment: string | null
  }

/** The agency writes its FY2025 results on the form and saves them. */
const writeAndSave = async (page: Page, no: number, actions: string) => {
  await visit(page, `/initiatives/${no}/review/${YEAR}`)
  await page.fill("#f-actions", actions)
  await page.check("input[name=selfRating][value=B]")
  await page.fill("#f-ratingReason", "おおむね計画どおり実施できたため。")
  await Promise.all([page.waitForURL(/saved=1/), page.click("button:has-text('保存する')")])
  expect(await page.textContent("[data-testid=saved]")).toContain("保存しました")
  await read(page)
}

const submit = async (page: Page) => {
  await page.click("button:has-text('提出する')")
  await page.locator("button:has-text('提出を取り下げる')").waitFor()
  await read(page)
}

beforeAll(async () => {
  process.env.SUKOYAKA_LOG ??= "silent"
  stack = await startStack()
}, 240_000)

afterAll(async () => {
  await closeAll()
  await stack?.stop()
})

describe("a whole FY2025 review cycle, secretariat and agency", () => {
  it("the secretariat opens FY2025 with a due date", async () => {
    const admin = await signIn(users.admin)
    await visit(admin, "/admin/cycle")
    expect(await admin.textContent("#open-title")).toContain("令和７年度")
    await admin.fill("#f-open-dueDate", dayFromToday(14))
    await admin.click("[data-testid=open-cycle]")
    expect(await admin.locator("[role=status]").first().textContent()).toMatch(/^サイクルを開きました。/)
    await admin.close()
  })

  it("the editor sees its tasks, writes No.58 and No.85 and submits them", async () => {
    const editor = await signIn(users.editor)
    await visit(editor, "/")
    const tasks = editor.locator("[data-testid=your-tasks]")
    expect(await tasks.textContent()).toContain("No.58")
    expect(await tasks.locator("li[data-standing=open]").count()).toBeGreaterThan(0)
    await Promise.all([
      editor.waitForURL(new RegExp(`/initiatives/58/review/${YEAR}$`)),
      tasks.locator(`a[href='/initiatives/58/review/${YEAR}']`).click()
    ])
    await writeAndSave(editor, 58, "中高生向けの講演会を実施した。")
    expect(await progress(editor)).toBe("作成中")
    await submit(editor)
    expect(dialogs.at(-1)).toContain("提出しますか")
    expect(await progress(editor)).toBe("提出済み")
    await writeAndSave(editor, 85, "相談窓口を開設した。")
    await submit(editor)
    await editor.close()
  })

  it("the secretariat returns No.58 with a comment; the editor reads it on its form, fixes and resubmits", async () => {
    const admin = await signIn(users.admin)
    await visit(admin, `/initiatives/58?year=${YEAR}`)
    await admin.fill("#f-comment", "参加者数を実績欄にも書いてください。")
    await admin.click("button:has-text('差し戻す')")
    await expect.poll(() => progress(admin)).toBe("差戻し")
    await read(admin)
    await admin.close()

    const editor = await signIn(users.editor)
    await visit(editor, "/")
    expect(await editor.locator("[data-testid=your-tasks]").textContent()).toContain(
      "参加者数を実績欄にも書いてください。"
    )
    await visit(editor, `/initiatives/58/review/${YEAR}`)
    expect(await editor.textContent("[data-testid=return-comment]")).toContain("参加者数を実績欄にも書いてください。")
    await writeAndSave(editor, 58, "中高生向けの講演会を実施した（参加者 2,800名）。")
    // Still returned until it is submitted again: the comment stays where the agency works.
    expect(await progress(editor)).toBe("差戻し")
    await submit(editor)
    expect(await progress(editor)).toBe("提出済み")
    await editor.close()
  })

  it("the secretariat approves both submissions at once", async () => {
    const admin = await signIn(users.admin)
    await visit(admin, `/initiatives?year=${YEAR}&progress=submitted`)
    for (const no of [58, 85]) await admin.check(`[data-testid=bulk-select-${no}]`)
    await admin.click("button:has-text('選択した提出を一括承認')")
    await expect.poll(() => admin.textContent("[data-testid=bulk-result]")).toContain("No.58、No.85")
    await read(admin)
    expect((await review(58)).progress).toBe("approved")
    expect((await review(85)).progress).toBe("approved")
    await admin.close()
  })

  it("an import that changes an approved row says so first, and the row asks for approval again", async () => {
    const exported = Buffer.from(
      await (await stack.adminApi.call(`/plans/${PLAN}/export?format=xlsx&fiscalYear=${YEAR}`)).arrayBuffer()
    )
    const workbook = new Workbook()
    await workbook.xlsx.load(exported)
    let changed = false
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) => {
        if (String(row.getCell(2).value ?? "") === "58") {
          row.getCell(10).value = "事務局が取り込みで補記した。"
          changed = true
        }
      })
    )
    expect(changed).toBe(true)
    const file = join(tmpdir(), `sukoyaka-walkthrough-${process.pid}.xlsx`)
    writeFileSync(file, Buffer.from(await workbook.xlsx.writeBuffer()))

    const admin = await signIn(users.admin)
    await visit(admin, "/workbook")
    await admin.setInputFiles("#f-file", file)
    await admin.click("text=差分を確認する")
    await admin.locator("[data-testid=was-approved-58]").waitFor()
    expect(await admin.textContent("[data-testid=was-approved-58]")).toContain("再承認")
    await read(admin)
    await admin.click("button:has-text('この内容で取り込む')")
    await expect.poll(() => admin.locator("[data-testid=import-applied]").count(), { timeout: 30_000 }).toBe(1)
    await read(admin)
    await visit(admin, `/initiatives/58?year=${YEAR}`)
    expect(await progress(admin)).toBe("承認後に変更（再承認待ち）")
    expect(await admin.textContent("[data-testid=changed-after-approval]")).toContain("再承認")
    expect((await review(58)).status).toBe("submitted")
    await admin.close()
  })

  it("no page either user read on the way, nor any page of their menus, shows a developer's word", async () => {
    const menuPages = (no: number) => [
      "/",
      `/initiatives?year=${YEAR}`,
      `/initiatives/${no}?year=${YEAR}`,
      `/initiatives/${no}/review/${YEAR}`,
      "/targets",
      "/workbook",
      "/report",
      "/notifications",
      "/account/password"
    ]
    const adminPages = [
      "/admin/cycle",
      "/admin/structure",
      "/admin/agencies",
      "/admin/users",
      "/admin/tokens",
      "/admin/outbox"
    ]
    for (const [who, paths] of [
      [users.editor, menuPages(85)],
      [users.admin, [...menuPages(58), ...adminPages]]
    ] as const) {
      const page = await signIn(who)
      for (const path of paths) await visit(page, path)
      await page.close()
    }
    const japanese = pagesRead.filter((p) => p.lang === "ja")
    expect(japanese.length).toBeGreaterThan(30)
    const found = japanese.flatMap((p) => {
      const match = new RegExp(developerWords.source, "g")
      const words = [...new Set([...p.text.matchAll(match)].map((m) => m[0]))]
      return words.length > 0 ? [`${p.where}: ${words.join(", ")}`] : []
    })
    expect(found).toEqual([])
  })
})
