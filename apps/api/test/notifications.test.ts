/**
 * Notifications over HTTP on both databases: a submission tells the secretariat, a return the
 * agency's editors (in the app, and a mail queued in each one's language); each user reads and marks
 * only their own; the outbox is the admins'.
 */
import { describe, expect, it } from "vitest"
import { dialects, expectProblem, getReview, nextYearHarness, OWN_AGENCY, reviewPath, type Session } from "./support.ts"

interface NotificationList {
  items: Array<{
    id: number
    kind: string
    initiativeNo: number | null
    payload: { comment?: string | null }
    readAt: string | null
  }>
  unread: number
}
interface OutboxList {
  mails: Array<{ recipient: string; subject: string; body: string; state: string; attempts: number }>
  counts: { queued: number; failed: number; sent: number }
}

describe.each(dialects)("notifications on %s", (dialect) => {
  const h = nextYearHarness(dialect)
  const notificationsOf = async (session: Session) => {
    const response = await h().request<NotificationList>("GET", "/notifications", { session })
    expect(response.status).toBe(200)
    return response.body
  }
  const move = async (session: Session, no: number, action: string, comment?: string) => {
    const { etag } = await getReview(h(), no, 2025)
    const response = await h().request("POST", reviewPath(no, 2025, "/status"), {
      session,
      json: comment === undefined ? { action } : { action, comment },
      headers: { "if-match": etag }
    })
    expect(response.status, response.text).toBe(200)
  }

  it("a submission reaches the secretariat, a return the agency's editors; each marks its own read", async () => {
    const admin = await h().userWithSession({ role: "admin" })
    const editor = await h().userWithSession({ role: "editor", agencies: [OWN_AGENCY] })
    const colleague = await h().userWithSession({ role: "editor", agencies: [OWN_AGENCY] })
    const outsider = await h().userWithSession({ role: "editor", agencies: ["kodomo-ikusei"] })
    const english = await h().request<{ language: string }>("PUT", "/session/language", {
      session: colleague,
      json: { language: "en" }
    })
    expect(english.status).toBe(200)
    expect(english.body.language).toBe("en")

    await move(editor, 85, "submit")
    expect((await notificationsOf(admin)).items.map((item) => item.kind)).toEqual(["submitted"])
    expect((await notificationsOf(editor)).unread).toBe(0)

    await move(admin, 85, "return", "数値の根拠を書いてください")
    const ofEditor = await notificationsOf(editor)
    expect(ofEditor.unread).toBe(1)
    expect(ofEditor.items[0]).toMatchObject({
      kind: "returned",
      initiativeNo: 85,
      payload: { comment: "数値の根拠を書いてください" },
      readAt: null
    })
    expect((await notificationsOf(colleague)).unread).toBe(1)
    expect((await notificationsOf(outsider)).items).toEqual([])

    // One's own ids only: another user's id changes nothing.
    const foreign = await h().request<NotificationList>("POST", "/notifications/read", {
      session: outsider,
      json: { ids: [ofEditor.items[0]!.id] }
    })
    expect(foreign.status).toBe(200)
    expect((await notificationsOf(editor)).unread).toBe(1)
    const read = await h().request<NotificationList>("POST", "/notifications/read", {
      session: editor,
      json: { ids: [ofEditor.items[0]!.id] }
    })
    expect(read.body.unread).toBe(0)
    expect(read.body.items[0]!.readAt).not.toBeNull()
    const all = await h().request<NotificationList>("POST", "/notifications/read", {
      session: colleague,
      json: { all: true }
    })
    expect(all.body.unread).toBe(0)

    // The mails wait in the outbox (no SMTP here), each in its reader's language.
    const outbox = await h().request<OutboxList>("GET", "/outbox?state=queued", { session: admin })
    expect(outbox.status).toBe(200)
    const toColleague = outbox.body.mails.find((mail) => mail.recipient === colleague.email)!
    expect(toColleague.subject).toBe("[Sukoyaka] Review returned: No. 85")
    expect(toColleague.body).toContain("数値の根拠を書いてください")
    expect(outbox.body.mails.find((mail) => mail.recipient === editor.email)!.subject).toContain("差し戻されました")
    // The submission to both admins (the first one and this test's), the return to both editors.
    expect(outbox.body.counts.queued).toBe(4)
  })

  it("refuses what is not the caller's or not well-formed, as problem+json", async () => {
    const editor = await h().userWithSession({ role: "editor", agencies: [OWN_AGENCY] })
    expectProblem(await h().request("GET", "/notifications", { token: "admin" }), 403, "forbidden")
    expectProblem(await h().request("GET", "/outbox", { session: editor }), 403, "forbidden")
    expectProblem(await h().request("GET", "/outbox?state=lost", { token: "admin" }), 400, "validation")
    expectProblem(await h().request("GET", "/notifications?limit=0", { session: editor }), 400, "validation")
    expectProblem(
      await h().request("POST", "/notifications/read", { session: editor, json: { ids: ["x"] } }),
      400,
      "validation"
    )
    const language = expectProblem(
      await h().request("PUT", "/session/language", { session: editor, json: { language: "fr" } }),
      400,
      "validation"
    )
    expect(language.errors?.map((error) => error.path)).toEqual(["language"])
  })
})
