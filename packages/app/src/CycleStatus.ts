import {
  type Actor,
  type AgencyRollup,
  type CycleStatus,
  type CycleTaskView,
  cycleTasks,
  dueDateOf,
  type FiscalYear,
  type ProgressCounts,
  type Standing
} from "@sukoyaka/core"
import { Cycles, Initiatives, Plans, Reviews } from "@sukoyaka/storage"
import { Effect } from "effect"
import { agencyIds, CycleAgencyInvalid, today } from "./Cycles.ts"

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
