import { Console, Effect } from "effect"
import * as Command from "effect/cli/Command"
import * as Flag from "effect/cli/Flag"
import { badInput } from "../CliError.ts"
import { switchOption } from "../options.ts"
import { app, withStorage } from "../lazy.ts"

/** The mail settings of the environment (SUKOYAKA_SMTP_URL, SUKOYAKA_MAIL_FROM), as the API reads them. */
const mailSettings = Effect.flatMap(app, ({ mailConfig }) =>
  mailConfig.pipe(Effect.mapError((error) => badInput(error.message)))
)

const send = Command.make(
  "send",
  { dryRun: switchOption("dry-run", "list who would get which reminder; queue and send nothing") },
  ({ dryRun }) =>
    Effect.gen(function* () {
      const { AdminUrl, deliverOutbox, dueReminders, queueReminders, today } = yield* app
      const config = yield* mailSettings
      const day = yield* today
      if (dryRun) {
        const due = yield* dueReminders(day)
        const pending = due.filter((reminder) => !reminder.sent)
        for (const reminder of pending)
          yield* Console.log(
            `${reminder.user.email}\t${reminder.notice.kind}\tdue ${reminder.dueDate}\t${reminder.tasks.map((task) => `No.${task.initiativeNo}`).join(" ")}`
          )
        yield* Console.log(
          `${pending.length} reminders would be queued (${due.length - pending.length} sent before); nothing queued or sent (dry run)`
        )
        return
      }
      const queued = yield* queueReminders(day).pipe(Effect.provideService(AdminUrl, config.adminUrl))
      const delivery = yield* deliverOutbox(config)
      yield* Console.log(
        config.smtpUrl === undefined
          ? `${queued} reminders queued; SUKOYAKA_SMTP_URL is not set: the mails wait in the outbox`
          : `${queued} reminders queued; ${delivery.sent} mails sent, ${delivery.failed} failed (tried again later)`
      )
    }).pipe(withStorage)
).pipe(
  Command.withDescription(
    "queue the reminders due today (due soon, overdue: one per editor, once) and deliver the outbox over SMTP"
  )
)

export const reminders = Command.make("reminders").pipe(
  Command.withDescription("reminders of the review cycle's due dates"),
  Command.withSubcommands([send])
)

export const outbox = Command.make(
  "outbox",
  {
    state: Flag.Literals("state", ["queued", "failed", "sent"]).pipe(
      Flag.optional,
      Flag.withDescription("only mails in this state")
    ),
    limit: Flag.Int("limit").pipe(Flag.withDefault(50), Flag.withDescription("at most this many, newest first"))
  },
  ({ state, limit }) =>
    Effect.gen(function* () {
      const { Outbox } = yield* Effect.promise(() => import("@sukoyaka/storage"))
      if (limit < 1 || limit > 1000) return yield* badInput(`--limit must be between 1 and 1000, got ${limit}`)
      const { mails, counts } = yield* (yield* Outbox).list(state._tag === "Some" ? state.value : null, limit)
      for (const mail of mails) {
        const status =
          mail.sentAt !== null
            ? `sent ${mail.sentAt}`
            : mail.attempts > 0
              ? `failed ×${mail.attempts}, next ${mail.nextAttemptAt}: ${mail.lastError ?? ""}`
              : "queued"
        yield* Console.log(`${mail.id}\t${mail.recipient}\t${mail.subject}\t${status}`)
      }
      yield* Console.log(`queued ${counts.queued}, failed ${counts.failed}, sent ${counts.sent}`)
    }).pipe(withStorage)
).pipe(Command.withDescription("the mails in the outbox: queued, failed (tried again later) and sent"))
