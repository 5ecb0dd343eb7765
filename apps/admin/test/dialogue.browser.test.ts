/**
 * Issue 19's dialogue and bulk approval in a real browser against the real API: an agency's editor
 * asks a question on its review and attaches a photo, refused first for an empty comment and a file
 * that is not one of the accepted kinds (messages at the field, in Japanese); the secretariat sees
 * both, downloads the file byte for byte and answers; then it approves two submitted reviews at
 * once while a third, changed meanwhile, is reported and left (a return without a comment refused at
 * the field, in Japanese and in English). Both forms also work without JavaScript. axe on both pages.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { axe, browsing, shoot } from "./browsing.ts"
import { startStack, type Stack, users } from "./stack.ts"

const PLAN = "tomakomai-step3"
const YEAR = 2024
const NO = 85

let stack: Stack
const { visit, signIn } = browsing(() => stack)

const reviewPath = (no: number) => `/plans/${PLAN}/initiatives/${no}/reviews/${YEAR}`

/** Moves a review through the API as the admin, from the version it has now; its new version. */
const move = async (no: number, action: string) => {
  const { version } = (await (await stack.adminApi.call(reviewPath(no))).json()) as { version: number }
  const response = await stack.adminApi.call(`${reviewPath(no)}/status`, {
    method: "POST",
    headers: { "if-match": `"v${version}"` },
    body: JSON.stringify({ action })
  })
  if (!response.ok) throw new Error(`${action} ${no}: ${response.status} ${await response.text()}`)
  return ((await response.json()) as { version: number; status: string }).status
}

const png = Buffer.from([
  0x89,
  0x50,
  0x4e,
  0x47,
  0x0d,
  0x0a,
  0x1a,
  0x0a,
  ...Array.from({ length: 300 }, (_, i) => i % 256)
])

beforeAll(async () => {
  process.env.SUKOYAKA_LOG ??= "silent"
  stack = await startStack()
}, 240_000)

afterAll(async () => {
  await stack?.stop()
})

describe("the review's dialogue and bulk approval", () => {
  it("an editor asks and attaches evidence; the secretariat reads, downloads and answers", async () => {
    const editor = await signIn(users.editor)
    await visit(editor, `/initiatives/${NO}/review/${YEAR}`)
    expect(await editor.textContent("#dialogue-title")).toBe("やりとり")

    // Nothing typed: the API's refusal at the field, in Japanese, and the page keeps working.
    await editor.click("#dialogue button:has-text('コメントを投稿')")
    await expect.poll(() => editor.textContent("#f-dialogue-body-error")).toContain("コメントを入力してください")
    expect(await editor.getAttribute("#f-dialogue-body", "aria-invalid")).toBe("true")

    await editor.fill("#f-dialogue-body", "講座の参加者数の根拠として、当日の写真を添付します。")
    await editor.click("#dialogue button:has-text('コメントを投稿')")
    await expect.poll(() => editor.locator("[data-testid=comments] li").count()).toBe(1)
    expect(await editor.inputValue("#f-dialogue-body")).toBe("")
    expect(await editor.textContent("[data-testid=dialogue-done]")).toContain("投稿しました")
    expect(await editor.textContent("[data-testid=comments]")).toContain("健康支援課 担当")

    // A file whose bytes are no accepted kind, whatever its name says.
    await editor.setInputFiles("#f-dialogue-file", {
      name: "写真.png",
      mimeType: "image/png",
      buffer: Buffer.from("MZ\x90\x00not an image")
    })
    await editor.click("#dialogue button:has-text('アップロード')")
    await expect
      .poll(() => editor.textContent("#f-dialogue-file-error"))
      .toContain("この形式のファイルは添付できません")

    await editor.setInputFiles("#f-dialogue-file", { name: "講座の様子.png", mimeType: "image/png", buffer: png })
    await editor.click("#dialogue button:has-text('アップロード')")
    await expect.poll(() => editor.locator("[data-testid=attachments] tbody tr").count()).toBe(1)
    expect(await editor.textContent("[data-testid=attachments]")).toContain("講座の様子.png")
    expect(await axe(editor)).toEqual([])

    const admin = await signIn(users.admin)
    await visit(admin, `/initiatives/${NO}/review/${YEAR}`)
    expect(await admin.textContent("[data-testid=comments]")).toContain("当日の写真を添付します")
    expect(await admin.textContent("[data-testid=comments]")).toContain("健康支援課 担当")
    const link = admin.locator("[data-testid=attachments] a", { hasText: "講座の様子.png" })
    const download = await admin.request.get(`${stack.adminUrl}${await link.getAttribute("href")}`)
    expect(download.status()).toBe(200)
    expect(Buffer.from(await download.body()).equals(png)).toBe(true)
    expect(download.headers()["content-disposition"]).toContain(
      `filename*=UTF-8''${encodeURIComponent("講座の様子.png")}`
    )
    expect(download.headers()["x-content-type-options"]).toBe("nosniff")

    await admin.fill("#f-dialogue-body", "確認しました。ありがとうございます。")
    await admin.click("#dialogue button:has-text('コメントを投稿')")
    await expect.poll(() => admin.locator("[data-testid=comments] li").count()).toBe(2)
    await admin.locator("#dialogue").scrollIntoViewIfNeeded()
    await shoot(admin, "dialogue", false)
    // The admin may delete the agency's file; the editor sees the answer.
    expect(await admin.locator("[data-testid=attachments] button", { hasText: "削除" }).count()).toBe(1)
    await visit(editor, `/initiatives/${NO}/review/${YEAR}`)
    expect(await editor.textContent("[data-testid=comments]")).toContain("確認しました")

    // A viewer reads the thread but has no forms.
    const viewer = await signIn(users.viewer)
    await visit(viewer, `/initiatives/${NO}/review/${YEAR}`)
    expect(await viewer.locator("[data-testid=comments] li").count()).toBe(2)
    expect(await viewer.locator("#f-dialogue-body").count()).toBe(0)
    expect(await viewer.textContent("[data-testid=dialogue-read-only]")).toContain("閲覧のみ")
  })

  it("works without JavaScript: a comment and a file posted as plain forms", async () => {
    const context = await stack.browser.newContext({ javaScriptEnabled: false, locale: "ja-JP" })
    context.setDefaultTimeout(90_000)
    try {
      const page = await context.newPage()
      await page.goto(`${stack.adminUrl}/login`)
      await page.fill("#f-email", users.editor2.email)
      await page.fill("#f-password", users.editor2.password)
      await Promise.all([page.waitForURL(`${stack.adminUrl}/`), page.click("button[type=submit]")])
      await page.goto(`${stack.adminUrl}/initiatives/${NO}/review/${YEAR}`)
      const before = await page.locator("[data-testid=comments] li").count()
      await page.fill("#f-dialogue-body", "スクリプトなしで投稿します。")
      await Promise.all([page.waitForLoadState("load"), page.click("#dialogue button:has-text('コメントを投稿')")])
      await expect.poll(() => page.locator("[data-testid=comments] li").count()).toBe(before + 1)
      await page.setInputFiles("#f-dialogue-file", {
        name: "議事録.txt",
        mimeType: "text/plain",
        buffer: Buffer.from("出席者 12 名\n")
      })
      await Promise.all([page.waitForLoadState("load"), page.click("#dialogue button:has-text('アップロード')")])
      await expect.poll(() => page.textContent("[data-testid=attachments]")).toContain("議事録.txt")
      expect(await page.textContent("[data-testid=dialogue-done]")).toContain("添付しました")
    } finally {
      await context.close()
    }
  })

  it("the secretariat approves two submitted reviews at once; one changed meanwhile is reported", async () => {
    for (const no of [88, 89, 91]) expect(await move(no, "submit")).toBe("submitted")
    const admin = await signIn(users.admin)
    await visit(admin, `/initiatives?year=${YEAR}&status=submitted`)
    expect(await admin.textContent("#bulk-title")).toBe("提出された評価の一括処理")
    expect(await axe(admin)).toEqual([])
    for (const no of [88, 89, 91]) await admin.check(`[data-testid=bulk-select-${no}]`)
    // No.91 is withdrawn and submitted again behind the list's back: its version moves on.
    await move(91, "withdraw")
    await move(91, "submit")
    await admin.click("button:has-text('選択した提出を一括承認')")
    await expect.poll(() => admin.locator("[data-testid=bulk-result]").count()).toBe(1)
    const result = await admin.textContent("[data-testid=bulk-result]")
    // The list keeps its filters: only what is still submitted is shown.
    expect(new URL(admin.url()).searchParams.get("status")).toBe("submitted")
    expect(result).toContain("承認しました：No.88、No.89")
    expect(result).toContain("No.91: 他の人が先に変更しました")
    await shoot(admin, "bulk", false)
    for (const [no, status] of [
      [88, "approved"],
      [89, "approved"],
      [91, "submitted"]
    ] as const) {
      const review = (await (await stack.adminApi.call(reviewPath(no))).json()) as { status: string }
      expect(review.status).toBe(status)
    }
    // A return needs a comment: said at the comment field.
    await admin.check("[data-testid=bulk-select-91]")
    await admin.click("button:has-text('一括差戻し')")
    await expect.poll(() => admin.textContent("#f-bulk-comment-error")).toContain("差戻しの理由を入力してください")
    expect(await axe(admin)).toEqual([])
    // The same refusal in English, for a user who chose English.
    await admin.click("a.lang")
    await admin.waitForFunction(() => document.documentElement.lang === "en")
    await admin.check("[data-testid=bulk-select-91]")
    await admin.click("button:has-text('Return selected')")
    await expect.poll(() => admin.textContent("#f-bulk-comment-error")).toContain("a return needs a comment")
    await admin.click("a.lang")
    await admin.waitForFunction(() => document.documentElement.lang === "ja")
  })
})
