import { Schema } from "effect"
import { type Bilingual, LabelJa } from "./Bilingual.ts"
import type { AgencyId } from "./Agency.ts"
import type { Initiative } from "./Initiative.ts"
import type { ReviewStatus } from "./Review.ts"

export const Role = Schema.Literals(["admin", "editor", "viewer"]).annotate({
  identifier: "Role",
  title: "Role",
  description: "admin: everything; editor: writes its agencies' reviews, reads all; viewer: reads",
  [LabelJa]: "権限"
})
export type Role = typeof Role.Type

export const roleLabel: Record<Role, Bilingual> = {
  admin: { ja: "管理者（事務局）", en: "Administrator" },
  editor: { ja: "編集者（実施機関）", en: "Editor" },
  viewer: { ja: "閲覧者", en: "Viewer" }
}

/** Who is acting: what every authorisation decision is made from. */
export interface Actor {
  readonly id: string
  readonly role: Role
  /** The agencies an editor answers for; ignored for admins and viewers. */
  readonly agencies: ReadonlyArray<AgencyId>
}

/** An editor may write a row when it answers for one of the row's agencies. */
export const answersFor = (actor: Actor, initiative: Pick<Initiative, "agencies">): boolean =>
  initiative.agencies.some((agency) => actor.agencies.includes(agency))

export const canEditReview = (
  actor: Actor,
  initiative: Pick<Initiative, "agencies">,
  status: ReviewStatus
): boolean => {
  if (actor.role === "admin") return true
  // Once submitted the row is the secretariat's to check: the agency waits for approval or return.
  return actor.role === "editor" && status === "draft" && answersFor(actor, initiative)
}

/**
 * The workflow moves: draft → submitted → approved, back to draft with a comment (return), the
 * agency taking its own submission back before it is checked (withdraw), and an approval reopened.
 */
export const WorkflowAction = Schema.Literals(["submit", "withdraw", "approve", "return", "reopen"]).annotate({
  identifier: "WorkflowAction",
  title: "Workflow action",
  description:
    "submit: draft→submitted; withdraw: submitted→draft by the agency itself, before approval; approve: submitted→approved; return: submitted→draft with a comment; reopen: approved→draft"
})
export type WorkflowAction = typeof WorkflowAction.Type

const moves: Record<
  WorkflowAction,
  { readonly from: ReviewStatus; readonly to: ReviewStatus; readonly by: ReadonlyArray<Role> }
> = {
  submit: { from: "draft", to: "submitted", by: ["admin", "editor"] },
  withdraw: { from: "submitted", to: "draft", by: ["admin", "editor"] },
  approve: { from: "submitted", to: "approved", by: ["admin"] },
  return: { from: "submitted", to: "draft", by: ["admin"] },
  reopen: { from: "approved", to: "draft", by: ["admin"] }
}

export type TransitionResult =
  | { readonly _tag: "Allowed"; readonly to: ReviewStatus }
  | { readonly _tag: "Forbidden" }
  | { readonly _tag: "InvalidTransition"; readonly from: ReviewStatus }

/** Whether `actor` may apply `action` to a review in `status`; a return needs no check here but a comment. */
export const transition = (
  actor: Actor,
  initiative: Pick<Initiative, "agencies">,
  status: ReviewStatus,
  action: WorkflowAction
): TransitionResult => {
  const move = moves[action]
  if (!move.by.includes(actor.role)) return { _tag: "Forbidden" }
  if (actor.role === "editor" && !answersFor(actor, initiative)) return { _tag: "Forbidden" }
  if (status !== move.from) return { _tag: "InvalidTransition", from: status }
  return { _tag: "Allowed", to: move.to }
}
