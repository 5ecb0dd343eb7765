import { Effect, Schema } from "effect"
import { AgencyId, AgencyName } from "../Agency.ts"
import { LabelJa } from "../Bilingual.ts"
import { AgencyDueDate, CalendarDate, Cycle, ReviewProgress, Standing } from "../Cycle.ts"
import { FiscalYear, FollowingFiscalYear } from "../FiscalYear.ts"
import { InitiativeNo } from "../Initiative.ts"
import { RolloverResult } from "./Rollover.ts"

/*
 * The review cycle's representations (#19): opening a year's round, changing its due dates or
 * closing it, and the state of the round (every review's task and a roll-up per agency).
 */

const AgencyDueDates = Schema.Array(AgencyDueDate)
  .check(Schema.isMaxLength(200))
  .annotate({
    title: "Due dates of agencies",
    description: "an agency's own due date instead of the cycle's; each agency at most once",
    [LabelJa]: "実施機関ごとの期限"
  })

export const CycleOpen = Schema.Struct({
  fiscalYear: FollowingFiscalYear,
  dueDate: CalendarDate.annotate({ title: "Due date", [LabelJa]: "提出期限" }),
  agencyDueDates: AgencyDueDates.pipe(Schema.withDecodingDefaultTypeKey(Effect.succeed([])))
}).annotate({ identifier: "CycleOpen", title: "Open a review cycle" })
export type CycleOpen = typeof CycleOpen.Type

export const CyclePatch = Schema.Struct({
  dueDate: Schema.optionalKey(CalendarDate.annotate({ title: "Due date", [LabelJa]: "提出期限" })),
  agencyDueDates: Schema.optionalKey(AgencyDueDates),
  closed: Schema.optionalKey(
    Schema.Boolean.annotate({ title: "Closed", description: "true closes the cycle, false reopens it" })
  )
}).annotate({ identifier: "CyclePatch", title: "Review cycle changes" })
export type CyclePatch = typeof CyclePatch.Type

export const CycleInitiative = Schema.Struct({
  initiativeNo: InitiativeNo,
  name: Schema.String,
  agencies: Schema.Array(Schema.String)
}).annotate({ identifier: "CycleInitiative" })
export type CycleInitiative = typeof CycleInitiative.Type

/** What opening a cycle would do, written nowhere. */
export const CyclePreview = Schema.Struct({
  fiscalYear: FiscalYear,
  fromFiscalYear: FiscalYear,
  alreadyOpen: Schema.Boolean.annotate({ description: "true: the cycle exists; opening it again is refused" }),
  rolledOver: Schema.Array(CycleInitiative).annotate({
    description: "drafts to be created from the previous year's review (its K/L planned)"
  }),
  blank: Schema.Array(CycleInitiative).annotate({
    description: "initiatives with no review the year before: they open with a blank draft"
  }),
  retired: Schema.Array(CycleInitiative).annotate({
    description: "in effect the year before but not in this year: left out"
  }),
  existing: Schema.Array(CycleInitiative).annotate({ description: "the year's review exists already: left alone" })
}).annotate({ identifier: "CyclePreview", title: "Preview of opening a review cycle" })
export type CyclePreview = typeof CyclePreview.Type

export const CycleOpened = Schema.Struct({ cycle: Cycle, rollover: RolloverResult }).annotate({
  identifier: "CycleOpened"
})
export type CycleOpened = typeof CycleOpened.Type

export const CycleTaskView = Schema.Struct({
  initiativeNo: InitiativeNo,
  fiscalYear: FiscalYear,
  name: Schema.String,
  agencies: Schema.Array(Schema.String),
  progress: ReviewProgress,
  dueDate: CalendarDate,
  daysLeft: Schema.Int.annotate({ description: "days until the due date; negative: days late" }),
  standing: Standing,
  statusComment: Schema.NullOr(Schema.String).annotate({ description: "the secretariat's comment of a return" })
}).annotate({ identifier: "CycleTask", title: "A review's task in the cycle" })
export type CycleTaskView = typeof CycleTaskView.Type

export const ProgressCounts = Schema.Struct({
  notStarted: Schema.Int,
  draft: Schema.Int,
  returned: Schema.Int,
  submitted: Schema.Int,
  changedAfterApproval: Schema.Int,
  approved: Schema.Int
}).annotate({ identifier: "ProgressCounts" })
export type ProgressCounts = typeof ProgressCounts.Type

export const AgencyRollup = Schema.Struct({
  agencyId: AgencyId,
  name: AgencyName,
  dueDate: CalendarDate,
  total: Schema.Int,
  counts: ProgressCounts,
  late: Schema.Int,
  dueSoon: Schema.Int
}).annotate({ identifier: "AgencyRollup", title: "One agency's reviews in the cycle" })
export type AgencyRollup = typeof AgencyRollup.Type

export const CycleStatus = Schema.Struct({
  cycle: Cycle,
  today: CalendarDate,
  agencies: Schema.Array(AgencyRollup),
  tasks: Schema.Array(CycleTaskView)
}).annotate({ identifier: "CycleStatus", title: "Where a review cycle stands" })
export type CycleStatus = typeof CycleStatus.Type

/** GET …/cycles/{fiscalYear}/tasks: the cycle's reviews as tasks, filtered as asked, late first. */
export const CycleTasks = Schema.Struct({
  cycle: Cycle,
  today: CalendarDate,
  tasks: Schema.Array(CycleTaskView)
}).annotate({ identifier: "CycleTasks" })
export type CycleTasks = typeof CycleTasks.Type
