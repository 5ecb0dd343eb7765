/**
 * A review's dialogue over HTTP on both databases (#19): the comment thread, attachments kept in
 * the database (byte-exact round trip, refusals by content, size and count), who may do what, the
 * audit entries, and the secretariat's bulk approval with one stale item.
 */
import { attachmentDefaults } from "@sukoyaka/core"
import { Audit } from "@sukoyaka/storage"
import { describe, expect, it } from "vitest"
import {
  dialects,
  expectProblem,
  getReview,
  nextYearHarness,
  OTHER_ROW,
  PLAN,
  type Problem,
  rawRequest,
  reviewPath,
  type TokenName
} from "./support.ts"

const YEAR = 2025

interface Comment {
  id: number
  author: string
  authorId: string | null
  body: string
  at: string
}
interface Attachment {
  id: number
  name: string
  contentType: string
  size: number
  sha256: string
  uploadedBy: string
  mayDelete: boolean
}

const png = (extra = 64) =>
  new Uint8Array([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...Array.from({ length: extra }, (_, i) => (i * 37) % 256)
  ])
const pdf = new TextEncoder().encode("%PDF-1.7\n% minutes of the meeting\n%%EOF\n")

describe.each(dialects)("dialogue on %s", (dialect) => {
  const h = nextYearHarness(dialect)

  const comments = (no: number) => reviewPath(no, YEAR, "/comments")
  const files = (no: number) => reviewPath(no, YEAR, "/attachments")
  const comment = (no: number, body: unknown, token: TokenName = "editor") =>
    h().request<Comment>("POST", comments(no), { token, json: { body } })

  const upload = async (
    no: number,
    bytes: Uint8Array,
    name: string,
    token: TokenName = "editor",
    type = "application/octet-stream"
  ) => {
    const form = new FormData()
    form.append("file", new Blob([bytes], { type }), name)
    const response = await fetch(`${h().url}/api/v1${files(no)}`, {
      method: "POST",
      body: form,
      headers: { authorization: `Bearer ${h().tokens[token]}` }
    })
    const text = await response.text()
    return {
      status: response.status,
      headers: response.headers,
      text,
      body: (text === "" ? null : JSON.parse(text)) as Attachment & Problem
    }
  }

  const auditOf = (entity: string) => h().run(Audit.use((audit) => audit.list({ planId: PLAN, entity, limit: 1000 })))

  describe("comments", () => {
    it("an editor of the review's agency posts; anyone who reads the review reads the thread, oldest first", async () => {
      const first = await comment(85, "  議事録を添付します。  ")
      expect(first.status, first.text).toBe(201)
      expect(first.body).toMatchObject({ body: "議事録を添付します。", author: "token:editor" })
      const reply = await comment(85, "確認しました。数値の出典を教えてください。", "admin")
      expect(reply.status, reply.text).toBe(201)
      const thread = await h().request<Comment[]>("GET", comments(85), { token: "viewer" })
      expect(thread.status).toBe(200)
      expect(thread.body.map((c) => c.body)).toEqual([
        "議事録を添付します。",
        "確認しました。数値の出典を教えてください。"
      ])
      expect(thread.body[0]!.at).toMatch(/^\d{4}-\d\d-\d\dT/)
      // The audit names who and what, under the review's key.
      const entries = await auditOf("review_comment")
      const entry = entries.find((e) => (e.after as { id: number }).id === first.body.id)!
      expect(entry).toMatchObject({
        action: "comment",
        actorLabel: "token:editor",
        entityKey: `${PLAN}/85/${YEAR}/comment/${first.body.id}`
      })
    })

    it("editors of other agencies and viewers may not post; admins may on any review", async () => {
      expectProblem(await comment(85, "横から失礼します", "otherEditor"), 403, "forbidden")
      expectProblem(await comment(85, "閲覧のみ", "viewer"), 403, "forbidden")
      expectProblem(await comment(OTHER_ROW, "他の機関の行", "editor"), 403, "forbidden")
      expect((await comment(OTHER_ROW, "事務局から確認です", "admin")).status).toBe(201)
    })

    it("refuses an empty or too long text with a field message in both languages", async () => {
      for (const body of ["", "   \n "]) {
        const problem = expectProblem(await comment(86, body), 400, "validation")
        expect(problem.errors).toEqual([{ path: "body", ja: "コメントを入力してください", en: "write a comment" }])
      }
      const long = expectProblem(await comment(86, "あ".repeat(2001)), 400, "validation")
      expect(long.errors?.[0]).toMatchObject({ path: "body", ja: "コメントは2000文字以内です" })
      expect((await comment(86, "あ".repeat(2000))).status).toBe(201)
      expectProblem(await comment(86, 42), 400, "validation")
      expectProblem(
        await h().request("POST", reviewPath(86, 2030, "/comments"), { token: "admin", json: { body: "x" } }),
        404,
        "notFound"
      )
    })
  })

  describe("attachments", () => {
    it("round-trips a file byte for byte, with a safe download and an audit entry without the bytes", async () => {
      const bytes = png(5000)
      const name = "会議の写真 (1).png"
      const stored = await upload(88, bytes, name, "editor", "image/png")
      expect(stored.status, stored.text).toBe(201)
      expect(stored.body).toMatchObject({
        name,
        contentType: "image/png",
        size: bytes.length,
        uploadedBy: "token:editor",
        mayDelete: true
      })
      const listed = await h().request<Attachment[]>("GET", files(88), { token: "viewer" })
      expect(listed.body.map((a) => [a.id, a.mayDelete])).toEqual([[stored.body.id, false]])
      const download = await fetch(`${h().url}/api/v1${files(88)}/${stored.body.id}`, {
        headers: { authorization: `Bearer ${h().tokens.viewer}` }
      })
      expect(download.status).toBe(200)
      expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes)
      expect(download.headers.get("content-type")).toBe("image/png")
      expect(download.headers.get("x-content-type-options")).toBe("nosniff")
      expect(download.headers.get("content-disposition")).toBe(
        `attachment; filename="_____ (1).png"; filename*=UTF-8''${encodeURIComponent("会議の写真 ")}%281%29.png`
      )
      const entry = (await auditOf("review_attachment")).find(
        (e) => (e.after as { id?: number } | null)?.id === stored.body.id
      )!
      expect(entry.action).toBe("upload")
      expect(entry.after).toEqual({
        id: stored.body.id,
        name,
        contentType: "image/png",
        size: bytes.length,
        sha256: stored.body.sha256
      })
      expect(stored.body.sha256).toMatch(/^[0-9a-f]{64}$/)
    })

    it("accepts each allowed type by its content", async () => {
      const zipWith = (entry: string) =>
        new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new TextEncoder().encode(`....${entry}....`)])
      const accepted: Array<[Uint8Array, string, string]> = [
        [pdf, "議事録.pdf", "application/pdf"],
        [new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), "flyer.JPG", "image/jpeg"],
        [
          new Uint8Array([...new TextEncoder().encode("RIFF"), 0, 0, 0, 0, ...new TextEncoder().encode("WEBPVP8 ")]),
          "photo.webp",
          "image/webp"
        ],
        [zipWith("xl/workbook.xml"), "集計.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
        [
          zipWith("word/document.xml"),
          "報告.docx",
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        ],
        [new TextEncoder().encode("参加者 42 名\r\n"), "memo.txt", "text/plain"]
      ]
      for (const [bytes, name, type] of accepted) {
        const stored = await upload(89, bytes, name, "admin")
        expect(stored.status, `${name}: ${stored.text}`).toBe(201)
        expect(stored.body.contentType).toBe(type)
      }
    })

    it("refuses by content, declared type, extension, size and count, with a message at the file field", async () => {
      const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00])
      const cases: Array<[Uint8Array, string, string, number, string]> = [
        [exe, "manual.pdf", "application/pdf", 415, "この形式のファイルは添付できません"],
        [pdf, "photo.png", "image/png", 415, "申告された形式と合いません"],
        [pdf, "minutes.html", "text/html", 415, "拡張子が中身の形式と合いません"],
        [new Uint8Array(), "empty.txt", "text/plain", 415, "ファイルが空です"]
      ]
      for (const [bytes, name, type, status, ja] of cases) {
        const refused = await upload(91, bytes, name, "editor", type)
        expect(refused.status, `${name}: ${refused.text}`).toBe(status)
        expect(refused.body.type).toBe("urn:sukoyaka:problem:unsupportedMediaType")
        expect(refused.body.errors?.[0]?.path).toBe("file")
        expect(refused.body.errors?.[0]?.ja).toContain(ja)
      }
      const tooLarge = await upload(91, png(attachmentDefaults.maxBytes), "big.png")
      expect(tooLarge.status, tooLarge.text).toBe(413)
      expect(tooLarge.body.errors?.[0]).toMatchObject({ path: "file", ja: "ファイルは10 MBまでです" })
      // Far over the limit: refused as it arrives (the body limit), with the same message.
      const boundary = "x-sukoyaka-test"
      const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.png"\r\nContent-Type: image/png\r\n\r\n`
      const huge = await rawRequest(`${h().url}/api/v1${files(91)}`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${h().tokens.editor}`,
          "content-type": `multipart/form-data; boundary=${boundary}`
        },
        body: Buffer.concat([
          Buffer.from(head),
          png(attachmentDefaults.maxBytes + 200_000),
          Buffer.from(`\r\n--${boundary}--\r\n`)
        ])
      })
      expect(huge.status, huge.text).toBe(413)
      expect((JSON.parse(huge.text) as Problem).errors?.[0]).toMatchObject({
        path: "file",
        ja: "ファイルは10 MBまでです"
      })
      const json = await h().request("POST", files(91), { token: "editor", json: { file: "x" } })
      expectProblem(json, 415, "unsupportedMediaType")
      // The count: 20 files per review, the 21st refused until one is deleted.
      const ids: number[] = []
      for (let i = 0; i < attachmentDefaults.perReview; i += 1) {
        const stored = await upload(96, new TextEncoder().encode(`note ${i}`), `note-${i}.txt`)
        expect(stored.status, stored.text).toBe(201)
        ids.push(stored.body.id)
      }
      const full = await upload(96, pdf, "one-more.pdf")
      expect(full.status, full.text).toBe(409)
      expect(full.body.errors?.[0]?.path).toBe("file")
      expect((await h().request("DELETE", `${files(96)}/${ids[0]}`, { token: "editor" })).status).toBe(204)
      expect((await upload(96, pdf, "one-more.pdf")).status).toBe(201)
      expect((await h().request<Attachment[]>("GET", files(96), { token: "admin" })).body).toHaveLength(
        attachmentDefaults.perReview
      )
    })

    it("only participants upload; a file is deleted by its uploader or an admin, and the audit keeps its description", async () => {
      expect((await upload(97, pdf, "x.pdf", "otherEditor")).status).toBe(403)
      expect((await upload(97, pdf, "x.pdf", "viewer")).status).toBe(403)
      const byAdmin = await upload(97, pdf, "事務局.pdf", "admin")
      const byEditor = await upload(97, pdf, "機関.pdf", "editor")
      const del = (id: number, token: TokenName) => h().request("DELETE", `${files(97)}/${id}`, { token })
      expectProblem(await del(byAdmin.body.id, "editor"), 403, "forbidden")
      expectProblem(await del(byEditor.body.id, "otherEditor"), 403, "forbidden")
      expectProblem(await del(byEditor.body.id, "viewer"), 403, "forbidden")
      expect((await del(byEditor.body.id, "admin")).status).toBe(204)
      expectProblem(await del(byEditor.body.id, "admin"), 404, "notFound")
      expectProblem(await h().request("GET", `${files(97)}/${byEditor.body.id}`, { token: "admin" }), 404, "notFound")
      const entries = await auditOf("review_attachment")
      const deleted = entries.find(
        (e) => e.action === "delete" && (e.before as { id: number }).id === byEditor.body.id
      )!
      expect(deleted.before).toEqual({
        id: byEditor.body.id,
        name: "機関.pdf",
        contentType: "application/pdf",
        size: pdf.length,
        sha256: byEditor.body.sha256
      })
      expect(JSON.stringify(entries)).not.toContain("minutes of the meeting")
    })
  })

  describe("bulk workflow", () => {
    const bulk = (json: unknown, token: TokenName = "admin") =>
      h().request<{
        succeeded: number
        failed: number
        results: Array<{ no: number; ok: boolean; version?: number; status?: string; problem?: Problem }>
      }>("POST", `/plans/${PLAN}/reviews/status`, { token, json })

    const submit = async (no: number) => {
      const { etag } = await getReview(h(), no, YEAR)
      const moved = await h().request<{ version: number }>("POST", reviewPath(no, YEAR, "/status"), {
        token: "admin",
        json: { action: "submit" },
        headers: { "if-match": etag }
      })
      expect(moved.status, moved.text).toBe(200)
      return moved.body.version
    }

    it("approves each submitted review on its own: a stale or draft one is reported, the others move", async () => {
      const [v58, v85, v86] = [await submit(58), await submit(85), await submit(86)]
      const draft = (await getReview(h(), 98, YEAR)).review.version
      const answer = await bulk({
        action: "approve",
        reviews: [
          { no: 58, fiscalYear: YEAR, version: v58 },
          { no: 85, fiscalYear: YEAR, version: v85 - 1 },
          { no: 86, fiscalYear: YEAR, version: v86 },
          { no: 98, fiscalYear: YEAR, version: draft }
        ]
      })
      expect(answer.status, answer.text).toBe(200)
      expect(answer.body).toMatchObject({ succeeded: 2, failed: 2 })
      expect(answer.body.results.map((r) => [r.no, r.ok, r.status ?? r.problem?.status])).toEqual([
        [58, true, "approved"],
        [85, false, 412],
        [86, true, "approved"],
        [98, false, 409]
      ])
      expect(answer.body.results[0]!.version).toBe(v58 + 1)
      expect((await getReview(h(), 85, YEAR)).review.status).toBe("submitted")
      expect((await getReview(h(), 86, YEAR)).review.status).toBe("approved")
    })

    it("returns with a comment; without one nothing moves; only admins may", async () => {
      const v88 = await submit(88)
      const problem = expectProblem(
        await bulk({ action: "return", reviews: [{ no: 88, fiscalYear: YEAR, version: v88 }] }),
        400,
        "validation"
      )
      expect(problem.errors?.[0]?.path).toBe("comment")
      expectProblem(
        await bulk({ action: "approve", reviews: [{ no: 88, fiscalYear: YEAR, version: v88 }] }, "editor"),
        403,
        "forbidden"
      )
      expectProblem(await bulk({ action: "approve", reviews: [] }), 400, "validation")
      expectProblem(
        await bulk({ action: "submit", reviews: [{ no: 88, fiscalYear: YEAR, version: v88 }] }),
        400,
        "validation"
      )
      const returned = await bulk({
        action: "return",
        comment: "指標の出典を追記してください",
        reviews: [{ no: 88, fiscalYear: YEAR, version: v88 }]
      })
      expect(returned.body.results[0]).toMatchObject({ ok: true, status: "draft" })
      const { review } = await getReview(h(), 88, YEAR)
      expect(review.statusComment).toBe("指標の出典を追記してください")
    })
  })
})
