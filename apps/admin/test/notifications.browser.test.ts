/**
 * Notifications in a real browser against the real API (issue 19): the secretariat returns a review
 * and the agency's editor sees a badge in the header, reads the return's comment on /notifications
 * and marks it read (with and without JavaScript); the admin reads the outbox; a user chooses the
 * language of their mails on the account page; the admin registers a webhook (#22), sees its secret
 * once, receives a review's change at a real HTTP receiver, disables it and reads its delivery log.
 * Axe on each page.
 */
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { axe, browsing } from "./browsing.ts"
import { apiSession, startStack, type Stack, users } from "./stack.ts"

const REVIEW = "/plans/tomakomai-step3/initiatives/58/reviews/2024"
const COMMENT = "実績の人数を入れてください"

let stack: Stack
const { visit, signIn, closeAll } = browsing(() => stack)

/** Moves review 58 of FY2024 as `who` (an API session). */
const move = async (who: Awaited<ReturnType<typeof apiSession>>, action: string, comment?: string) => {
  const { version } = (await (await who.call(REVIEW)).json()) as { version: number }
  const response = await who.call(`${REVIEW}/status`, {
    method: "POST",
    headers: { "if-match": `"v${version}"` },
    body: JSON.stringify(comment === undefined ? { action } : { action, comment })
  })
  if (!response.ok) throw new Error(`${action}: ${response.status} ${await response.text()}`)
}

beforeAll(async () => {
  process.env.SUKOYAKA_LOG ??= "silent"
  stack = await startStack()
  const editor = await apiSession(stack.api.url, users.editor)
  await move(editor, "submit")
  await move(stack.adminApi, "return", COMMENT)
}, 240_000)

afterAll(async () => {
  await closeAll()
  await stack?.stop()
})

describe("notifications", () => {
  it("show the editor a badge, the return's comment, and go quiet once read", async () => {
    const page = await signIn(users.editor)
    await visit(page, "/")
    expect(await page.textContent("header a.notify .badge")).toBe("1")
    expect(await page.textContent("header a.notify .visually-hidden")).toBe("（未読 1 件）")
    await Promise.all([page.waitForURL(`${stack.adminUrl}/notifications`), page.click("header a.notify")])
    await page.waitForSelector("html[data-hydrated]", { state: "attached" })
    const item = page.locator("ul.notifications li").first()
    expect(await item.textContent()).toContain("「No.58")
    expect(await item.textContent()).toContain("差し戻されました")
    expect(await item.textContent()).toContain(COMMENT)
    expect(await axe(page)).toEqual([])
    await item.locator("button", { hasText: "既読にする" }).click()
    await expect.poll(() => page.locator("header a.notify .badge").count()).toBe(0)
    expect(await page.textContent("main")).toContain("未読 0 件")
  })

  it("are marked read without JavaScript too", async () => {
    const context = await stack.browser.newContext({ javaScriptEnabled: false, locale: "ja-JP" })
    context.setDefaultTimeout(90_000)
    const page = await context.newPage()
    await page.goto(`${stack.adminUrl}/login`)
    await page.fill("#f-email", users.editor2.email)
    await page.fill("#f-password", users.editor2.password)
    await Promise.all([page.waitForURL(`${stack.adminUrl}/`), page.click("button[type=submit]")])
    expect(await page.textContent("header a.notify .badge")).toBe("1")
    await page.goto(`${stack.adminUrl}/notifications`)
    // The post is a navigation without JavaScript: wait for its answer before going elsewhere.
    await Promise.all([
      page.waitForResponse((response) => response.request().method() === "POST"),
      page.click("button:has-text('すべて既読にする')")
    ])
    await page.goto(`${stack.adminUrl}/notifications`)
    expect(await page.textContent("main")).toContain("未読 0 件")
    expect(await page.locator("header a.notify .badge").count()).toBe(0)
    await context.close()
  })

  it("leave mails in the outbox the admin reads (no SMTP here)", async () => {
    const page = await signIn(users.admin)
    await visit(page, "/admin/outbox")
    expect(await page.textContent("main")).toMatch(/送信待ち [1-9]\d* 件/)
    expect(await page.textContent("main")).toContain(users.editor.email)
    expect(await page.textContent("main")).toContain("【すこやか】評価が差し戻されました：No.58")
    expect(await axe(page)).toEqual([])
    await visit(page, "/admin/outbox?state=sent")
    expect(await page.textContent("main")).toContain("該当するメールはありません。")
  })

  it("reach a user in the language chosen on the account page", async () => {
    const page = await signIn(users.editor)
    await visit(page, "/account/password")
    expect(await page.isChecked("input[name=language][value=ja]")).toBe(true)
    await page.check("input[name=language][value=en]")
    await page.click("button:has-text('保存する')")
    await expect.poll(() => page.textContent("main")).toContain("通知の言語を保存しました。")
    expect(await axe(page)).toEqual([])
    const session = (await (await stack.adminApi.call("/users")).json()) as Array<{ email: string; language: string }>
    expect(session.find((user) => user.email === users.editor.email)?.language).toBe("en")
    // The password form beside it still answers (a wrong current password, named at its field).
    await page.fill("#f-currentPassword", "not-the-password-1")
    await page.fill("#f-newPassword", "a-new-password-that-is-long")
    await page.click("button:has-text('パスワードを変更')")
    await expect.poll(() => page.textContent("main")).toContain("現在のパスワードが違います")
  })

  it("webhooks: registered with the secret shown once, delivered, disabled, with their delivery log", async () => {
    const received: Array<string> = []
    const receiver = createServer((request, response) => {
      request.resume()
      request.on("end", () => {
        received.push(String(request.headers["webhook-signature"]))
        response.end("ok")
      })
    })
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve))
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`
    try {
      const page = await signIn(users.admin)
      await visit(page, "/admin/webhooks")
      await page.fill("#new-url", "ftp://example.jp/")
      await page.click("button:has-text('Webhook を登録') >> nth=-1")
      await expect.poll(() => page.textContent("main")).toContain("http:// か https://")
      await page.fill("#new-url", url)
      await page.fill("#new-eventTypes", "secretariatNote.created")
      await page.click("button:has-text('Webhook を登録') >> nth=-1")
      await page.waitForSelector("[data-testid=webhook-secret]")
      expect(await page.inputValue("#webhook-secret")).toMatch(/^whsec_/)
      expect(await axe(page)).toEqual([])
      // A change of the plan reaches the receiver, signed.
      const noted = await stack.adminApi.call(`${REVIEW}/note`, {
        method: "PUT",
        headers: { "if-match": '"v0"' },
        body: JSON.stringify({ note: "Webhook で届く所見" })
      })
      expect(noted.status).toBe(200)
      await expect.poll(() => received.length, { timeout: 30_000 }).toBeGreaterThan(0)
      expect(received[0]).toMatch(/^v1,/)
      // Reloaded, the secret is gone for good; the webhook is listed, and can be disabled.
      await visit(page, "/admin/webhooks")
      expect(await page.locator("[data-testid=webhook-secret]").count()).toBe(0)
      expect(await page.textContent("main")).toContain(url)
      await page.click("button:has-text('テスト送信')")
      await expect.poll(() => page.textContent("main")).toContain("テストイベントを送りました")
      await expect.poll(() => received.length, { timeout: 30_000 }).toBeGreaterThan(1)
      await page.click("button:has-text('停止')")
      await expect.poll(() => page.textContent("main")).toContain("停止中（管理者が停止）")
      await visit(page, "/admin/webhooks")
      await page.click("a:has-text('配信履歴')")
      await expect.poll(() => page.textContent("#log")).toContain("secretariatNote.created")
      expect(await page.textContent("#log")).toContain("webhook.test")
      expect(await page.textContent("#log")).toContain("成功")
      expect(await axe(page)).toEqual([])
    } finally {
      receiver.close()
    }
  })
})
