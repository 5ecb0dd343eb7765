import { Clock, Context, Effect, Layer, Option, Schema, SchemaTransformation } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import { DateTimeText } from "@sukoyaka/core"
import * as SqlSchema from "effect/sql/SqlSchema"
import { makeTransactionStatements } from "./transactionStatements.ts"

/** Who made a change, as the audit log records it: a user or a token, or the system itself. */
export interface AuditActor {
  readonly id: string | null
  readonly label: string
}

export const systemActor: AuditActor = { id: null, label: "system" }

export const AuditEntry = Schema.Struct({
  id: Schema.Number,
  at: DateTimeText,
  actorId: Schema.NullOr(Schema.String),
  actorLabel: Schema.String,
  planId: Schema.NullOr(Schema.String),
  entity: Schema.String,
  entityKey: Schema.String,
  action: Schema.String,
  before: Schema.NullOr(Schema.fromJsonString(Schema.Unknown)),
  after: Schema.NullOr(Schema.fromJsonString(Schema.Unknown))
}).annotate({ identifier: "AuditEntry", title: "Audit entry" })
export type AuditEntry = typeof AuditEntry.Type

/**
 * An audit entry as the API sends it: `before` and `after` are the JSON values themselves (an
 * object, mostly), not JSON text inside a string; the entry is otherwise the stored one.
 */
export const AuditEntryJson = Schema.Struct({
  ...AuditEntry.fields,
  // Any JSON value, null included (Unknown: a NullOr of it would document `null` twice).
  before: Schema.Unknown.annotate({
    description: "what the entity was before the change (a JSON value); null: created"
  }),
  after: Schema.Unknown.annotate({ description: "what the entity is after the change (a JSON value); null: deleted" })
}).annotate({ identifier: "AuditEntry", title: "Audit entry" })

export interface AuditRecord {
  readonly actor: AuditActor
  readonly planId: string | null
  readonly entity: string
  readonly entityKey: string
  readonly action: string
  readonly before: unknown
  readonly after: unknown
}

const AuditQuery = Schema.Struct({
  planId: Schema.optional(Schema.String),
  entity: Schema.optional(Schema.String),
  entityKey: Schema.optional(Schema.String),
  /** entity keys that start with this, e.g. "plan/87/" for every year's review of No. 87 */
  entityKeyPrefix: Schema.optional(Schema.String),
  actorId: Schema.optional(Schema.String),
  from: Schema.optional(Schema.String),
  to: Schema.optional(Schema.String),
  limit: Schema.optional(Schema.Number),
  beforeId: Schema.optional(Schema.Number)
})
export type AuditQuery = typeof AuditQuery.Type

export const nowIso = Effect.map(Clock.currentTimeMillis, (millis) => new Date(millis).toISOString())

/** `count(*)`: a number from SQLite, a bigint from PostgreSQL (its type is int8). */
const Count = Schema.Union([
  Schema.Number,
  Schema.BigInt.pipe(Schema.decodeTo(Schema.Number, SchemaTransformation.transform({ decode: Number, encode: BigInt })))
])

/**
 * The audit log: every change, who made it, when (UTC) and the entity before and after as JSON.
 * `record` joins the caller's transaction, so a change and its entry commit or roll back together.
 */
export class Audit extends Context.Service<Audit>()("@sukoyaka/storage/Audit", {
  make: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient

    const statements = yield* makeTransactionStatements
    const insertEntry = `INSERT INTO audit_log (at, actor_id, actor_label, plan_id, entity, entity_key, action, before, after)
      VALUES (${[1, 2, 3, 4, 5, 6, 7, 8, 9].map(statements.placeholder).join(", ")})`
    const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value))

    // No span of its own: it runs inside the change's (Reviews.update, Plans.update…), which names
    // it. Its statement is fixed text run on the change's transaction (transactionStatements.ts).
    const record = (entry: AuditRecord) =>
      Effect.flatMap(nowIso, (at) =>
        statements.run(insertEntry, [
          at,
          entry.actor.id,
          entry.actor.label,
          entry.planId,
          entry.entity,
          entry.entityKey,
          entry.action,
          json(entry.before),
          json(entry.after)
        ])
      ).pipe(Effect.asVoid, Effect.orDie)

    const entries = SqlSchema.findAll({
      Request: AuditQuery,
      Result: AuditEntry,
      execute: (query) => {
        const where = [
          query.planId !== undefined ? sql`plan_id = ${query.planId}` : undefined,
          query.entity !== undefined ? sql`entity = ${query.entity}` : undefined,
          query.entityKey !== undefined ? sql`entity_key = ${query.entityKey}` : undefined,
          query.entityKeyPrefix !== undefined
            ? sql`entity_key LIKE ${`${query.entityKeyPrefix.replace(/[\\%_]/g, "\\$&")}%`} ESCAPE '\\'`
            : undefined,
          query.actorId !== undefined ? sql`actor_id = ${query.actorId}` : undefined,
          query.from !== undefined ? sql`at >= ${query.from}` : undefined,
          query.to !== undefined ? sql`at < ${query.to}` : undefined,
          query.beforeId !== undefined ? sql`id < ${query.beforeId}` : undefined
        ].filter((clause) => clause !== undefined)
        const limit = Math.min(Math.max(query.limit ?? 100, 1), 1000)
        return sql`SELECT * FROM audit_log WHERE ${sql.and(where)} ORDER BY id DESC LIMIT ${limit}`
      }
    })
    const entry = SqlSchema.findOneOption({
      Request: Schema.Number,
      Result: AuditEntry,
      execute: (id) => sql`SELECT * FROM audit_log WHERE id = ${id}`
    })
    const following = SqlSchema.findAll({
      Request: Schema.Struct({ afterId: Schema.Number, limit: Schema.Number }),
      Result: AuditEntry,
      execute: ({ afterId, limit }) => sql`SELECT * FROM audit_log WHERE id > ${afterId} ORDER BY id LIMIT ${limit}`
    })
    const countOfPlan = SqlSchema.findOneOption({
      Request: Schema.String,
      Result: Schema.Struct({ n: Count }),
      execute: (planId) => sql`SELECT count(*) AS n FROM audit_log WHERE plan_id = ${planId}`
    })

    const list = (query: AuditQuery): Effect.Effect<ReadonlyArray<AuditEntry>> =>
      entries(query).pipe(Effect.orDie, Effect.withSpan("Audit.list"))

    const get = (id: number) => entry(id).pipe(Effect.orDie, Effect.withSpan("Audit.get"))

    /**
     * How many changes a plan has had. Entries are never deleted and every write of a plan's data
     * adds one in its own transaction, so the count rises with every committed change, whatever
     * order concurrent writers commit in (unlike the largest id): a version for caches.
     */
    const changeCount = (planId: string) =>
      countOfPlan(planId).pipe(
        Effect.map(Option.match({ onNone: () => 0, onSome: (row) => row.n })),
        Effect.orDie,
        Effect.withSpan("Audit.changeCount")
      )

    /**
     * The entries after `afterId`, oldest first, of every plan and none: what a change feed walks. The
     * caller decides which of them have settled (see the application's change feed).
     */
    const after = (afterId: number, limit: number) =>
      following({ afterId, limit }).pipe(Effect.orDie, Effect.withSpan("Audit.after"))

    return { record, list, get, after, changeCount } as const
  })
}) {
  static readonly layer = Layer.effect(this, this.make)
}
