import { Schema } from "effect"
import { type Actor, answersFor } from "./Access.ts"
import type { Bilingual } from "./Bilingual.ts"
import { answersWith, Explanation } from "./DomainError.ts"
import type { Initiative } from "./Initiative.ts"

/*
 * The dialogue of a review (#19): the comment thread between the secretariat and the agency, and
 * the files kept as evidence (minutes, flyers, photos). Who may take part, which files are
 * accepted and the limits are decided here, once; storage and the API only carry them out.
 */

/**
 * Admins on any review; an editor on its agencies' reviews, whatever their status (a question
 * about a submitted review is the point of the thread); viewers read only.
 */
export const canTakePartInDialogue = (actor: Actor, initiative: Pick<Initiative, "agencies">): boolean =>
  actor.role === "admin" || (actor.role === "editor" && answersFor(actor, initiative))

/** A file is removed by who uploaded it, or by an admin. */
export const canDeleteAttachment = (
  actor: Actor,
  initiative: Pick<Initiative, "agencies">,
  attachment: { readonly uploadedById: string | null }
): boolean =>
  actor.role === "admin" ||
  (canTakePartInDialogue(actor, initiative) && attachment.uploadedById !== null && attachment.uploadedById === actor.id)

export const COMMENT_MAX_LENGTH = 2000

/** The defaults of the limits on attachments; the size limit is configurable (SUKOYAKA_ATTACHMENT_MAX_BYTES). */
export const attachmentDefaults = {
  maxBytes: 10 * 1024 * 1024,
  perReview: 20,
  nameMaxLength: 200
} as const

export interface AttachmentLimits {
  readonly maxBytes: number
  readonly perReview: number
}

export const AttachmentType = Schema.Literals([
  "application/pdf",
  "image/png",
  "image/jpeg",
  "image/webp",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "text/plain"
]).annotate({ identifier: "AttachmentType", title: "Attachment type" })
export type AttachmentType = typeof AttachmentType.Type

const ascii = (text: string) => Array.from(text, (char) => char.charCodeAt(0))

const startsWith = (bytes: Uint8Array, prefix: ReadonlyArray<number | null>, at = 0) =>
  bytes.length >= at + prefix.length && prefix.every((byte, index) => byte === null || bytes[at + index] === byte)

/** Whether `needle` occurs in `bytes`: a ZIP names its entries in plain bytes (local and central headers). */
const contains = (bytes: Uint8Array, needle: string) => {
  const pattern = ascii(needle)
  const first = pattern[0]!
  for (let index = bytes.indexOf(first); index !== -1; index = bytes.indexOf(first, index + 1)) {
    if (startsWith(bytes, pattern, index)) return true
  }
  return false
}

const zip = [0x50, 0x4b, 0x03, 0x04]

/** Whether `text` has a C0 control character or DEL, other than those `allowed`. */
const hasControlCharacter = (text: string, allowed = "") => {
  for (const char of text) {
    const code = char.charCodeAt(0)
    if ((code < 0x20 || code === 0x7f) && !allowed.includes(char)) return true
  }
  return false
}

/** UTF-8 (a BOM allowed) without NUL or other control characters than tab and line breaks. */
const isPlainText = (bytes: Uint8Array) => {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes)
    return !hasControlCharacter(text, "\t\n\r")
  } catch {
    return false
  }
}

/**
 * What each accepted type looks like: its first bytes (what the file is, whatever it is called or
 * declared as) and the extensions its name may have, so that a download opens in the program the
 * name promises.
 */
const kinds: ReadonlyArray<{
  readonly type: AttachmentType
  readonly extensions: ReadonlyArray<string>
  readonly is: (bytes: Uint8Array) => boolean
}> = [
  { type: "application/pdf", extensions: ["pdf"], is: (bytes) => startsWith(bytes, ascii("%PDF-")) },
  {
    type: "image/png",
    extensions: ["png"],
    is: (bytes) => startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  },
  { type: "image/jpeg", extensions: ["jpg", "jpeg"], is: (bytes) => startsWith(bytes, [0xff, 0xd8, 0xff]) },
  {
    type: "image/webp",
    extensions: ["webp"],
    is: (bytes) => startsWith(bytes, [...ascii("RIFF"), null, null, null, null, ...ascii("WEBP")])
  },
  {
    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    extensions: ["xlsx"],
    is: (bytes) => startsWith(bytes, zip) && contains(bytes, "xl/workbook.xml")
  },
  {
    type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    extensions: ["docx"],
    is: (bytes) => startsWith(bytes, zip) && contains(bytes, "word/document.xml")
  },
  { type: "text/plain", extensions: ["txt"], is: isPlainText }
]

const acceptedList = "PDF, PNG, JPEG, WebP, Excel (.xlsx), Word (.docx), UTF-8 text (.txt)"
const acceptedListJa = "PDF、PNG、JPEG、WebP、Excel（.xlsx）、Word（.docx）、UTF-8 のテキスト（.txt）"

/** Why a file is refused, in both languages: what the upload form shows at its file field. */
export type AttachmentRefusal = "type" | "extension" | "declared" | "name" | "empty"

const refusalText: Record<AttachmentRefusal, Bilingual> = {
  type: {
    ja: `この形式のファイルは添付できません（添付できるもの: ${acceptedListJa}）`,
    en: `this kind of file cannot be attached (accepted: ${acceptedList})`
  },
  extension: {
    ja: "ファイル名の拡張子が中身の形式と合いません",
    en: "the file name's extension does not match what the file is"
  },
  declared: {
    ja: "ファイルの中身が申告された形式と合いません",
    en: "the file's content does not match its declared type"
  },
  name: {
    ja: `ファイル名は${attachmentDefaults.nameMaxLength}文字以内で、制御文字を含まないものにしてください`,
    en: `the file name must have at most ${attachmentDefaults.nameMaxLength} characters and no control characters`
  },
  empty: { ja: "ファイルが空です", en: "the file is empty" }
}

export class AttachmentRefused extends Schema.TaggedError<AttachmentRefused>()(
  "AttachmentRefused",
  { reason: Schema.Literals(["type", "extension", "declared", "name", "empty"]) },
  answersWith(415)
) {
  override get message() {
    return refusalText[this.reason].en
  }
  get [Explanation]() {
    return [{ path: "file", ...refusalText[this.reason] }]
  }
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`

export class AttachmentTooLarge extends Schema.TaggedError<AttachmentTooLarge>()(
  "AttachmentTooLarge",
  { limit: Schema.Number },
  answersWith(413)
) {
  override get message() {
    return `a file may have at most ${this.limit} bytes`
  }
  get [Explanation]() {
    const size = megabytes(this.limit)
    return [{ path: "file", ja: `ファイルは${size}までです`, en: `a file may be at most ${size}` }]
  }
}

export class TooManyAttachments extends Schema.TaggedError<TooManyAttachments>()(
  "TooManyAttachments",
  { limit: Schema.Number },
  answersWith(409)
) {
  override get message() {
    return `a review may have at most ${this.limit} attachments`
  }
  get [Explanation]() {
    return [
      {
        path: "file",
        ja: `添付は1件の評価につき${this.limit}件までです。不要なものを削除してください`,
        en: `a review may have at most ${this.limit} attachments; delete one first`
      }
    ]
  }
}

export class AttachmentNotFound extends Schema.TaggedError<AttachmentNotFound>()(
  "AttachmentNotFound",
  { id: Schema.Number },
  answersWith(404)
) {
  override get message() {
    return `no attachment ${this.id} on this review`
  }
}

/** The actor may not write to this review's dialogue (or delete another person's file). */
export class DialogueForbidden extends Schema.TaggedError<DialogueForbidden>()(
  "DialogueForbidden",
  { action: Schema.Literals(["comment", "upload", "delete"]) },
  answersWith(403)
) {
  override get message() {
    return this.action === "delete"
      ? "only who uploaded a file, or an administrator, may delete it"
      : "only administrators and the editors of the review's agencies take part in its dialogue"
  }
}

/** A comment with nothing to read, or longer than a comment may be (a caller that skipped the schema). */
export class CommentRefused extends Schema.TaggedError<CommentRefused>()("CommentRefused", {}, answersWith(400)) {
  override get message() {
    return `a comment has 1–${COMMENT_MAX_LENGTH} characters, not only spaces`
  }
  get [Explanation]() {
    return [
      {
        path: "body",
        ja: `コメントは1〜${COMMENT_MAX_LENGTH}文字で入力してください`,
        en: `a comment has 1–${COMMENT_MAX_LENGTH} characters, not only spaces`
      }
    ]
  }
}

/** The name a file is kept under: its last path segment (browsers of old sent the whole path), trimmed. */
export const attachmentName = (declared: string) => declared.split(/[\\/]/u).at(-1)!.trim()

/**
 * The type of an uploaded file from its bytes, or why it is refused. The declared type (the
 * browser's guess from the name) is not trusted; it only refuses a file when it names another
 * accepted type than the content is, and the name's extension must fit the content.
 */
export const classifyAttachment = (
  name: string,
  declaredType: string,
  bytes: Uint8Array
):
  | { readonly _tag: "Accepted"; readonly type: AttachmentType }
  | { readonly _tag: "Refused"; readonly reason: AttachmentRefusal } => {
  if (name === "" || name.length > attachmentDefaults.nameMaxLength || hasControlCharacter(name))
    return { _tag: "Refused", reason: "name" }
  if (bytes.length === 0) return { _tag: "Refused", reason: "empty" }
  const kind = kinds.find((candidate) => candidate.is(bytes))
  if (kind === undefined) return { _tag: "Refused", reason: "type" }
  const declared = declaredType.split(";")[0]!.trim().toLowerCase()
  const contradicts = kinds.some((other) => other.type === declared) && declared !== kind.type
  if (contradicts) return { _tag: "Refused", reason: "declared" }
  const extension = name.includes(".") ? name.split(".").at(-1)!.toLowerCase() : ""
  if (!kind.extensions.includes(extension)) return { _tag: "Refused", reason: "extension" }
  return { _tag: "Accepted", type: kind.type }
}
