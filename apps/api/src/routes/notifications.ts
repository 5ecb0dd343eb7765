import { NotificationList, NotificationsRead, OutboxList, type OutboxMailView, OutboxState } from "@sukoyaka/core"
import { Notifications, Outbox, type OutboxMail } from "@sukoyaka/storage"
import { Effect, Schema } from "effect"
import { type Context, Hono } from "hono"
import { requireRole } from "../auth.ts"
import type { AppEnv } from "../env.ts"
import { doc } from "../openapi.ts"
import { HttpProblem } from "../problem.ts"
import { DecimalInt, validate } from "../validation.ts"

const ListQuery = Schema.Struct({
  limit: DecimalInt.check(Schema.isBetween({ minimum: 1, maximum: 500 })).pipe(
    Schema.withDecodingDefaultTypeKey(Effect.succeed(50))
  )
})

const OutboxQuery = Schema.Struct({
  state: Schema.optionalKey(OutboxState),
  limit: DecimalInt.check(Schema.isBetween({ minimum: 1, maximum: 500 })).pipe(
    Schema.withDecodingDefaultTypeKey(Effect.succeed(100))
  )
})

/** Notifications are a signed-in user's: a token (whose user is only its creator) has none. */
const userOf = (c: Context<AppEnv>) => {
  const auth = c.var.auth
  if (auth.via !== "session" || auth.userId === null)
    throw new HttpProblem("forbidden", "notifications belong to a signed-in user, not to a token")
  return auth.userId
}

const stateOf = (mail: Pick<OutboxMail, "sentAt" | "attempts">): OutboxMailView["state"] =>
  mail.sentAt !== null ? "sent" : mail.attempts > 0 ? "failed" : "queued"

export default new Hono<AppEnv>()
  .get(
    "/notifications",
    doc({
      tag: "notifications",
      summary: "The signed-in user's notifications, newest first, and how many are unread",
      ok: { schema: NotificationList, description: "Notifications" }
    }),
    validate("query", ListQuery),
    async (c) => {
      const userId = userOf(c)
      const list = await c.var.run(Notifications.use((n) => n.listFor(userId, c.req.valid("query").limit)))
      return c.json(Schema.encodeSync(NotificationList)(list))
    }
  )
  .post(
    "/notifications/read",
    doc({
      tag: "notifications",
      summary: "Mark the signed-in user's notifications read: `{ids: [...]}` or `{all: true}`",
      ok: { schema: NotificationList, description: "The notifications after the change" }
    }),
    validate("json", NotificationsRead),
    async (c) => {
      const userId = userOf(c)
      const body = c.req.valid("json")
      const list = await c.var.run(
        Effect.gen(function* () {
          const notifications = yield* Notifications
          yield* notifications.markRead(userId, "all" in body ? "all" : body.ids)
          return yield* notifications.listFor(userId, 50)
        })
      )
      return c.json(Schema.encodeSync(NotificationList)(list))
    }
  )
  .get(
    "/outbox",
    requireRole("admin"),
    doc({
      tag: "admin",
      summary:
        "The mail outbox (admin): queued, failed (with attempts and the last error) and sent mails, newest first",
      ok: { schema: OutboxList, description: "Mails and counts" }
    }),
    validate("query", OutboxQuery),
    async (c) => {
      const { state, limit } = c.req.valid("query")
      const { mails, counts } = await c.var.run(Outbox.use((outbox) => outbox.list(state ?? null, limit)))
      return c.json(
        Schema.encodeSync(OutboxList)({
          counts,
          mails: mails.map(({ userId: _user, ...mail }) => ({
            ...mail,
            state: stateOf(mail),
            nextAttemptAt: mail.sentAt === null ? mail.nextAttemptAt : null
          }))
        })
      )
    }
  )
