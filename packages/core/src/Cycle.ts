import { Schema } from "effect"
import { DateTimeText } from "./DateTimeText.ts"
import { AgencyId } from "./Agency.ts"
import { type Bilingual, LabelJa, MessageBilingual } from "./Bilingual.ts"
import { answersWith } from "./DomainError.ts"
import { FiscalYear } from "./FiscalYear.ts"
import type { Initiative, InitiativeNo } from "./Initiative.ts"
import { PlanId } from "./Plan.ts"
import type { Review } from "./Review.ts"

/** A day in the city's calendar (Japan Standard Time), written `2026-05-31`. */
const calendarDateMessage = {
  [MessageBilingual]: {
    ja: "日付は 2026-05-31 の形で、実在する日を指定してください",
    en: "a date is written 2026-05-31 and must exist"
  }
}
export const CalendarDate = Schema.String.check(
  Schema.isPattern(/^\d{4}-\d{2}-\d{2}$/u, calendarDateMessage),
  Schema.makeFilter((text: string) => isCalendarDate(text), calendarDateMessage)
).annotate({
  identifier: "CalendarDate",
  title: "Date",
  description: "a calendar day in Japan Standard Time, YYYY-MM-DD",
  examples: ["2026-05-31"],
  [LabelJa]: "日付"
})
export type CalendarDate = typeof CalendarDate.Type

const isCalendarDate = (text: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false
  const date = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text
}

/** Today in Japan Standard Time: what "due on 31 May" means to the city. */
export const todayInJapan = (now: Date): CalendarDate =>
  new Date(now.getTime() + 9 * 60 * 60 * 1000).toISOString().slice(0, 10)

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: CalendarDate, to: CalendarDate): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)

/** An agency's own due date, when the secretariat gives it more (or less) time than the rest. */
export const AgencyDueDate = Schema.Struct({ agencyId: AgencyId, dueDate: CalendarDate }).annotate({
  identifier: "AgencyDueDate",
  title: "Due date of one agency"
})
export type AgencyDueDate = typeof AgencyDueDate.Type

/**
 * One fiscal year's review round (the C of PDCA): the secretariat opens it (the year's drafts are
 * rolled over from the year before), agencies report by the due date, the secretariat closes it.
 */
export const Cycle = Schema.Struct({
  planId: PlanId,
  fiscalYear: FiscalYear,
  dueDate: CalendarDate,
  agencyDueDates: Schema.Array(AgencyDueDate),
  openedAt: DateTimeText.annotate({ title: "Opened at", description: "ISO 8601 date-time" }),
  closedAt: Schema.NullOr(DateTimeText).annotate({ title: "Closed at", description: "ISO 8601 date-time" }),
  version: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)).annotate({
    title: "Version",
    description: "increases with every change; the ETag"
  })
}).annotate({ identifier: "Cycle", title: "Review cycle", [LabelJa]: "年度の評価サイクル" })
export type Cycle = typeof Cycle.Type

export class CycleNotFound extends Schema.TaggedError<CycleNotFound>()(
  "CycleNotFound",
  { planId: Schema.String, fiscalYear: Schema.Number },
  answersWith(404)
) {
  override get message() {
    return `no review cycle is open for FY${this.fiscalYear}`
  }
}

export class CycleAlreadyOpen extends Schema.TaggedError<CycleAlreadyOpen>()(
  "CycleAlreadyOpen",
  { planId: Schema.String, fiscalYear: Schema.Number },
  answersWith(409)
) {
  override get message() {
    return `the review cycle of FY${this.fiscalYear} is already open`
  }
}

/** The due date that applies to an agency: its own, or the cycle's. */
export const dueDateOf = (cycle: Pick<Cycle, "dueDate" | "agencyDueDates">, agencyId: string): CalendarDate =>
  cycle.agencyDueDates.find((entry) => entry.agencyId === agencyId)?.dueDate ?? cycle.dueDate

/** A review's due date: the earliest of its agencies' (any of them may be chased). */
export const reviewDueDate = (
  cycle: Pick<Cycle, "dueDate" | "agencyDueDates">,
  agencies: ReadonlyArray<string>
): CalendarDate =>
  agencies.length === 0
    ? cycle.dueDate
    : agencies.map((agency) => dueDateOf(cycle, agency)).reduce((a, b) => (b < a ? b : a))

/**
 * Where a review stands, as people speak of it: not started (a fresh draft), draft, returned (a
 * draft with the secretariat's comment), submitted, changed after approval (submitted again after
 * an approved version was changed), approved.
 */
export const ReviewProgress = Schema.Literals([
  "notStarted",
  "draft",
  "returned",
  "submitted",
  "changedAfterApproval",
  "approved"
]).annotate({
  identifier: "ReviewProgress",
  title: "Progress",
  description:
    "notStarted: an untouched draft; draft; returned: a draft with the secretariat's comment; submitted; changedAfterApproval: submitted again after an approved version changed; approved",
  [LabelJa]: "進捗"
})
export type ReviewProgress = typeof ReviewProgress.Type

export const reviewProgressLabel: Record<ReviewProgress, Bilingual> = {
  notStarted: { ja: "未着手", en: "Not started" },
  draft: { ja: "作成中", en: "Draft" },
  returned: { ja: "差戻し", en: "Returned" },
  submitted: { ja: "提出済み", en: "Submitted" },
  changedAfterApproval: { ja: "承認後に変更（再承認待ち）", en: "Changed after approval" },
  approved: { ja: "承認済み", en: "Approved" }
}

export const progressOf = (
  review: Pick<
    Review,
    "status" | "statusComment" | "approvedVersion" | "actions" | "resultText" | "ratingReason" | "selfRating"
  >
): ReviewProgress => {
  switch (review.status) {
    case "approved":
      return "approved"
    case "submitted":
      return review.approvedVersion === null ? "submitted" : "changedAfterApproval"
    case "draft":
      if (review.statusComment !== null) return "returned"
      return review.actions === "" &&
        review.resultText === "" &&
        review.ratingReason === "" &&
        review.selfRating === null
        ? "notStarted"
        : "draft"
  }
}

/** Still the agency's to do: nothing the secretariat holds. */
export const awaitsAgency = (progress: ReviewProgress): boolean =>
  progress === "notStarted" || progress === "draft" || progress === "returned"

/** How close a review is to its due date: late, due soon (within `soonDays`), later, or handed in. */
export const Standing = Schema.Literals(["late", "dueSoon", "open", "handedIn"]).annotate({
  identifier: "Standing",
  title: "Standing against the due date",
  description: "late: past due and still with the agency; dueSoon: due within the warning days; open; handedIn"
})
export type Standing = typeof Standing.Type

export const standingLabel: Record<Standing, Bilingual> = {
  late: { ja: "期限超過", en: "Late" },
  dueSoon: { ja: "期限間近", en: "Due soon" },
  open: { ja: "期限内", en: "Open" },
  handedIn: { ja: "提出済み", en: "Handed in" }
}

/** One review's task in a cycle: who owes it, by when, and how it stands on `today`. */
export interface CycleTask {
  readonly initiativeNo: InitiativeNo
  readonly name: string
  readonly agencies: ReadonlyArray<string>
  readonly progress: ReviewProgress
  readonly dueDate: CalendarDate
  /** Days left until the due date (negative: days late). */
  readonly daysLeft: number
  readonly standing: Standing
  readonly statusComment: string | null
}

/** The days before the due date from which a review counts as due soon (and a reminder goes out). */
export const DUE_SOON_DAYS = 7

export const cycleTasks = (
  cycle: Pick<Cycle, "dueDate" | "agencyDueDates" | "closedAt">,
  initiatives: ReadonlyArray<Pick<Initiative, "no" | "name" | "agencies">>,
  reviews: ReadonlyArray<Review>,
  today: CalendarDate,
  soonDays: number = DUE_SOON_DAYS
): ReadonlyArray<CycleTask> => {
  const byNo = new Map(initiatives.map((initiative) => [initiative.no as number, initiative]))
  return reviews.flatMap((review) => {
    const initiative = byNo.get(review.initiativeNo)
    if (initiative === undefined) return []
    const progress = progressOf(review)
    const dueDate = reviewDueDate(cycle, initiative.agencies)
    const daysLeft = daysBetween(today, dueDate)
    const standing: Standing = !awaitsAgency(progress)
      ? "handedIn"
      : daysLeft < 0
        ? "late"
        : daysLeft <= soonDays
          ? "dueSoon"
          : "open"
    return [
      {
        initiativeNo: initiative.no,
        name: initiative.name,
        agencies: initiative.agencies,
        progress,
        dueDate,
        daysLeft,
        standing,
        statusComment: review.statusComment
      }
    ]
  })
}
