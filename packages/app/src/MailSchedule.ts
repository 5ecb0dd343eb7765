import { Cause, Duration, Effect, Schedule } from "effect"
import type { MailConfig } from "./Configuration.ts"
import { deliverOutbox } from "./Mail.ts"
import { today } from "./Cycles.ts"
import { queueReminders } from "./Reminders.ts"

/** What the schedule tells its process's log. */
export type MailScheduleEvent =
  | { readonly type: "reminders"; readonly queued: number }
  | { readonly type: "delivered"; readonly sent: number; readonly failed: number }
  | { readonly type: "error"; readonly task: "reminders" | "delivery"; readonly message: string }

/** Runs `task` now and then every `every`, forever; a failure is reported and the next round runs. */
const everyRound = <A, E, R>(
  every: Duration.Input,
  name: "reminders" | "delivery",
  task: Effect.Effect<A, E, R>,
  report: (event: MailScheduleEvent) => void
) =>
  task.pipe(
    Effect.catchCause((cause) =>
      Effect.sync(() => report({ type: "error", task: name, message: Cause.pretty(cause).split("\n")[0] ?? "" }))
    ),
    Effect.repeat(Schedule.spaced(every))
  )

/**
 * The API's mail schedule (#19): the reminders queued every SUKOYAKA_REMINDER_INTERVAL minutes and
 * the outbox delivered every SUKOYAKA_MAIL_INTERVAL seconds. Several processes may run it on one
 * database: the outbox's unique occasions and claims make each mail go out once.
 */
export const mailSchedule = (config: MailConfig, report: (event: MailScheduleEvent) => void) => {
  const reminders = Effect.gen(function* () {
    const queued = yield* queueReminders(yield* today)
    if (queued > 0) report({ type: "reminders", queued })
  })
  const delivery = Effect.gen(function* () {
    const { sent, failed } = yield* deliverOutbox(config)
    if (sent + failed > 0) report({ type: "delivered", sent, failed })
  })
  return Effect.all(
    [
      everyRound(
        Duration.minutes(config.reminderIntervalMinutes),
        "reminders",
        Effect.andThen(reminders, delivery),
        report
      ),
      everyRound(Duration.seconds(config.mailIntervalSeconds), "delivery", delivery, report)
    ],
    { concurrency: "unbounded", discard: true }
  )
}
