import type { NotificationKind, NotificationPayload, User, WorkflowAction } from "@sukoyaka/core"
import { Accounts, Notifications, Outbox } from "@sukoyaka/storage"
import { Effect } from "effect"
import { AdminUrl } from "./AdminUrl.ts"
import { mailText } from "./MailTemplates.ts"
import type { ReviewMoved } from "./Workflow.ts"

/** One thing to tell a set of users, in the app and by mail, once per user for `occasion`. */
export interface Notice {
  readonly kind: NotificationKind
  readonly planId: string | null
  readonly fiscalYear: number | null
  readonly initiativeNo: number | null
  readonly payload: NotificationPayload
  /** Why the mail is sent; with the recipient, it is sent once (Outbox's unique key). */
  readonly occasion: string
}

/**
 * Tells each user the notice: a mail queued in the user's language and, when that mail is new for
 * the occasion, the in-app notification. Run inside the caller's transaction: both are kept or
 * neither. How many users were told now (a repeated occasion tells nobody again).
 */
export const notify = (recipients: ReadonlyArray<User>, notice: Notice) =>
  Effect.gen(function* () {
    const outbox = yield* Outbox
    const notifications = yield* Notifications
    const adminUrl = yield* AdminUrl
    let told = 0
    for (const user of recipients) {
      const text = mailText(user.language, {
        kind: notice.kind,
        fiscalYear: notice.fiscalYear,
        payload: notice.payload,
        recipientName: user.displayName || user.email,
        adminUrl
      })
      const queued = yield* outbox.enqueue({
        occasion: notice.occasion,
        recipient: user.email,
        userId: user.id,
        language: user.language,
        subject: text.subject,
        body: text.body
      })
      if (!queued) continue
      yield* notifications.record([
        {
          userId: user.id,
          kind: notice.kind,
          planId: notice.planId,
          fiscalYear: notice.fiscalYear,
          initiativeNo: notice.initiativeNo,
          payload: notice.payload
        }
      ])
      told++
    }
    return told
  }).pipe(Effect.withSpan("notify", { attributes: { kind: notice.kind } }))

/** The enabled editors answering for one of `agencies`. */
export const editorsOf = (users: ReadonlyArray<User>, agencies: ReadonlyArray<string>) =>
  users.filter(
    (user) => !user.disabled && user.role === "editor" && user.agencies.some((agency) => agencies.includes(agency))
  )

/** The enabled admins: the secretariat. */
export const secretariat = (users: ReadonlyArray<User>) =>
  users.filter((user) => !user.disabled && user.role === "admin")

/** The workflow moves that tell someone, and what they are called then. */
const movesTold: Partial<Record<WorkflowAction, NotificationKind>> = {
  return: "returned",
  approve: "approved",
  submit: "submitted"
}

/**
 * Tells who a move concerns: a return or an approval the agency's editors, a submission (a
 * re-submission too) the secretariat. Never the one who moved it.
 */
export const notifyMove = (moved: ReviewMoved) =>
  Effect.gen(function* () {
    const kind = movesTold[moved.action]
    if (kind === undefined) return 0
    const users = yield* (yield* Accounts).listUsers
    const concerned = kind === "submitted" ? secretariat(users) : editorsOf(users, moved.initiative.agencies)
    const { after } = moved
    return yield* notify(
      concerned.filter((user) => user.id !== moved.actor.id),
      {
        kind,
        planId: after.planId,
        fiscalYear: after.fiscalYear,
        initiativeNo: after.initiativeNo,
        payload: {
          reviews: [{ no: moved.initiative.no, name: moved.initiative.name }],
          actor: moved.actor.label,
          ...(kind === "returned" ? { comment: after.statusComment } : {})
        },
        // The version after the move: each move is its own occasion, a repeated one is not.
        occasion: `${moved.action}:${after.planId}:${after.fiscalYear}:${after.initiativeNo}:v${after.version}`
      }
    )
  }).pipe(Effect.withSpan("notifyMove"))
