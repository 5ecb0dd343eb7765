import { Schema } from "effect"
import { DateTimeText } from "../DateTimeText.ts"
import { LabelJa, MessageBilingual } from "../Bilingual.ts"
import { AttachmentType, COMMENT_MAX_LENGTH } from "../Dialogue.ts"
import { FiscalYear } from "../FiscalYear.ts"
import { ReviewStatus } from "../Review.ts"
import { Problem } from "./Problem.ts"

/** A comment's text: something to read (not only spaces), at most 2000 characters. */
export const CommentBody = Schema.String.check(
  Schema.isPattern(/\S/u, { [MessageBilingual]: { ja: "コメントを入力してください", en: "write a comment" } }),
  Schema.isMaxLength(COMMENT_MAX_LENGTH, {
    [MessageBilingual]: {
      ja: `コメントは${COMMENT_MAX_LENGTH}文字以内です`,
      en: `a comment may have at most ${COMMENT_MAX_LENGTH} characters`
    }
  })
).annotate({ title: "Comment", [LabelJa]: "コメント" })

/** The body of POST …/comments. */
export const CommentPost = Schema.Struct({ body: CommentBody }).annotate({
  identifier: "CommentPost",
  title: "New comment"
})

/** One comment of a review's thread: who wrote it (a user's display name) and when. */
export const ReviewComment = Schema.Struct({
  id: Schema.Int,
  author: Schema.String,
  authorId: Schema.NullOr(Schema.String),
  body: Schema.String,
  at: DateTimeText.annotate({ description: "ISO-8601 UTC" })
}).annotate({ identifier: "ReviewComment", title: "Review comment" })
export type ReviewComment = typeof ReviewComment.Type

/** A file kept on a review, without its bytes (GET …/attachments/{id} downloads them). */
export const ReviewAttachment = Schema.Struct({
  id: Schema.Int,
  name: Schema.String,
  contentType: AttachmentType,
  size: Schema.Int.annotate({ description: "bytes" }),
  sha256: Schema.String.annotate({ description: "hex SHA-256 of the bytes" }),
  uploadedBy: Schema.String,
  uploadedById: Schema.NullOr(Schema.String),
  at: DateTimeText.annotate({ description: "ISO-8601 UTC" }),
  mayDelete: Schema.Boolean.annotate({ description: "whether the caller may delete it (its uploader or an admin)" })
}).annotate({ identifier: "ReviewAttachment", title: "Review attachment" })
export type ReviewAttachment = typeof ReviewAttachment.Type

/** Which reviews a bulk move concerns, each with the version the secretariat saw (its ETag's number). */
export const BulkReviewItem = Schema.Struct({
  no: Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 9999 })),
  fiscalYear: FiscalYear,
  version: Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 2_147_483_647 }))
})

/** The body of POST /plans/{planId}/reviews/status: approve or return several submitted reviews. */
export const BulkStatusChange = Schema.Struct({
  action: Schema.Literals(["approve", "return"]),
  comment: Schema.optional(Schema.String.check(Schema.isMaxLength(COMMENT_MAX_LENGTH))),
  reviews: Schema.Array(BulkReviewItem).check(
    Schema.isMinLength(1, { [MessageBilingual]: { ja: "評価を選んでください", en: "choose at least one review" } }),
    Schema.isMaxLength(500, { [MessageBilingual]: { ja: "一度に500件までです", en: "at most 500 reviews at once" } })
  )
}).annotate({ identifier: "BulkStatusChange", title: "Bulk workflow move" })
export type BulkStatusChange = typeof BulkStatusChange.Type

/** What became of one review of a bulk move: its new status and version, or the problem that stopped it. */
export const BulkItemResult = Schema.Union([
  Schema.Struct({
    no: Schema.Int,
    fiscalYear: Schema.Int,
    ok: Schema.Literal(true),
    status: ReviewStatus,
    version: Schema.Int
  }),
  Schema.Struct({
    no: Schema.Int,
    fiscalYear: Schema.Int,
    ok: Schema.Literal(false),
    problem: Problem
  })
]).annotate({ identifier: "BulkItemResult", title: "Result of one review in a bulk move" })
export type BulkItemResult = typeof BulkItemResult.Type

export const BulkStatusResult = Schema.Struct({
  succeeded: Schema.Int,
  failed: Schema.Int,
  results: Schema.Array(BulkItemResult)
}).annotate({ identifier: "BulkStatusResult", title: "Bulk workflow result" })
export type BulkStatusResult = typeof BulkStatusResult.Type
