import { NotificationKind, NotificationPayload } from "@sukoyaka/core"
import { Context, Effect, Layer, Schema, SchemaTransformation } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import * as SqlSchema from "effect/sql/SqlSchema"
import { nowIso } from "./Audit.ts"

/** A number from SQLite, or a bigint/numeric string from PostgreSQL (int8, count). */
const Integer = Schema.Union([
  Schema.Number,
  Schema.BigInt.pipe(Schema.decodeTo(Schema.Number, SchemaTransformation.transform({ decode: Number, encode: BigInt })))
])

export const Notification = Schema.Struct({
  id: Integer,
  kind: NotificationKind,
  planId: Schema.NullOr(Schema.String),
  fiscalYear: Schema.NullOr(Integer),
  initiativeNo: Schema.NullOr(Integer),
  /** What the notification says beyond its kind (names, comment, due date): shaped by the kind. */
  payload: Schema.fromJsonString(NotificationPayload),
  createdAt: Schema.String,
  readAt: Schema.NullOr(Schema.String)
}).annotate({ identifier: "NotificationRow" })
export type Notification = typeof Notification.Type

export interface NewNotification {
  readonly userId: string
  readonly kind: NotificationKind
  readonly planId: string | null
  readonly fiscalYear: number | null
  readonly initiativeNo: number | null
  readonly payload: NotificationPayload
}

/** The in-app notifications of each user, newest first; read ones are kept (marked). */
export class Notifications extends Context.Service<Notifications>()("@sukoyaka/storage/Notifications", {
  make: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const latest = SqlSchema.findAll({
      Request: Schema.Struct({ userId: Schema.String, limit: Schema.Number }),
      Result: Notification,
      execute: ({ userId, limit }) =>
        sql`SELECT id, kind, plan_id, fiscal_year, initiative_no, payload, created_at, read_at
          FROM notifications WHERE user_id = ${userId} ORDER BY id DESC LIMIT ${limit}`
    })
    const unreadCount = SqlSchema.findOne({
      Request: Schema.String,
      Result: Schema.Struct({ n: Integer }),
      execute: (userId) => sql`SELECT count(*) AS n FROM notifications WHERE user_id = ${userId} AND read_at IS NULL`
    })

    const record = (entries: ReadonlyArray<NewNotification>) =>
      Effect.gen(function* () {
        const createdAt = yield* nowIso
        for (const entry of entries)
          yield* sql`INSERT INTO notifications ${sql.insert({ ...entry, payload: JSON.stringify(entry.payload), createdAt, readAt: null })}`
      }).pipe(Effect.orDie, Effect.withSpan("Notifications.record"))

    /** A user's newest notifications and how many of all theirs are unread. */
    const listFor = (userId: string, limit: number) =>
      Effect.all({ items: latest({ userId, limit }), unread: Effect.map(unreadCount(userId), (row) => row.n) }).pipe(
        Effect.orDie,
        Effect.withSpan("Notifications.listFor")
      )

    /** Marks the user's own notifications read: the ones named, or all; how many changed. */
    const markRead = (userId: string, ids: ReadonlyArray<number> | "all") =>
      Effect.gen(function* () {
        if (ids !== "all" && ids.length === 0) return 0
        const at = yield* nowIso
        const rows = yield* ids === "all"
          ? sql`UPDATE notifications SET read_at = ${at} WHERE user_id = ${userId} AND read_at IS NULL RETURNING id`
          : sql`UPDATE notifications SET read_at = ${at}
              WHERE user_id = ${userId} AND read_at IS NULL AND ${sql.in("id", ids)} RETURNING id`
        return rows.length
      }).pipe(Effect.orDie, Effect.withSpan("Notifications.markRead"))

    return { record, listFor, markRead } as const
  })
}) {
  static readonly layer = Layer.effect(this, this.make)
}
