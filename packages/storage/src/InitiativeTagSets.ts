import { InitiativeTags, type MeasureTag, MeasureTag as MeasureTagSchema, StaleVersion } from "@sukoyaka/core"
import { Context, Effect, Layer, Option, Schema } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import * as SqlSchema from "effect/sql/SqlSchema"
import { Audit, type AuditActor, nowIso } from "./Audit.ts"

const Tags = Schema.fromJsonString(Schema.Array(MeasureTagSchema))
const Row = Schema.Struct({ initiativeNo: Schema.Number, tags: Tags, version: Schema.Number })
const encodeTags = Schema.encodeSync(Tags)
const snapshot = (tags: InitiativeTags) => Schema.encodeSync(InitiativeTags)(tags)

/**
 * The national measures each initiative serves (#24): one versioned list per initiative, replaced as
 * a whole, audited as entity `initiativeTags`. The caller checks the initiative and the measures.
 */
export class InitiativeTagSets extends Context.Service<InitiativeTagSets>()("@sukoyaka/storage/InitiativeTagSets", {
  make: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const audit = yield* Audit
    const findRow = SqlSchema.findOneOption({
      Request: Schema.Struct({ planId: Schema.String, no: Schema.Number }),
      Result: Row,
      execute: ({ planId, no }) => sql`SELECT initiative_no, tags, version FROM initiative_tags
        WHERE plan_id = ${planId} AND initiative_no = ${no}`
    })
    const rowsOfPlan = SqlSchema.findAll({
      Request: Schema.String,
      Result: Row,
      execute: (planId) => sql`SELECT initiative_no, tags, version FROM initiative_tags
        WHERE plan_id = ${planId} ORDER BY initiative_no`
    })
    const decode = Schema.decodeUnknownSync(InitiativeTags)

    /** The initiative's tags; none at version 0 while it has never had any. */
    const get = (planId: string, no: number): Effect.Effect<InitiativeTags> =>
      findRow({ planId, no }).pipe(
        Effect.orDie,
        Effect.map((row) =>
          decode({
            planId,
            initiativeNo: no,
            tags: Option.isSome(row) ? Schema.encodeSync(Schema.Array(MeasureTagSchema))(row.value.tags) : [],
            version: Option.isSome(row) ? row.value.version : 0
          })
        ),
        Effect.withSpan("InitiativeTagSets.get")
      )

    /** Every tagged initiative of the plan, by number. */
    const listByPlan = (planId: string): Effect.Effect<ReadonlyMap<number, ReadonlyArray<MeasureTag>>> =>
      rowsOfPlan(planId).pipe(
        Effect.orDie,
        Effect.map((rows) => new Map(rows.map((row) => [row.initiativeNo, row.tags]))),
        Effect.withSpan("InitiativeTagSets.listByPlan")
      )

    /** Replaces the list if it is still at `expectedVersion`; the same list is no change. */
    const put = (
      actor: AuditActor,
      planId: string,
      no: number,
      tags: ReadonlyArray<MeasureTag>,
      expectedVersion: number
    ) =>
      sql
        .withTransaction(
          Effect.gen(function* () {
            const current = yield* get(planId, no)
            const stale = () =>
              new StaleVersion({
                entity: "initiative tags",
                key: `${planId}/${no}`,
                expected: expectedVersion,
                actual: current.version
              })
            if (current.version !== expectedVersion) return yield* stale()
            if (encodeTags(current.tags) === encodeTags(tags)) return current
            const next: InitiativeTags = { ...current, tags, version: current.version + 1 }
            const updatedAt = yield* nowIso
            const written =
              current.version === 0
                ? yield* sql`INSERT INTO initiative_tags ${sql.insert({
                    planId,
                    initiativeNo: no,
                    tags: encodeTags(tags),
                    version: next.version,
                    updatedAt,
                    updatedBy: actor.id
                  })} ON CONFLICT (plan_id, initiative_no) DO NOTHING RETURNING version`
                : yield* sql`UPDATE initiative_tags SET tags = ${encodeTags(tags)}, version = ${next.version},
                    updated_at = ${updatedAt}, updated_by = ${actor.id}
                    WHERE plan_id = ${planId} AND initiative_no = ${no} AND version = ${current.version}
                    RETURNING version`
            if (written.length === 0) return yield* stale()
            yield* audit.record({
              actor,
              planId,
              entity: "initiativeTags",
              entityKey: `${planId}/${no}/tags`,
              action: current.version === 0 ? "create" : "update",
              before: current.version === 0 ? null : snapshot(current),
              after: snapshot(next)
            })
            return next
          })
        )
        .pipe(Effect.catchTag("SqlError", Effect.die), Effect.withSpan("InitiativeTagSets.put"))

    return { get, listByPlan, put } as const
  })
}) {
  static readonly layer = Layer.effect(this, this.make).pipe(Layer.provide(Audit.layer))
}
