import { type CalendarDate, type Cycle, cycleTasks, type CycleTask, DUE_SOON_DAYS, type User } from "@sukoyaka/core"
import { Accounts, Cycles, Initiatives, Outbox, Plans, Reviews } from "@sukoyaka/storage"
import { Effect } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import { editorsOf, type Notice, notify } from "./Notifications.ts"

/** One reminder: to one editor, about the reviews of its agencies due on one date (soon or past). */
export interface Reminder {
  readonly user: User
  readonly notice: Notice
  readonly dueDate: CalendarDate
  readonly tasks: ReadonlyArray<CycleTask>
}

const stageOf = (task: CycleTask) => (task.standing === "late" ? "overdue" : "dueSoon")

/** The reminders a cycle calls for on `today`: per editor, due date and stage (due soon, overdue). */
export const cycleReminders = (
  cycle: Cycle,
  tasks: ReadonlyArray<CycleTask>,
  users: ReadonlyArray<User>
): ReadonlyArray<Reminder> => {
  const chased = tasks.filter((task) => task.standing === "late" || task.standing === "dueSoon")
  return users.flatMap((user) => {
    const own = chased.filter((task) => editorsOf([user], task.agencies).length > 0)
    const groups = new Map<string, Array<CycleTask>>()
    for (const task of own) {
      const group = `${stageOf(task)}:${task.dueDate}`
      groups.set(group, [...(groups.get(group) ?? []), task])
    }
    return [...groups].map(([group, grouped]): Reminder => {
      const kind = stageOf(grouped[0]!)
      const dueDate = grouped[0]!.dueDate
      return {
        user,
        dueDate,
        tasks: grouped,
        notice: {
          kind,
          planId: cycle.planId,
          fiscalYear: cycle.fiscalYear,
          initiativeNo: null,
          payload: { reviews: grouped.map((task) => ({ no: task.initiativeNo, name: task.name })), dueDate },
          occasion: `reminder:${cycle.planId}:${cycle.fiscalYear}:${group}:${user.id}`
        }
      }
    })
  })
}

/** Every reminder due on `day` in every open cycle of every plan, and whether it went out already. */
export const dueReminders = (day: CalendarDate, soonDays: number = DUE_SOON_DAYS) =>
  Effect.gen(function* () {
    const outbox = yield* Outbox
    const users = yield* (yield* Accounts).listUsers
    const plans = yield* (yield* Plans).list
    const reminders: Array<Reminder & { readonly sent: boolean }> = []
    for (const plan of plans) {
      const cycles = (yield* (yield* Cycles).list(plan.id)).filter((cycle) => cycle.closedAt === null)
      if (cycles.length === 0) continue
      const initiatives = yield* (yield* Initiatives).list(plan.id)
      for (const cycle of cycles) {
        const reviews = yield* (yield* Reviews).listByYear(plan.id, cycle.fiscalYear)
        const tasks = cycleTasks(cycle, initiatives, reviews, day, soonDays)
        for (const reminder of cycleReminders(cycle, tasks, users))
          reminders.push({ ...reminder, sent: yield* outbox.has(reminder.user.email, reminder.notice.occasion) })
      }
    }
    return reminders
  }).pipe(Effect.withSpan("dueReminders"))

/**
 * Queues the reminders due on `day` that have not gone out (to each editor once per cycle, stage
 * and due date, however often and by how many processes this runs), each with its in-app notice.
 */
export const queueReminders = (day: CalendarDate) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    let queued = 0
    for (const reminder of yield* dueReminders(day)) {
      if (reminder.sent) continue
      queued += yield* sql.withTransaction(notify([reminder.user], reminder.notice))
    }
    return queued
  }).pipe(Effect.catchTag("SqlError", Effect.die), Effect.withSpan("queueReminders"))
