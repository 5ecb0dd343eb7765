import { Cycle, CycleNotFound, StaleVersion } from "@sukoyaka/core"
import { Context, Effect, Layer, Option, Schema, Struct } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import * as SqlSchema from "effect/sql/SqlSchema"
import { Audit, type AuditActor } from "./Audit.ts"

/** A cycle as stored: the agencies' own due dates as a JSON column. */
const CycleRow = Cycle.mapFields(
  Struct.evolve({ agencyDueDates: (agencyDueDates) => Schema.fromJsonString(agencyDueDates) })
)

const CycleKey = Schema.Struct({ planId: Schema.String, fiscalYear: Schema.Number })

const cycleKeyString = (planId: string, fiscalYear: number) => `${planId}/${fiscalYear}`

/** The fiscal years' review rounds of a plan; every change versioned and audited. */
export class Cycles extends Context.Service<Cycles>()("@sukoyaka/storage/Cycles", {
  make: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const audit = yield* Audit
    const encodeRow = Schema.encodeEffect(CycleRow)
    const snapshot = (cycle: Cycle) => Schema.encodeSync(Cycle)(cycle)

    const findRow = SqlSchema.findOneOption({
      Request: CycleKey,
      Result: CycleRow,
      execute: ({ planId, fiscalYear }) =>
        sql`SELECT * FROM cycles WHERE plan_id = ${planId} AND fiscal_year = ${fiscalYear}`
    })
    const rowsOfPlan = SqlSchema.findAll({
      Request: Schema.String,
      Result: CycleRow,
      execute: (planId) => sql`SELECT * FROM cycles WHERE plan_id = ${planId} ORDER BY fiscal_year`
    })

    const find = (planId: string, fiscalYear: number) =>
      findRow({ planId, fiscalYear }).pipe(Effect.orDie, Effect.withSpan("Cycles.find"))

    const get = (planId: string, fiscalYear: number) =>
      Effect.flatMap(
        find(planId, fiscalYear),
        Option.match({
          onNone: () => Effect.fail(new CycleNotFound({ planId, fiscalYear })),
          onSome: Effect.succeed
        })
      )

    const list = (planId: string): Effect.Effect<ReadonlyArray<Cycle>> =>
      rowsOfPlan(planId).pipe(Effect.orDie, Effect.withSpan("Cycles.list"))

    /** Records an opened cycle; `false` when the year already has one (nothing is overwritten). */
    const insert = (actor: AuditActor, cycle: Cycle) =>
      sql
        .withTransaction(
          Effect.gen(function* () {
            if (Option.isSome(yield* find(cycle.planId, cycle.fiscalYear))) return false
            yield* sql`INSERT INTO cycles ${sql.insert(yield* encodeRow(cycle))}`
            yield* audit.record({
              actor,
              planId: cycle.planId,
              entity: "cycle",
              entityKey: cycleKeyString(cycle.planId, cycle.fiscalYear),
              action: "open",
              before: null,
              after: snapshot(cycle)
            })
            return true
          })
        )
        .pipe(Effect.orDie, Effect.withSpan("Cycles.insert"))

    /** Changes a cycle (due dates, closing) only if it is still at `expectedVersion`; audited as `action`. */
    const write = (
      actor: AuditActor,
      planId: string,
      fiscalYear: number,
      expectedVersion: number,
      action: string,
      change: (current: Cycle) => Cycle
    ) =>
      sql
        .withTransaction(
          Effect.gen(function* () {
            const current = yield* get(planId, fiscalYear)
            const stale = (actual: number) =>
              new StaleVersion({
                entity: "cycle",
                key: cycleKeyString(planId, fiscalYear),
                expected: expectedVersion,
                actual
              })
            if (current.version !== expectedVersion) return yield* stale(current.version)
            const next: Cycle = {
              ...change(current),
              planId: current.planId,
              fiscalYear: current.fiscalYear,
              version: current.version + 1
            }
            const { planId: _p, fiscalYear: _f, ...fields } = yield* Effect.orDie(encodeRow(next))
            const updated = yield* sql`UPDATE cycles SET ${sql.update(fields)}
              WHERE plan_id = ${planId} AND fiscal_year = ${fiscalYear} AND version = ${expectedVersion}
              RETURNING version`
            if (updated.length === 0) return yield* stale((yield* get(planId, fiscalYear)).version)
            yield* audit.record({
              actor,
              planId,
              entity: "cycle",
              entityKey: cycleKeyString(planId, fiscalYear),
              action,
              before: snapshot(current),
              after: snapshot(next)
            })
            return next
          })
        )
        .pipe(Effect.catchTag("SqlError", Effect.die), Effect.withSpan("Cycles.write"))

    return { find, get, list, insert, write } as const
  })
}) {
  static readonly layer = Layer.effect(this, this.make).pipe(Layer.provide(Audit.layer))
}
