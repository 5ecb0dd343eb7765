import {
  AlreadyExists,
  FiscalYear,
  Initiative,
  InitiativeNotFound,
  InitiativeRevision,
  RevisionOutOfOrder,
  revisedFieldsOf,
  type Stamped,
  StaleVersion,
  Timestamps
} from "@sukoyaka/core"
import { Context, Effect, Layer, Option, Schema, Struct } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import * as SqlSchema from "effect/sql/SqlSchema"
import { Audit, type AuditActor, nowIso } from "./Audit.ts"

/**
 * An initiative as stored: the domain entity's own fields, its markers, life stages, agencies and
 * notes as JSON columns. Decoding a row gives an `Initiative`; encoding an `Initiative` gives the row.
 */
export const InitiativeRow = Initiative.mapFields(
  Struct.evolve({
    markers: (markers) => Schema.fromJsonString(markers),
    lifeStages: (lifeStages) => Schema.fromJsonString(lifeStages),
    agencies: (agencies) => Schema.fromJsonString(agencies),
    notes: (notes) => Schema.fromJsonString(notes)
  })
)

/** An initiative as read back: the row with when it was first stored and last changed. */
const StoredInitiativeRow = Schema.Struct({ ...InitiativeRow.fields, ...Timestamps })
export type StoredInitiative = Initiative & Stamped

const InitiativeFilter = Schema.Struct({
  policyNo: Schema.optional(Schema.Number),
  areaNo: Schema.optional(Schema.Number),
  objectiveNo: Schema.optional(Schema.Number),
  agencyId: Schema.optional(Schema.String)
})
export type InitiativeFilter = typeof InitiativeFilter.Type

/** What an admin may change on an initiative (columns A–E, its place and its years). */
export type InitiativeChanges = Partial<
  Pick<
    Initiative,
    | "policyNo"
    | "areaNo"
    | "objectiveNo"
    | "name"
    | "markers"
    | "content"
    | "lifeStagesText"
    | "lifeStages"
    | "agencies"
    | "status"
    | "since"
    | "until"
    | "notes"
  >
>

const keyOf = (planId: string, no: number) => `${planId}/${no}`

/** A revision as stored: its structure fields as JSON. */
const RevisionRow = InitiativeRevision.mapFields(Struct.evolve({ fields: (fields) => Schema.fromJsonString(fields) }))

export class Initiatives extends Context.Service<Initiatives>()("@sukoyaka/storage/Initiatives", {
  make: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const audit = yield* Audit
    const encodeRow = Schema.encodeEffect(InitiativeRow)

    const rowsOfPlan = SqlSchema.findAll({
      Request: Schema.Struct({ planId: Schema.String, filter: InitiativeFilter }),
      Result: StoredInitiativeRow,
      execute: ({ planId, filter }) =>
        sql`SELECT * FROM initiatives WHERE ${sql.and([
          sql`plan_id = ${planId}`,
          ...(filter.policyNo !== undefined ? [sql`policy_no = ${filter.policyNo}`] : []),
          ...(filter.areaNo !== undefined ? [sql`area_no = ${filter.areaNo}`] : []),
          ...(filter.objectiveNo !== undefined ? [sql`objective_no = ${filter.objectiveNo}`] : []),
          ...(filter.agencyId !== undefined
            ? [
                sql`no IN (SELECT initiative_no FROM initiative_agencies WHERE plan_id = ${planId} AND agency_id = ${filter.agencyId})`
              ]
            : [])
        ])} ORDER BY no`
    })
    const revisionRows = SqlSchema.findAll({
      Request: Schema.String,
      Result: RevisionRow,
      execute: (planId) =>
        sql`SELECT initiative_no, until, fields FROM initiative_revisions WHERE plan_id = ${planId} ORDER BY initiative_no, until`
    })
    const encodeRevision = Schema.encodeEffect(RevisionRow)
    const findRow = SqlSchema.findOneOption({
      Request: Schema.Struct({ planId: Schema.String, no: Schema.Number }),
      Result: StoredInitiativeRow,
      execute: ({ planId, no }) => sql`SELECT * FROM initiatives WHERE plan_id = ${planId} AND no = ${no}`
    })

    const list = (planId: string, filter: InitiativeFilter = {}): Effect.Effect<ReadonlyArray<StoredInitiative>> =>
      rowsOfPlan({ planId, filter }).pipe(Effect.orDie, Effect.withSpan("Initiatives.list"))

    const find = (planId: string, no: number) =>
      findRow({ planId, no }).pipe(Effect.orDie, Effect.withSpan("Initiatives.find"))

    const get = (planId: string, no: number) =>
      Effect.flatMap(
        find(planId, no),
        Option.match({ onNone: () => Effect.fail(new InitiativeNotFound({ planId, no })), onSome: Effect.succeed })
      )

    const writeAgencies = (initiative: Initiative) =>
      Effect.gen(function* () {
        yield* sql`DELETE FROM initiative_agencies WHERE plan_id = ${initiative.planId} AND initiative_no = ${initiative.no}`
        for (const agencyId of initiative.agencies) {
          yield* sql`INSERT INTO initiative_agencies ${sql.insert({ planId: initiative.planId, initiativeNo: initiative.no, agencyId })}`
        }
      })

    const insert = (actor: AuditActor, initiative: Initiative) =>
      sql
        .withTransaction(
          Effect.gen(function* () {
            const updatedAt = yield* nowIso
            const row = yield* encodeRow(initiative)
            yield* sql`INSERT INTO initiatives ${sql.insert({ ...row, createdAt: updatedAt, updatedAt })}`
            yield* writeAgencies(initiative)
            yield* audit.record({
              actor,
              planId: initiative.planId,
              entity: "initiative",
              entityKey: keyOf(initiative.planId, initiative.no),
              action: "create",
              before: null,
              after: row
            })
          })
        )
        .pipe(Effect.orDie, Effect.withSpan("Initiatives.insert"))

    /**
     * A new initiative, audited; its Ｎｏ. taken already (by any row, retired or not) is AlreadyExists.
     * The insert itself says so (ON CONFLICT), so two creating at once cannot both pass a check.
     */
    const create = (actor: AuditActor, initiative: Initiative) =>
      sql
        .withTransaction(
          Effect.gen(function* () {
            const updatedAt = yield* nowIso
            const row = yield* Effect.orDie(encodeRow(initiative))
            const inserted =
              yield* sql`INSERT INTO initiatives ${sql.insert({ ...row, createdAt: updatedAt, updatedAt })} ON CONFLICT (plan_id, no) DO NOTHING RETURNING no`
            if (inserted.length === 0)
              return yield* new AlreadyExists({ entity: "initiative", key: String(initiative.no), path: "no" })
            yield* writeAgencies(initiative)
            yield* audit.record({
              actor,
              planId: initiative.planId,
              entity: "initiative",
              entityKey: keyOf(initiative.planId, initiative.no),
              action: "create",
              before: null,
              after: row
            })
            return initiative
          })
        )
        .pipe(Effect.catchTag("SqlError", Effect.die), Effect.withSpan("Initiatives.create"))

    /** The plan's revisions (structures of earlier years), by initiative and year. */
    const revisions = (planId: string) =>
      revisionRows(planId).pipe(Effect.orDie, Effect.withSpan("Initiatives.revisions"))

    /**
     * Keeps the structure the initiative has now as the revision of the years before `effectiveFrom`,
     * once the change is known to apply. A year an earlier revision already keeps is out of order.
     */
    const keepRevision = (current: Initiative, effectiveFrom: number) =>
      Effect.gen(function* () {
        const kept = yield* sql<{
          until: number | null
        }>`SELECT MAX(until) AS until FROM initiative_revisions WHERE plan_id = ${current.planId} AND initiative_no = ${current.no}`
        const keptUntil = kept[0]?.until === null || kept[0]?.until === undefined ? null : Number(kept[0].until)
        if (keptUntil !== null && effectiveFrom - 1 <= keptUntil)
          return yield* new RevisionOutOfOrder({ no: current.no, effectiveFrom, keptUntil })
        const row = yield* Effect.orDie(
          encodeRevision({
            initiativeNo: current.no,
            until: FiscalYear.make(effectiveFrom - 1),
            fields: revisedFieldsOf(current)
          })
        )
        yield* sql`INSERT INTO initiative_revisions ${sql.insert({ planId: current.planId, ...row })}`
      })

    /**
     * Applies `changes` if the stored version is still `expectedVersion`; the version then rises by one.
     * With `effectiveFrom`, the years before it keep the structure the initiative had (a revision).
     */
    const update = (
      actor: AuditActor,
      planId: string,
      no: number,
      expectedVersion: number,
      changes: InitiativeChanges,
      effectiveFrom?: number
    ) =>
      sql
        .withTransaction(
          Effect.gen(function* () {
            const current = yield* get(planId, no)
            if (current.version !== expectedVersion) {
              return yield* new StaleVersion({
                entity: "initiative",
                key: keyOf(planId, no),
                expected: expectedVersion,
                actual: current.version
              })
            }
            const next: StoredInitiative = { ...current, ...changes, version: current.version + 1 }
            // From the first fiscal year there is no earlier year to keep: a correction.
            if (effectiveFrom !== undefined && Schema.is(FiscalYear)(effectiveFrom - 1))
              yield* keepRevision(current, effectiveFrom)
            const row = yield* Effect.orDie(encodeRow(next))
            const updatedAt = yield* nowIso
            const { planId: _p, no: _n, ...fields } = row
            const updated = yield* sql`UPDATE initiatives SET ${sql.update({ ...fields, updatedAt })}
              WHERE plan_id = ${planId} AND no = ${no} AND version = ${expectedVersion} RETURNING version`
            if (updated.length === 0) {
              const actual = yield* get(planId, no)
              return yield* new StaleVersion({
                entity: "initiative",
                key: keyOf(planId, no),
                expected: expectedVersion,
                actual: actual.version
              })
            }
            yield* writeAgencies(next)
            yield* audit.record({
              actor,
              planId,
              entity: "initiative",
              entityKey: keyOf(planId, no),
              action: "update",
              before: yield* Effect.orDie(encodeRow(current)),
              after: row
            })
            return { ...next, updatedAt }
          })
        )
        .pipe(Effect.catchTag("SqlError", Effect.die), Effect.withSpan("Initiatives.update"))

    return { list, revisions, find, get, insert, create, update } as const
  })
}) {
  static readonly layer = Layer.effect(this, this.make).pipe(Layer.provide(Audit.layer))
}
