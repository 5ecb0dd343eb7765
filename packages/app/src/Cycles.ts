import {
  type AgencyDueDate,
  answersWith,
  type CalendarDate,
  type Cycle,
  CycleAlreadyOpen,
  type CycleInitiative,
  type CycleOpened,
  type CyclePatch,
  type CyclePreview,
  expectedIn,
  Explanation,
  type FiscalYear,
  type Initiative,
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

/** The ids of the plan's agencies. */
export const agencyIds = (planId: string) =>
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
      const path = `agencyDueDates[${index}].agencyId`
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
    const rolledOver: Array<CycleInitiative> = []
    const blank: Array<CycleInitiative> = []
    const retired: Array<CycleInitiative> = []
    const there: Array<CycleInitiative> = []
    for (const initiative of initiatives) {
      if (!expectedIn(initiative, fiscalYear)) {
        if (expectedIn(initiative, previousYear) || previous.has(initiative.no)) retired.push(item(initiative))
      } else if (existing.has(initiative.no)) there.push(item(initiative))
      else if (previous.has(initiative.no)) rolledOver.push(item(initiative))
      else blank.push(item(initiative))
    }
    const preview: CyclePreview = {
      fiscalYear,
      fromFiscalYear: previousYear,
      alreadyOpen: (yield* (yield* Cycles).find(planId, fiscalYear))._tag === "Some",
      rolledOver,
      blank,
      retired,
      existing: there
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
