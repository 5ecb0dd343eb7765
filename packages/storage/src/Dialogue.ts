import { AttachmentNotFound, AttachmentType, TooManyAttachments } from "@sukoyaka/core"
import { Context, Effect, Layer, Option, Schema } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import * as SqlSchema from "effect/sql/SqlSchema"
import { Audit, type AuditActor, nowIso } from "./Audit.ts"
import { type ReviewKey, reviewKeyString } from "./Reviews.ts"

/** A comment as stored: who wrote it as the audit names actors (id and label). */
export const StoredComment = Schema.Struct({
  id: Schema.Number,
  authorId: Schema.NullOr(Schema.String),
  authorLabel: Schema.String,
  body: Schema.String,
  createdAt: Schema.String
})
export type StoredComment = typeof StoredComment.Type

/** A file's description as stored; the bytes are read only to download (`content`). */
export const StoredAttachment = Schema.Struct({
  id: Schema.Number,
  name: Schema.String,
  contentType: AttachmentType,
  size: Schema.Number,
  sha256: Schema.String,
  uploadedById: Schema.NullOr(Schema.String),
  uploadedByLabel: Schema.String,
  createdAt: Schema.String
})
export type StoredAttachment = typeof StoredAttachment.Type

export interface NewAttachment {
  readonly name: string
  readonly contentType: AttachmentType
  readonly sha256: string
  readonly bytes: Uint8Array
}

const KeyRequest = Schema.Struct({ planId: Schema.String, initiativeNo: Schema.Number, fiscalYear: Schema.Number })
const AttachmentRequest = Schema.Struct({ ...KeyRequest.fields, id: Schema.Number })

/** What the audit log keeps of a file: its description, never its bytes. */
const described = (attachment: StoredAttachment) => ({
  id: attachment.id,
  name: attachment.name,
  contentType: attachment.contentType,
  size: attachment.size,
  sha256: attachment.sha256
})

const attachmentColumns = "id, name, content_type, size, sha256, uploaded_by_id, uploaded_by_label, created_at"

/**
 * A review's thread and files. Every comment, upload and deletion is audited in the transaction
 * that makes it, under the entity key `<review key>/comment/<id>` or `/attachment/<id>`.
 */
export class Dialogue extends Context.Service<Dialogue>()("@sukoyaka/storage/Dialogue", {
  make: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const audit = yield* Audit
    const ofReview = (key: ReviewKey) =>
      sql`plan_id = ${key.planId} AND initiative_no = ${key.initiativeNo} AND fiscal_year = ${key.fiscalYear}`

    const commentRows = SqlSchema.findAll({
      Request: KeyRequest,
      Result: StoredComment,
      execute: (key) => sql`SELECT id, author_id, author_label, body, created_at FROM review_comments
        WHERE ${ofReview(key)} ORDER BY id`
    })
    const attachmentRows = SqlSchema.findAll({
      Request: KeyRequest,
      Result: StoredAttachment,
      execute: (key) => sql`SELECT ${sql.literal(attachmentColumns)} FROM review_attachments
        WHERE ${ofReview(key)} ORDER BY id`
    })
    const attachmentRow = SqlSchema.findOneOption({
      Request: AttachmentRequest,
      Result: StoredAttachment,
      execute: (request) => sql`SELECT ${sql.literal(attachmentColumns)} FROM review_attachments
        WHERE ${ofReview(request)} AND id = ${request.id}`
    })

    const comments = (key: ReviewKey) => commentRows(key).pipe(Effect.orDie, Effect.withSpan("Dialogue.comments"))

    const addComment = (actor: AuditActor, key: ReviewKey, body: string) =>
      sql
        .withTransaction(
          Effect.gen(function* () {
            const createdAt = yield* nowIso
            const [row] = yield* sql<{ id: number }>`INSERT INTO review_comments ${sql.insert({
              planId: key.planId,
              initiativeNo: key.initiativeNo,
              fiscalYear: key.fiscalYear,
              authorId: actor.id,
              authorLabel: actor.label,
              body,
              createdAt
            })} RETURNING id`
            const comment: StoredComment = {
              id: Number(row!.id),
              authorId: actor.id,
              authorLabel: actor.label,
              body,
              createdAt
            }
            yield* audit.record({
              actor,
              planId: key.planId,
              entity: "review_comment",
              entityKey: `${reviewKeyString(key)}/comment/${comment.id}`,
              action: "comment",
              before: null,
              after: { id: comment.id, body }
            })
            return comment
          })
        )
        .pipe(Effect.orDie, Effect.withSpan("Dialogue.addComment"))

    const attachments = (key: ReviewKey) =>
      attachmentRows(key).pipe(Effect.orDie, Effect.withSpan("Dialogue.attachments"))

    const attachment = (key: ReviewKey, id: number) =>
      Effect.flatMap(
        Effect.orDie(attachmentRow({ ...key, id })),
        Option.match({ onNone: () => Effect.fail(new AttachmentNotFound({ id })), onSome: Effect.succeed })
      ).pipe(Effect.withSpan("Dialogue.attachment"))

    /** The bytes of a file (a Buffer from either driver). */
    const content = (key: ReviewKey, id: number) =>
      Effect.gen(function* () {
        const rows = yield* sql<{ content: Uint8Array }>`SELECT content FROM review_attachments
          WHERE ${ofReview(key)} AND id = ${id}`
        if (rows.length === 0) return yield* new AttachmentNotFound({ id })
        return rows[0]!.content
      }).pipe(Effect.catchTag("SqlError", Effect.die), Effect.withSpan("Dialogue.content"))

    /**
     * Keeps a file unless the review has `perReview` already. In PostgreSQL the review's row is
     * locked first, so that two uploads at once cannot both pass the count (SQLite writes one
     * transaction at a time anyway).
     */
    const addAttachment = (actor: AuditActor, key: ReviewKey, file: NewAttachment, perReview: number) =>
      sql
        .withTransaction(
          Effect.gen(function* () {
            yield* sql.onDialectOrElse({
              pg: () => sql`SELECT 1 FROM reviews WHERE ${ofReview(key)} FOR UPDATE`,
              orElse: () => Effect.void
            })
            const [counted] = yield* sql<{ n: number | bigint | string }>`SELECT count(*) AS n FROM review_attachments
              WHERE ${ofReview(key)}`
            if (Number(counted?.n ?? 0) >= perReview) return yield* new TooManyAttachments({ limit: perReview })
            const createdAt = yield* nowIso
            const [row] = yield* sql<{ id: number }>`INSERT INTO review_attachments ${sql.insert({
              planId: key.planId,
              initiativeNo: key.initiativeNo,
              fiscalYear: key.fiscalYear,
              name: file.name,
              contentType: file.contentType,
              size: file.bytes.length,
              sha256: file.sha256,
              content: file.bytes,
              uploadedById: actor.id,
              uploadedByLabel: actor.label,
              createdAt
            })} RETURNING id`
            const stored: StoredAttachment = {
              id: Number(row!.id),
              name: file.name,
              contentType: file.contentType,
              size: file.bytes.length,
              sha256: file.sha256,
              uploadedById: actor.id,
              uploadedByLabel: actor.label,
              createdAt
            }
            yield* audit.record({
              actor,
              planId: key.planId,
              entity: "review_attachment",
              entityKey: `${reviewKeyString(key)}/attachment/${stored.id}`,
              action: "upload",
              before: null,
              after: described(stored)
            })
            return stored
          })
        )
        .pipe(Effect.catchTag("SqlError", Effect.die), Effect.withSpan("Dialogue.addAttachment"))

    const removeAttachment = (actor: AuditActor, key: ReviewKey, attachment: StoredAttachment) =>
      sql
        .withTransaction(
          Effect.gen(function* () {
            const deleted = yield* sql`DELETE FROM review_attachments WHERE ${ofReview(key)} AND id = ${attachment.id}
              RETURNING id`
            if (deleted.length === 0) return yield* new AttachmentNotFound({ id: attachment.id })
            yield* audit.record({
              actor,
              planId: key.planId,
              entity: "review_attachment",
              entityKey: `${reviewKeyString(key)}/attachment/${attachment.id}`,
              action: "delete",
              before: described(attachment),
              after: null
            })
          })
        )
        .pipe(Effect.catchTag("SqlError", Effect.die), Effect.withSpan("Dialogue.removeAttachment"))

    return { comments, addComment, attachments, attachment, content, addAttachment, removeAttachment } as const
  })
}) {
  static readonly layer = Layer.effect(this, this.make).pipe(Layer.provide(Audit.layer))
}
