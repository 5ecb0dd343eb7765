import {
  type Actor,
  type AgencyDueDate,
  type AgencyRollup,
  answersWith,
  type CalendarDate,
  type Cycle,
  CycleAlreadyOpen,
  type CycleInitiative,
  type CycleOpened,
  type CyclePatch,
  type CyclePreview,
  type CycleStatus,
  type CycleTaskView,
  cycleTasks,
  dueDateOf,
  expectedIn,
  Explanation,
  type FiscalYear,
  type Initiative,
  type ProgressCounts,
  type Standing,
  todayInJapan
} from "@sukoyaka/core"
import { type AuditActor, Cycles, Initiatives, Plans, Reviews } from "@sukoyaka/storage"
import { Clock, Effect, Schema } from "effect"
import { rollover } from "./Rollover.ts"

/** A due date names an agency the plan does not have (or names one twice): said at the field. */
export class CycleAgencyInvalid extends Schema.TaggedError<CycleAgencyInvalid>()(
  "CycleAgencyInvalid",
  { path: Schema.String, agencyId: Schema.String, reason: Schema.Literals(["unknown", "duplicate"]) },
  answersWith(422)
) {
  override get message() {
    return this.reason === "unknown"
      ? `the plan has no agency ${this.agencyId}`
      : `the agency ${this.agencyId} has two due dates`
  }
  get [Explanation]() {
    const path = this.path
    return this.reason === "unknown"
      ? [
          {
            path,
            ja: `実施機関「${this.agencyId}」はこの計画にありません`,
            en: `the plan has no agency ${this.agencyId}`
          }
        ]
      : [
          {
            path,
            ja: `実施機関「${this.agencyId}」の期限が二つ指定されています`,
            en: `the agency ${this.agencyId} is given two due dates`
          }
        ]
  }
}

/** A closed cycle keeps its due dates as they were: reopen it first. */
export class CycleClosed extends Schema.TaggedError<CycleClosed>()(
  "CycleClosed",
  { fiscalYear: Schema.Number },
  answersWith(409)
) {
  override get message() {
    return `the review cycle of FY${this.fiscalYear} is closed: reopen it to change its due dates`
  }
}

/** Today in Japan, from Effect's clock (a test sets it with TestClock). */
export const today: Effect.Effect<CalendarDate> = Effect.map(Clock.currentTimeMillis, (ms) =>
  todayInJapan(new Date(ms))
)

const nowIso = Effect.map(Clock.currentTimeMillis, (ms) => new Date(ms).toISOString())

const item = (initiative: Pick<Initiative, "no" | "name" | "agencies">): CycleInitiative => ({
  initiativeNo: initiative.no,
  name: initiative.name,
  agencies: initiative.agencies
})

const agencyIds = (planId: string) =>
  Effect.map(
    Plans.use((plans) => plans.agencies(planId)),
    (agencies) => new Set(agencies.map((agency) => agency.id as string))
  )

/** Every agency of `dueDates` exists in the plan, once. */
const checkAgencies = (planId: string, dueDates: ReadonlyArray<AgencyDueDate>) =>
  Effect.gen(function* () {
    const known = yield* agencyIds(planId)
    const seen = new Set<string>()
    for (const [index, { agencyId }] of dueDates.entries()) {
      const path = `agencyDueDates.${index}.agencyId`
      if (!known.has(agencyId)) return yield* new CycleAgencyInvalid({ path, agencyId, reason: "unknown" })
      if (seen.has(agencyId)) return yield* new CycleAgencyInvalid({ path, agencyId, reason: "duplicate" })
      seen.add(agencyId)
    }
  })

/**
 * What opening FY `fiscalYear`'s cycle would do, by the rules `rollover` follows: a draft rolled
 * over per initiative in effect with a review the year before, a blank one per initiative new in
 * the year; retired initiatives get none, and reviews already there are left alone.
 */
export const previewCycle = (planId: string, fiscalYear: FiscalYear) =>
  Effect.gen(function* () {
    yield* (yield* Plans).get(planId)
    const reviews = yield* Reviews
    const initiatives = yield* (yield* Initiatives).list(planId)
    const previousYear = (fiscalYear - 1) as FiscalYear
    const previous = new Set((yield* reviews.listByYear(planId, previousYear)).map((r) => r.initiativeNo as number))
    const existing = new Set((yield* reviews.listByYear(planId, fiscalYear)).map((r) => r.initiativeNo as number))
    const preview: CyclePreview = {
      fiscalYear,
      fromFiscalYear: previousYear,
      alreadyOpen: (yield* (yield* Cycles).find(planId, fiscalYear))._tag === "Some",
      rolledOver: [],
      blank: [],
      retired: [],
      existing: []
    }
    const lists = preview as { -readonly [K in keyof CyclePreview]: Array<CycleInitiative> }
    for (const initiative of initiatives) {
      if (!expectedIn(initiative, fiscalYear)) {
        if (expectedIn(initiative, previousYear) || previous.has(initiative.no)) lists.retired.push(item(initiative))
      } else if (existing.has(initiative.no)) lists.existing.push(item(initiative))
      else if (previous.has(initiative.no)) lists.rolledOver.push(item(initiative))
      else lists.blank.push(item(initiative))
    }
    return preview
  }).pipe(Effect.withSpan("previewCycle"))

/**
 * Opens FY `fiscalYear`'s round: the year's drafts rolled over (those there already are kept), then
 * the cycle with its due dates, audited. A year opened before is refused (409) before anything is
 * written; a rollover repeated after a failure creates only what is missing.
 */
export const openCycle = (
  audit: AuditActor,
  planId: string,
  fiscalYear: FiscalYear,
  dueDate: CalendarDate,
  agencyDueDates: ReadonlyArray<AgencyDueDate>
) =>
  Effect.gen(function* () {
    yield* (yield* Plans).get(planId)
    const cycles = yield* Cycles
    if ((yield* cycles.find(planId, fiscalYear))._tag === "Some")
      return yield* new CycleAlreadyOpen({ planId, fiscalYear })
    yield* checkAgencies(planId, agencyDueDates)
    const result = yield* rollover(planId, fiscalYear, audit)
    const cycle: Cycle = {
      planId: planId as Cycle["planId"],
      fiscalYear,
      dueDate,
      agencyDueDates,
      openedAt: yield* nowIso,
      closedAt: null,
      version: 1
    }
    if (!(yield* cycles.insert(audit, cycle))) return yield* new CycleAlreadyOpen({ planId, fiscalYear })
    const opened: CycleOpened = { cycle, rollover: result }
    return opened
  }).pipe(Effect.withSpan("openCycle"))

/**
 * Changes a cycle's due dates, closes it (`closed: true`) or reopens it (`false`), based on the
 * version the caller read. A closed cycle's due dates stay as they were unless it is reopened.
 */
export const changeCycle = (
  audit: AuditActor,
  planId: string,
  fiscalYear: FiscalYear,
  expectedVersion: number,
  patch: CyclePatch
) =>
  Effect.gen(function* () {
    yield* (yield* Plans).get(planId)
    const cycles = yield* Cycles
    const current = yield* cycles.get(planId, fiscalYear)
    const changesDates = patch.dueDate !== undefined || patch.agencyDueDates !== undefined
    const closedAfter = patch.closed ?? current.closedAt !== null
    if (changesDates && closedAfter) return yield* new CycleClosed({ fiscalYear })
    if (patch.agencyDueDates !== undefined) yield* checkAgencies(planId, patch.agencyDueDates)
    const now = yield* nowIso
    const action =
      patch.closed === true && current.closedAt === null
        ? "close"
        : patch.closed === false && current.closedAt !== null
          ? "reopen"
          : "update"
    return yield* cycles.write(audit, planId, fiscalYear, expectedVersion, action, (cycle) => ({
      ...cycle,
      ...(patch.dueDate === undefined ? {} : { dueDate: patch.dueDate }),
      ...(patch.agencyDueDates === undefined ? {} : { agencyDueDates: patch.agencyDueDates }),
      closedAt: closedAfter ? (cycle.closedAt ?? now) : null
    }))
  }).pipe(Effect.withSpan("changeCycle"))

const noCounts = (): { -readonly [K in keyof ProgressCounts]: number } => ({
  notStarted: 0,
  draft: 0,
  returned: 0,
  submitted: 0,
  changedAfterApproval: 0,
  approved: 0
})

/**
 * Where FY `fiscalYear`'s round stands today: every review's task (its due date, progress and
 * standing) and, per agency named by any of them, its due date, counts per progress, late and due soon.
 * A review of several agencies counts for each of them.
 */
export const cycleStatus = (planId: string, fiscalYear: FiscalYear) =>
  Effect.gen(function* () {
    const plans = yield* Plans
    yield* plans.get(planId)
    const cycle = yield* (yield* Cycles).get(planId, fiscalYear)
    const initiatives = yield* (yield* Initiatives).list(planId)
    const reviews = yield* (yield* Reviews).listByYear(planId, fiscalYear)
    const day = yield* today
    const tasks: ReadonlyArray<CycleTaskView> = cycleTasks(cycle, initiatives, reviews, day).map((task) => ({
      ...task,
      fiscalYear
    }))
    const agencies: Array<AgencyRollup> = []
    for (const agency of yield* plans.agencies(planId)) {
      const own = tasks.filter((task) => task.agencies.includes(agency.id))
      if (own.length === 0) continue
      const counts = noCounts()
      for (const task of own) counts[task.progress] += 1
      const count = (standing: Standing) => own.filter((task) => task.standing === standing).length
      agencies.push({
        agencyId: agency.id,
        name: agency.name,
        dueDate: dueDateOf(cycle, agency.id),
        total: own.length,
        counts,
        late: count("late"),
        dueSoon: count("dueSoon")
      })
    }
    const status: CycleStatus = { cycle, today: day, agencies, tasks }
    return status
  }).pipe(Effect.withSpan("cycleStatus"))

/** Which tasks a list shows: by standing, by agency, and `mine` (the actor's agencies only). */
export interface TaskFilter {
  readonly standings?: ReadonlyArray<Standing>
  readonly agency?: string
  readonly mine?: boolean
}

export const filterTasks = (
  tasks: ReadonlyArray<CycleTaskView>,
  actor: Pick<Actor, "agencies">,
  filter: TaskFilter
): ReadonlyArray<CycleTaskView> =>
  tasks.filter(
    (task) =>
      (filter.standings === undefined || filter.standings.length === 0 || filter.standings.includes(task.standing)) &&
      (filter.agency === undefined || task.agencies.includes(filter.agency)) &&
      (filter.mine !== true || task.agencies.some((agency) => actor.agencies.includes(agency as never)))
  )

/**
 * The tasks of FY `fiscalYear` filtered as asked, late first (most days late first), then by due
 * date and number. An unknown agency is a 422 at the query's field.
 */
export const cycleTaskList = (
  planId: string,
  fiscalYear: FiscalYear,
  actor: Pick<Actor, "agencies">,
  filter: TaskFilter
) =>
  Effect.gen(function* () {
    const agency = filter.agency
    if (agency !== undefined && !(yield* agencyIds(planId)).has(agency))
      return yield* new CycleAgencyInvalid({ path: "query.agency", agencyId: agency, reason: "unknown" })
    const status = yield* cycleStatus(planId, fiscalYear)
    const tasks = [...filterTasks(status.tasks, actor, filter)].sort(
      (a, b) => a.daysLeft - b.daysLeft || a.initiativeNo - b.initiativeNo
    )
    return { cycle: status.cycle, today: status.today, tasks }
  })

/**
 * The cycle the secretariat is running: the latest one not closed, if any. What the home page and
 * the dashboard show without being told a year.
 */
export const currentCycle = (planId: string) =>
  Effect.map(
    Effect.flatMap(
      Plans.use((plans) => plans.get(planId)),
      () => Cycles.use((cycles) => cycles.list(planId))
    ),
    (cycles) => cycles.filter((cycle) => cycle.closedAt === null).at(-1)
  )

/** "Your tasks": the reviews the actor's agencies still owe in the open cycle (none without one). */
export const tasksOf = (planId: string, actor: Pick<Actor, "agencies">) =>
  Effect.gen(function* () {
    const cycle = yield* currentCycle(planId)
    if (cycle === undefined) return []
    const list = yield* cycleTaskList(planId, cycle.fiscalYear, actor, {
      standings: ["late", "dueSoon", "open"],
      mine: true
    })
    return list.tasks
  })
