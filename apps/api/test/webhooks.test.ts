/**
 * Webhooks (#22): a real receiver over HTTP gets an event for a review edit, signed per Standard
 * Webhooks, and verifies it with the independent `standardwebhooks` package; a 500 is retried with the
 * same webhook-id; a receiver that keeps failing gets its webhook disabled; the secret is shown once.
 * On both databases.
 */
import type { OutboxList, Webhook as WebhookView, WebhookCreated, WebhookDeliveryPage } from "@sukoyaka/core"
import { Webhook as Verifier } from "standardwebhooks"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  ADMIN_EMAIL,
  dialects,
  etagOf,
  expectProblem,
  getReview,
  type Harness,
  PLAN,
  reviewPath,
  SEED_YEAR,
  startHarness
} from "./support.ts"
import { startReceiver } from "./webhookReceiver.ts"

describe.each(dialects)("webhooks on %s", (dialect) => {
  let h: Harness
  beforeAll(async () => {
    // Retries after 100 ms and 200 ms, then failed for good; disabled after two such deliveries.
    // SQLite keeps its key in a file beside the database; PostgreSQL needs SUKOYAKA_SECRET_KEY.
    h = await startHarness(dialect, {
      webhooks: { intervalMs: 100, retryDelaysMs: [100, 200], disableAfterFailures: 2 },
      ...(dialect === "pg" ? { secretKey: "a test key that is long enough: 32+ characters" } : {})
    })
  })
  afterAll(async () => h.close())

  const register = async (url: string, extra: Record<string, unknown> = {}) => {
    const created = await h.request<WebhookCreated>("POST", "/webhooks", {
      token: "admin",
      json: { url, planId: PLAN, eventTypes: ["review.updated"], ...extra }
    })
    expect(created.status, created.text).toBe(201)
    return created.body
  }

  const editReview = async (no: number, reason: string) => {
    const { review, etag } = await getReview(h, no, SEED_YEAR)
    const edited = await h.request("PUT", reviewPath(no, SEED_YEAR), {
      token: "admin",
      headers: { "if-match": etag },
      json: { ...review, ratingReason: reason }
    })
    expect(edited.status, edited.text).toBe(200)
    return edited
  }

  it("delivers a review edit, signed so that standardwebhooks verifies it; the secret is shown once", async () => {
    const receiver = await startReceiver()
    const webhook = await register(receiver.url)
    expect(webhook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
    const edited = await editReview(58, "Webhook で届く理由。")

    const [event] = await receiver.waitFor(1)
    expect(event).toBeDefined()
    const verified = new Verifier(webhook.secret).verify(event!.body, event!.headers as Record<string, string>) as {
      type: string
      data: {
        planId: string
        entity: string
        key: string
        version: number
        changed: Array<string>
        data: { ratingReason: string }
      }
    }
    expect(verified.type).toBe("review.updated")
    expect(verified.data).toMatchObject({ planId: PLAN, entity: "review", key: `${PLAN}/58/${SEED_YEAR}` })
    expect(`"v${verified.data.version}"`).toBe(etagOf(edited))
    expect(verified.data.changed).toContain("ratingReason")
    expect(verified.data.data.ratingReason).toBe("Webhook で届く理由。")
    // Another secret, or a body changed on the way, does not verify.
    const other = await h.request<WebhookCreated>("POST", `/webhooks/${webhook.id}/secret`, {
      token: "admin",
      headers: { "if-match": `"v${webhook.version}"` }
    })
    expect(other.status, other.text).toBe(200)
    expect(other.body.secret).not.toBe(webhook.secret)
    expect(() =>
      new Verifier(other.body.secret).verify(event!.body, event!.headers as Record<string, string>)
    ).toThrow()
    expect(() =>
      new Verifier(webhook.secret).verify(event!.body.replace("58", "59"), event!.headers as Record<string, string>)
    ).toThrow()

    // Never again: not in the list, not in the webhook, not in the audit log.
    for (const path of ["/webhooks", `/webhooks/${webhook.id}`, `/audit?entity=webhook&limit=50`]) {
      const answer = await h.request("GET", path, { token: "admin" })
      expect(answer.status, answer.text).toBe(200)
      expect(answer.text).not.toContain(webhook.secret.slice(6))
      expect(answer.text).not.toContain(other.body.secret.slice(6))
      expect(answer.text).not.toMatch(/whsec_|ciphertext/i)
    }
    await receiver.close()
  })

  it("tries again after a 500 with the same webhook-id, and logs both attempts", async () => {
    const receiver = await startReceiver((index) => (index === 0 ? 500 : 200))
    const webhook = await register(receiver.url)
    await editReview(57, "一度目は 500 で返される理由。")
    const [first, second] = await receiver.waitFor(2)
    expect(second).toBeDefined()
    expect(second!.headers["webhook-id"]).toBe(first!.headers["webhook-id"])
    expect(second!.body).toBe(first!.body)
    new Verifier(webhook.secret).verify(second!.body, second!.headers as Record<string, string>)

    // The receiver answered before the sender recorded the answer: the log says so a moment later.
    const deliveries = async () => {
      const log = await h.request<WebhookDeliveryPage>("GET", `/webhooks/${webhook.id}/deliveries`, { token: "admin" })
      expect(log.status, log.text).toBe(200)
      return log.body.deliveries
    }
    await expect.poll(async () => (await deliveries())[0]?.state, { timeout: 10_000 }).toBe("succeeded")
    const logged = await deliveries()
    expect(logged).toHaveLength(1)
    expect(logged[0]).toMatchObject({
      eventId: first!.headers["webhook-id"],
      eventType: "review.updated",
      state: "succeeded",
      attempts: 2,
      lastStatus: 200,
      lastResponse: "ok"
    })
    await receiver.close()
  })

  it("disables a webhook whose deliveries keep failing, and an admin enables it again", async () => {
    const receiver = await startReceiver(() => 500)
    const webhook = await register(receiver.url)
    await editReview(85, "失敗し続ける受信先への一件目。")
    await receiver.waitFor(3)
    await editReview(85, "失敗し続ける受信先への二件目。")
    await receiver.waitFor(6)
    let current: WebhookView | undefined
    for (let tries = 0; tries < 100 && current?.enabled !== false; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      current = (await h.request<WebhookView>("GET", `/webhooks/${webhook.id}`, { token: "admin" })).body
    }
    expect(current).toMatchObject({ enabled: false, disabledReason: "failures", consecutiveFailures: 2 })
    const log = await h.request<WebhookDeliveryPage>("GET", `/webhooks/${webhook.id}/deliveries`, { token: "admin" })
    expect(log.body.deliveries.map((d) => [d.state, d.attempts, d.lastStatus])).toEqual([
      ["failed", 3, 500],
      ["failed", 3, 500]
    ])
    const audit = await h.request<Array<{ action: string; actorLabel: string }>>(
      "GET",
      `/audit?entity=webhook&entityKey=${webhook.id}`,
      { token: "admin" }
    )
    expect(audit.body[0]).toMatchObject({ action: "disable", actorLabel: "system" })
    // The secretariat is told: a notification and a mail naming the receiver, once.
    const outbox = await h.request<OutboxList>("GET", "/outbox?state=queued", { token: "admin" })
    const told = outbox.body.mails.filter(
      (mail) => mail.subject === "【すこやか】Webhookの送信を停止しました" && mail.body.includes(receiver.url)
    )
    const users = await h.request<Array<{ email: string; role: string; disabled: boolean }>>("GET", "/users", {
      token: "admin"
    })
    const admins = users.body.filter((user) => user.role === "admin" && !user.disabled).map((user) => user.email)
    expect(admins).toContain(ADMIN_EMAIL)
    expect(told.map((mail) => mail.recipient).sort()).toEqual(admins.sort())

    const enabled = await h.request<WebhookView>("POST", `/webhooks/${webhook.id}/enable`, {
      token: "admin",
      headers: { "if-match": `"v${current!.version}"` }
    })
    expect(enabled.status, enabled.text).toBe(200)
    expect(enabled.body).toMatchObject({ enabled: true, disabledReason: null, consecutiveFailures: 0 })
    // A failed delivery tried again on request: once more, with its own webhook-id.
    const failed = log.body.deliveries[0]!
    const retried = await h.request("POST", `/webhooks/${webhook.id}/deliveries/${failed.id}/retry`, { token: "admin" })
    expect(retried.status, retried.text).toBe(204)
    const [seventh] = (await receiver.waitFor(7)).slice(6)
    expect(seventh?.headers["webhook-id"]).toBe(failed.eventId)
    await receiver.close()
  })

  it("sends a test event on request, signed like the others", async () => {
    const receiver = await startReceiver()
    const webhook = await register(receiver.url)
    const sent = await h.request("POST", `/webhooks/${webhook.id}/test`, { token: "admin" })
    expect(sent.status, sent.text).toBe(202)
    const [event] = await receiver.waitFor(1)
    const verified = new Verifier(webhook.secret).verify(event!.body, event!.headers as Record<string, string>)
    expect(verified).toMatchObject({ type: "webhook.test", data: { webhookId: webhook.id } })
    await receiver.close()
  })

  it("takes only http(s) URLs, and needs If-Match to change or remove a webhook", async () => {
    for (const url of ["ftp://example.jp/hook", "file:///etc/passwd", "not a url", "https://user:pw@example.jp/"]) {
      const refused = await h.request("POST", "/webhooks", { token: "admin", json: { url } })
      const problem = expectProblem(refused, 400, "validation")
      expect(problem.errors?.map((e) => e.path)).toEqual(["url"])
    }
    const webhook = await register("https://sync.example.jp/hooks")
    expectProblem(await h.request("DELETE", `/webhooks/${webhook.id}`, { token: "admin" }), 428, "preconditionRequired")
    const patched = await h.request<WebhookView>("PATCH", `/webhooks/${webhook.id}`, {
      token: "admin",
      headers: { "if-match": `"v${webhook.version}"` },
      json: { enabled: false, description: "止めておく" }
    })
    expect(patched.body).toMatchObject({ enabled: false, disabledReason: "admin", description: "止めておく" })
    expectProblem(
      await h.request("DELETE", `/webhooks/${webhook.id}`, {
        token: "admin",
        headers: { "if-match": `"v${webhook.version}"` }
      }),
      412,
      "preconditionFailed"
    )
    const removed = await h.request("DELETE", `/webhooks/${webhook.id}`, {
      token: "admin",
      headers: { "if-match": etagOf(patched) }
    })
    expect(removed.status).toBe(204)
    expectProblem(await h.request("GET", `/webhooks/${webhook.id}`, { token: "admin" }), 404, "notFound")
  })
})

describe("webhooks on PostgreSQL without SUKOYAKA_SECRET_KEY", () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness("pg", { webhooks: false })
  })
  afterAll(async () => h.close())

  it("refuses to register a webhook, naming the variable, and stores nothing", async () => {
    const refused = await h.request("POST", "/webhooks", { token: "admin", json: { url: "https://sync.example.jp/" } })
    expect(expectProblem(refused, 409, "secretKeyMissing").detail).toContain("SUKOYAKA_SECRET_KEY")
    expect((await h.request("GET", "/webhooks", { token: "admin" })).body).toEqual([])
  })
})
