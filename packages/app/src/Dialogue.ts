import {
  type Actor,
  AttachmentRefused,
  type AttachmentLimits,
  AttachmentTooLarge,
  attachmentName,
  canDeleteAttachment,
  canTakePartInDialogue,
  classifyAttachment,
  CommentBody,
  CommentRefused,
  DialogueForbidden,
  type ReviewAttachment,
  type ReviewComment
} from "@sukoyaka/core"
import {
  type AuditActor,
  Dialogue,
  Initiatives,
  Plans,
  type ReviewKey,
  Reviews,
  type StoredAttachment
} from "@sukoyaka/storage"
import { Effect, Schema } from "effect"
import { createHash } from "node:crypto"
import { displayNamer } from "./VisibleActors.ts"

/** The review's initiative, after checking that the plan, the initiative and the review exist. */
const initiativeOf = (key: ReviewKey) =>
  Effect.gen(function* () {
    yield* (yield* Plans).get(key.planId)
    const initiative = yield* (yield* Initiatives).get(key.planId, key.initiativeNo)
    yield* (yield* Reviews).get(key)
    return initiative
  })

/** A participant in a review's dialogue, or DialogueForbidden. */
const participating = (actor: Actor, key: ReviewKey, action: DialogueForbidden["action"]) =>
  Effect.gen(function* () {
    const initiative = yield* initiativeOf(key)
    if (!canTakePartInDialogue(actor, initiative)) return yield* new DialogueForbidden({ action })
    return initiative
  })

/** A review's thread, oldest first; anyone who may read the review reads it. */
export const reviewThread = (key: ReviewKey) =>
  Effect.gen(function* () {
    yield* initiativeOf(key)
    const comments = yield* (yield* Dialogue).comments(key)
    const name = yield* displayNamer
    return comments.map((comment): ReviewComment => ({
      id: comment.id,
      author: name(comment.authorId, comment.authorLabel),
      authorId: comment.authorId,
      body: comment.body,
      at: comment.createdAt
    }))
  }).pipe(Effect.withSpan("reviewThread"))

/** Adds a comment to a review's thread, as an admin or an editor of its agencies; audited. */
export const postComment = (actor: Actor, audit: AuditActor, key: ReviewKey, body: string) =>
  Effect.gen(function* () {
    yield* participating(actor, key, "comment")
    const text = yield* Schema.decodeUnknownEffect(CommentBody)(body.trim()).pipe(
      Effect.mapError(() => new CommentRefused())
    )
    const stored = yield* (yield* Dialogue).addComment(audit, key, text)
    const comment: ReviewComment = {
      id: stored.id,
      author: (yield* displayNamer)(stored.authorId, stored.authorLabel),
      authorId: stored.authorId,
      body: stored.body,
      at: stored.createdAt
    }
    return comment
  }).pipe(Effect.withSpan("postComment"))

const describe =
  (
    actor: Actor,
    initiative: Parameters<typeof canDeleteAttachment>[1],
    name: (id: string | null, label: string) => string
  ) =>
  (attachment: StoredAttachment): ReviewAttachment => ({
    id: attachment.id,
    name: attachment.name,
    contentType: attachment.contentType,
    size: attachment.size,
    sha256: attachment.sha256,
    uploadedBy: name(attachment.uploadedById, attachment.uploadedByLabel),
    uploadedById: attachment.uploadedById,
    at: attachment.createdAt,
    mayDelete: canDeleteAttachment(actor, initiative, attachment)
  })

/** A review's files (without their bytes), oldest first, each saying whether `actor` may delete it. */
export const reviewAttachments = (actor: Actor, key: ReviewKey) =>
  Effect.gen(function* () {
    const initiative = yield* initiativeOf(key)
    const stored = yield* (yield* Dialogue).attachments(key)
    return stored.map(describe(actor, initiative, yield* displayNamer))
  }).pipe(Effect.withSpan("reviewAttachments"))

export interface Upload {
  readonly name: string
  /** What the client declared (the browser guesses from the name): checked against the bytes, never trusted. */
  readonly declaredType: string
  readonly bytes: Uint8Array
}

/**
 * Keeps a file on a review: by a participant, within the size and count limits, of an accepted
 * type as its bytes show. The audit entry describes the file (name, type, size, SHA-256).
 */
export const uploadAttachment = (
  actor: Actor,
  audit: AuditActor,
  key: ReviewKey,
  upload: Upload,
  limits: AttachmentLimits
) =>
  Effect.gen(function* () {
    const initiative = yield* participating(actor, key, "upload")
    if (upload.bytes.length > limits.maxBytes) return yield* new AttachmentTooLarge({ limit: limits.maxBytes })
    const name = attachmentName(upload.name)
    const classified = classifyAttachment(name, upload.declaredType, upload.bytes)
    if (classified._tag === "Refused") return yield* new AttachmentRefused({ reason: classified.reason })
    const sha256 = createHash("sha256").update(upload.bytes).digest("hex")
    const stored = yield* (yield* Dialogue).addAttachment(
      audit,
      key,
      { name, contentType: classified.type, sha256, bytes: upload.bytes },
      limits.perReview
    )
    return describe(actor, initiative, yield* displayNamer)(stored)
  }).pipe(Effect.withSpan("uploadAttachment"))

/** A file and its bytes, for download; anyone who may read the review may read its evidence. */
export const downloadAttachment = (key: ReviewKey, id: number) =>
  Effect.gen(function* () {
    yield* initiativeOf(key)
    const dialogue = yield* Dialogue
    const attachment = yield* dialogue.attachment(key, id)
    const bytes = yield* dialogue.content(key, id)
    return { attachment, bytes }
  }).pipe(Effect.withSpan("downloadAttachment"))

/** Removes a file: its uploader (still a participant) or an admin; the audit keeps its description. */
export const deleteAttachment = (actor: Actor, audit: AuditActor, key: ReviewKey, id: number) =>
  Effect.gen(function* () {
    const initiative = yield* initiativeOf(key)
    const dialogue = yield* Dialogue
    const attachment = yield* dialogue.attachment(key, id)
    if (!canDeleteAttachment(actor, initiative, attachment)) return yield* new DialogueForbidden({ action: "delete" })
    yield* dialogue.removeAttachment(audit, key, attachment)
  }).pipe(Effect.withSpan("deleteAttachment"))
