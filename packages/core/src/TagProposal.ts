import { Schema } from "effect"
import { type Actor, answersFor } from "./Access.ts"
import { MessageBilingual } from "./Bilingual.ts"
import { answersWith, Explanation } from "./DomainError.ts"
import type { Initiative } from "./Initiative.ts"
import { MeasureTagInput, TagRationale } from "./MeasureTag.ts"

/**
 * A tag an agency proposes for its own initiative in its review (#24), when the city switches
 * proposals on (FrameworkSettings.tagProposals). The secretariat accepts it (it becomes a tag) or
 * declines it (with an optional reason); the proposer sees the outcome.
 */
export const TagProposalStatus = Schema.Literals(["pending", "accepted", "declined"]).annotate({
  identifier: "TagProposalStatus"
})
export type TagProposalStatus = typeof TagProposalStatus.Type

/** What an agency proposes: a tag as the secretariat would write it, with the reason it gives. */
export const TagProposalInput = Schema.Struct({
  ...MeasureTagInput.fields,
  rationale: TagRationale.check(
    Schema.isMinLength(1, {
      [MessageBilingual]: { ja: "提案の理由を入力してください", en: "say why the initiative serves the measure" }
    })
  )
}).annotate({ identifier: "TagProposalInput", title: "A proposed national measure tag" })
export type TagProposalInput = typeof TagProposalInput.Type

export const DeclineReason = Schema.String.check(
  Schema.isMaxLength(500, {
    [MessageBilingual]: { ja: "理由は500文字以内です", en: "the reason is at most 500 characters" }
  })
)

export const TagProposalDecline = Schema.Struct({
  reason: Schema.optionalKey(DeclineReason)
}).annotate({ identifier: "TagProposalDecline", title: "Declining a proposed tag" })

export const TagProposal = Schema.Struct({
  id: Schema.Int,
  planId: Schema.String,
  initiativeNo: Schema.Int,
  tag: MeasureTagInput,
  status: TagProposalStatus,
  proposedBy: Schema.String.annotate({ description: "the proposer, as the reader may see them" }),
  proposedById: Schema.NullOr(Schema.String),
  proposedAt: Schema.String,
  decidedBy: Schema.NullOr(Schema.String),
  decidedAt: Schema.NullOr(Schema.String),
  declineReason: Schema.String.annotate({ description: "the secretariat's reason for declining; empty otherwise" }),
  version: Schema.Int.annotate({ description: "1 when proposed, 2 once decided; the ETag" })
}).annotate({ identifier: "TagProposal", title: "A proposed national measure tag" })
export type TagProposal = typeof TagProposal.Type

/** Administrators, and the editors of the initiative's agencies, propose; viewers and other agencies do not. */
export const canProposeTag = (actor: Actor, initiative: Pick<Initiative, "agencies">): boolean =>
  actor.role === "admin" || (actor.role === "editor" && answersFor(actor, initiative))

export class TagProposalForbidden extends Schema.TaggedError<TagProposalForbidden>()(
  "TagProposalForbidden",
  {},
  answersWith(403)
) {
  override get message() {
    return "only the editors of the initiative's agencies (and administrators) propose its tags"
  }
}

/** The city has not switched proposals on (FrameworkSettings.tagProposals). */
export class TagProposalsOff extends Schema.TaggedError<TagProposalsOff>()("TagProposalsOff", {}, answersWith(409)) {
  override get message() {
    return "the city has not switched tag proposals on (framework settings: tagProposals)"
  }
  get [Explanation]() {
    return [
      {
        path: "",
        ja: "この計画では、実施機関からの国の施策の提案を受け付けていません（事務局の設定）",
        en: "this plan does not take proposals of national measures from agencies (the secretariat's setting)"
      }
    ]
  }
}

export class TagProposalNotFound extends Schema.TaggedError<TagProposalNotFound>()(
  "TagProposalNotFound",
  { id: Schema.Number },
  answersWith(404)
) {
  override get message() {
    return `no tag proposal ${this.id} on this initiative`
  }
}

/** A proposal already accepted or declined is not decided again. */
export class TagProposalDecided extends Schema.TaggedError<TagProposalDecided>()(
  "TagProposalDecided",
  { id: Schema.Number, status: TagProposalStatus },
  answersWith(409)
) {
  override get message() {
    return `the proposal was already ${this.status}`
  }
  get [Explanation]() {
    const ja = this.status === "accepted" ? "採用済み" : "不採用済み"
    return [{ path: "", ja: `この提案は既に${ja}です`, en: `the proposal was already ${this.status}` }]
  }
}
