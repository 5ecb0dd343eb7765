import {
  deleteAttachment,
  downloadAttachment,
  postComment,
  reviewAttachments,
  reviewThread,
  uploadAttachment
} from "@sukoyaka/app"
import { AttachmentTooLarge, CommentPost, ReviewAttachment, ReviewComment } from "@sukoyaka/core"
import { Schema } from "effect"
import { Hono, type MiddlewareHandler } from "hono"
import { bodyLimit } from "hono/body-limit"
import type { AppEnv } from "../env.ts"
import { doc } from "../openapi.ts"
import { domainProblem, HttpProblem } from "../problem.ts"
import { uploadedFile } from "../upload.ts"
import { DecimalInt, validate } from "../validation.ts"
import { keyOf, ReviewParams } from "./reviews.ts"

const AttachmentParams = Schema.Struct({
  ...ReviewParams.fields,
  id: DecimalInt.check(Schema.isBetween({ minimum: 1, maximum: 2_147_483_647 }))
})

const thread = "/:planId/initiatives/:no/reviews/:fiscalYear/comments"
const files = "/:planId/initiatives/:no/reviews/:fiscalYear/attachments"

/** The multipart envelope around a file: its headers and the form's other fields. */
const MULTIPART_OVERHEAD = 64 * 1024

/** An upload larger than the configured limit is refused while it arrives, before it is held in memory. */
const uploadLimit: MiddlewareHandler<AppEnv> = (c, next) =>
  bodyLimit({
    maxSize: c.var.attachmentLimits.maxBytes + MULTIPART_OVERHEAD,
    onError: () => {
      throw domainProblem(new AttachmentTooLarge({ limit: c.var.attachmentLimits.maxBytes }))!
    }
  })(c, next)

/**
 * RFC 6266: a plain `filename` for old clients (ASCII, quotes and backslashes replaced) and
 * `filename*` with the UTF-8 name percent-encoded (RFC 8187), which every current browser prefers.
 */
const contentDisposition = (name: string) => {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/gu, "_")
  const encoded = encodeURIComponent(name).replace(
    /['()*]/gu,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`
  )
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`
}

const noFile = () =>
  new HttpProblem("validation", "no file in the form field 'file'", [
    { path: "file", ja: "ファイルを選んでください", en: "choose a file" }
  ])

export default new Hono<AppEnv>()
  .get(
    thread,
    doc({
      tag: "dialogue",
      summary: "The review's comment thread (secretariat ↔ agency), oldest first",
      ok: { schema: Schema.Array(ReviewComment), description: "The comments" }
    }),
    validate("param", ReviewParams),
    async (c) => {
      const comments = await c.var.run(reviewThread(keyOf(c.req.valid("param"))))
      return c.json(Schema.encodeSync(Schema.Array(ReviewComment))(comments))
    }
  )
  .post(
    thread,
    doc({
      tag: "dialogue",
      summary: "Add a comment to the review's thread",
      description:
        "Administrators on any review, editors on their agencies' reviews in any status; viewers read only. The text is 1–2000 characters, not only spaces. Comments are never edited or deleted (no If-Match: nothing to be stale against); each is audited.",
      ok: { status: 201, schema: ReviewComment, description: "The comment as stored" },
      extraProblems: { 415: "Send application/json" }
    }),
    validate("param", ReviewParams),
    validate("json", CommentPost),
    async (c) => {
      const auth = c.var.auth
      const comment = await c.var.run(
        postComment(auth.actor, auth.audit, keyOf(c.req.valid("param")), c.req.valid("json").body)
      )
      return c.json(Schema.encodeSync(ReviewComment)(comment), 201)
    }
  )
  .get(
    files,
    doc({
      tag: "dialogue",
      summary: "The files kept on the review as evidence (without their bytes)",
      ok: { schema: Schema.Array(ReviewAttachment), description: "The attachments, oldest first" }
    }),
    validate("param", ReviewParams),
    async (c) => {
      const attachments = await c.var.run(reviewAttachments(c.var.auth.actor, keyOf(c.req.valid("param"))))
      return c.json(Schema.encodeSync(Schema.Array(ReviewAttachment))(attachments))
    }
  )
  .post(
    files,
    uploadLimit,
    doc({
      tag: "dialogue",
      summary: "Attach a file to the review (multipart/form-data, field `file`)",
      description:
        "Who may comment may attach. Accepted: PDF, PNG, JPEG, WebP, .xlsx, .docx and UTF-8 .txt, recognised by their content (the declared type is not trusted) with a matching extension; at most SUKOYAKA_ATTACHMENT_MAX_BYTES (10 MB by default) and 20 files per review. The audit records name, type, size and SHA-256.",
      ok: { status: 201, schema: ReviewAttachment, description: "The file as stored" },
      upload: { field: "file", description: "the file, with its name (the name's extension must fit its content)" },
      extraProblems: {
        409: "The review has as many files as it may",
        413: "The file is too large",
        415: "Not multipart/form-data, or a kind of file that is not accepted"
      }
    }),
    validate("param", ReviewParams),
    async (c) => {
      const key = keyOf(c.req.valid("param"))
      const file = await uploadedFile(c, "the file")
      if (file === undefined || (file.size === 0 && file.name === "")) throw noFile()
      const bytes = new Uint8Array(await file.arrayBuffer())
      const auth = c.var.auth
      const stored = await c.var.run(
        uploadAttachment(
          auth.actor,
          auth.audit,
          key,
          { name: file.name, declaredType: file.type, bytes },
          c.var.attachmentLimits
        )
      )
      return c.json(Schema.encodeSync(ReviewAttachment)(stored), 201)
    }
  )
  .get(
    `${files}/:id`,
    doc({
      tag: "dialogue",
      summary: "Download a file (Content-Disposition: attachment)",
      ok: { schema: Schema.Unknown, description: "The file's bytes, with the type it was recognised as" }
    }),
    validate("param", AttachmentParams),
    async (c) => {
      const params = c.req.valid("param")
      const { attachment, bytes } = await c.var.run(downloadAttachment(keyOf(params), params.id))
      const type = attachment.contentType === "text/plain" ? "text/plain; charset=utf-8" : attachment.contentType
      return c.body(new Uint8Array(bytes), 200, {
        "Content-Type": type,
        "Content-Length": String(bytes.length),
        "Content-Disposition": contentDisposition(attachment.name),
        // Never rendered as something else, nor run as a page of this origin.
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "Cache-Control": "private, no-store"
      })
    }
  )
  .delete(
    `${files}/:id`,
    doc({
      tag: "dialogue",
      summary: "Delete a file: its uploader or an administrator; the audit keeps its description"
    }),
    validate("param", AttachmentParams),
    async (c) => {
      const params = c.req.valid("param")
      const auth = c.var.auth
      await c.var.run(deleteAttachment(auth.actor, auth.audit, keyOf(params), params.id))
      return c.body(null, 204)
    }
  )
