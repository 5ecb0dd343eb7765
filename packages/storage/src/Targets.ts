import { AlreadyExists, answersWith, type Observation, StaleVersion, Target } from "@sukoyaka/core"
import { Context, Effect, Layer, Option, Schema, Struct } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import * as SqlSchema from "effect/sql/SqlSchema"
import { Audit, type AuditActor, nowIso } from "./Audit.ts"

/** The target without its observations: those are rows of their own. */
const TargetBody = Target.mapFields(Struct.omit(["observations", "version"]))
const TargetRow = Schema.Struct({ body: Schema.fromJsonString(TargetBody), version: Schema.Int })
const ObservationRow = Schema.Struct({
  targetId: Schema.String,
  year: Schema.Number,
  value: Schema.Number,
  numerator: Schema.NullOr(Schema.Number),
  denominator: Schema.NullOr(Schema.Number),
  source: Schema.NullOr(Schema.String)
})

export class TargetNotFound extends Schema.TaggedError<TargetNotFound>()(
  "TargetNotFound",
  { planId: Schema.String, targetId: Schema.String },
  answersWith(404)
) {}

const toObservation = (row: typeof ObservationRow.Type): Observation => ({
  year: row.year,
  value: row.value,
  ...(row.numerator !== null ? { numerator: row.numerator } : {}),
  ...(row.denominator !== null ? { denominator: row.denominator } : {}),
  ...(row.source !== null ? { source: row.source } : {})
})

/** Targets (目標値) with their yearly observations, versioned like reviews. */
export class Targets extends Context.Service<Targets>()("@sukoyaka/storage/Targets", {
  make: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const audit = yield* Audit
    const encodeTarget = Schema.encodeSync(Target)
    const targetRows = SqlSchema.findAll({
      Request: Schema.String,
      Result: TargetRow,
      execute: (planId) => sql`SELECT body, version FROM targets WHERE plan_id = ${planId} ORDER BY position`
    })
    const observationRows = SqlSchema.findAll({
      Request: Schema.String,
      Result: ObservationRow,
      execute: (planId) =>
        sql`SELECT target_id, year, value, numerator, denominator, source FROM target_observations WHERE plan_id = ${planId} ORDER BY year`
    })

    const list = (planId: string) =>
      Effect.gen(function* () {
        const rows = yield* targetRows(planId)
        const observations = yield* observationRows(planId)
        return rows.map(({ body, version }): Target => ({
          ...body,
          observations: observations.filter((o) => o.targetId === body.id).map(toObservation),
          version
        }))
      }).pipe(Effect.orDie, Effect.withSpan("Targets.list"))

    const get = (planId: string, targetId: string) =>
      Effect.flatMap(list(planId), (targets) =>
        Option.match(Option.fromNullishOr(targets.find((target) => target.id === targetId)), {
          onNone: () => Effect.fail(new TargetNotFound({ planId, targetId })),
          onSome: Effect.succeed
        })
      )

    const writeObservations = (planId: string, target: Target) =>
      Effect.gen(function* () {
        yield* sql`DELETE FROM target_observations WHERE plan_id = ${planId} AND target_id = ${target.id}`
        for (const o of target.observations) {
          yield* sql`INSERT INTO target_observations ${sql.insert({
            planId,
            targetId: target.id,
            year: o.year,
            value: o.value,
            numerator: o.numerator ?? null,
            denominator: o.denominator ?? null,
            source: o.source ?? null
          })}`
        }
      })

    const insert = (actor: AuditActor, planId: string, target: Target, position: number) =>
      sql
        .withTransaction(
          Effect.gen(function* () {
            const { observations: _o, version: _v, ...body } = target
            yield* sql`INSERT INTO targets ${sql.insert({ planId, id: target.id, position, body: JSON.stringify(Schema.encodeSync(TargetBody)(body)), version: 1, updatedAt: yield* nowIso })}`
            yield* writeObservations(planId, target)
            yield* audit.record({
              actor,
              planId,
              entity: "target",
              entityKey: `${planId}/${target.id}`,
              action: "create",
              before: null,
              after: encodeTarget({ ...target, version: 1 })
            })
          })
        )
        .pipe(Effect.orDie, Effect.withSpan("Targets.insert"))

    /**
     * A new target at `position` among the plan's targets (past the end: last), audited; an id taken
     * already (retired or not) is AlreadyExists, decided by the insert itself.
     */
    const create = (actor: AuditActor, planId: string, target: Target, position: number | undefined) =>
      sql
        .withTransaction(
          Effect.gen(function* () {
            const { observations: _o, version: _v, ...body } = target
            const [last] = yield* sql<{
              n: number | string | null
            }>`SELECT MAX(position) AS n FROM targets WHERE plan_id = ${planId}`
            const end = last?.n === null || last?.n === undefined ? 0 : Number(last.n) + 1
            const inserted =
              yield* sql`INSERT INTO targets ${sql.insert({ planId, id: target.id, position: end, body: JSON.stringify(Schema.encodeSync(TargetBody)(body)), version: 1, updatedAt: yield* nowIso })}
              ON CONFLICT (plan_id, id) DO NOTHING RETURNING id`
            if (inserted.length === 0) return yield* new AlreadyExists({ entity: "target", key: target.id, path: "id" })
            yield* writeObservations(planId, target)
            if (position !== undefined) yield* reposition(planId, target.id, position)
            const created: Target = { ...target, version: 1 }
            yield* audit.record({
              actor,
              planId,
              entity: "target",
              entityKey: `${planId}/${target.id}`,
              action: "create",
              before: null,
              after: encodeTarget(created)
            })
            return created
          })
        )
        .pipe(Effect.catchTag("SqlError", Effect.die), Effect.withSpan("Targets.create"))

    /**
     * Moves a target to index `position` of the plan's targets (past the end: last), renumbering the
     * others' positions: their order, not their content, so their versions stay.
     */
    const reposition = (planId: string, targetId: string, position: number) =>
      Effect.gen(function* () {
        const order = (yield* sql<{
          id: string
        }>`SELECT id FROM targets WHERE plan_id = ${planId} ORDER BY position, id`).map((row) => row.id)
        const others = order.filter((id) => id !== targetId)
        const at = Math.min(position, others.length)
        const next = [...others.slice(0, at), targetId, ...others.slice(at)]
        for (const [index, id] of next.entries())
          yield* sql`UPDATE targets SET position = ${index} WHERE plan_id = ${planId} AND id = ${id}`
      }).pipe(Effect.orDie, Effect.withSpan("Targets.reposition"))

    /** Replaces a target (its fields and observations) if nobody changed it since `expectedVersion`. */
    const update = (
      actor: AuditActor,
      planId: string,
      targetId: string,
      expectedVersion: number,
      change: (current: Target) => Target
    ) =>
      sql
        .withTransaction(
          Effect.gen(function* () {
            const current = yield* get(planId, targetId)
            const key = `${planId}/${targetId}`
            if (current.version !== expectedVersion) {
              return yield* new StaleVersion({
                entity: "target",
                key,
                expected: expectedVersion,
                actual: current.version ?? 0
              })
            }
            const next: Target = { ...change(current), id: current.id, version: expectedVersion + 1 }
            const { observations: _o, version: _v, ...body } = next
            const updated =
              yield* sql`UPDATE targets SET ${sql.update({ body: JSON.stringify(Schema.encodeSync(TargetBody)(body)), version: expectedVersion + 1, updatedAt: yield* nowIso })}
              WHERE plan_id = ${planId} AND id = ${targetId} AND version = ${expectedVersion} RETURNING version`
            if (updated.length === 0) {
              return yield* new StaleVersion({ entity: "target", key, expected: expectedVersion, actual: -1 })
            }
            yield* writeObservations(planId, next)
            yield* audit.record({
              actor,
              planId,
              entity: "target",
              entityKey: key,
              action: "update",
              before: encodeTarget(current),
              after: encodeTarget(next)
            })
            return next
          })
        )
        .pipe(Effect.catchTag("SqlError", Effect.die), Effect.withSpan("Targets.update"))

    return { list, get, insert, create, reposition, update } as const
  })
}) {
  static readonly layer = Layer.effect(this, this.make).pipe(Layer.provide(Audit.layer))
}
