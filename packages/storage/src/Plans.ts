import {
  Agency,
  AgencyId,
  AgencyKind,
  AlreadyExists,
  answersWith,
  BasicPolicy,
  FiscalYear,
  NodeNotFound,
  Plan,
  PlanId,
  type PlanIdentityPatch,
  StaleVersion,
  type TreeChange
} from "@sukoyaka/core"
import { Context, Effect, Layer, Option, Schema } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import { Audit, type AuditActor, nowIso } from "./Audit.ts"

const PlanRow = Schema.Struct({
  id: PlanId,
  city: Schema.String,
  title: Schema.String,
  vision: Schema.String,
  goal: Schema.String,
  basicPolicies: Schema.fromJsonString(Schema.Array(BasicPolicy)),
  version: Schema.Int
})

const AgencyRow = Schema.Struct({
  id: AgencyId,
  name: Schema.String,
  kind: AgencyKind,
  reading: Schema.String,
  position: Schema.Int,
  since: Schema.NullOr(FiscalYear),
  until: Schema.NullOr(FiscalYear),
  version: Schema.Int
})

export class PlanNotFound extends Schema.TaggedError<PlanNotFound>()(
  "PlanNotFound",
  { planId: Schema.String },
  answersWith(404)
) {}

/** What an admin may change on an agency (its id never changes). */
export type AgencyChanges = Partial<Pick<Agency, "name" | "kind" | "reading" | "position" | "since" | "until">>

/** A plan as stored with its version: the ETag of its tree (basic policies, areas, objectives). */
export interface VersionedPlan {
  readonly plan: Plan
  readonly version: number
}

/** Plans and their agencies. Several plans (cities, basic policies) live side by side. */
export class Plans extends Context.Service<Plans>()("@sukoyaka/storage/Plans", {
  make: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const audit = yield* Audit
    const decodePlans = Schema.decodeUnknownEffect(Schema.Array(PlanRow))
    const decodeAgencies = Schema.decodeUnknownEffect(Schema.Array(AgencyRow))
    const encodeTree = Schema.encodeEffect(PlanRow.fields.basicPolicies)

    const toPlan = ({ version: _version, ...row }: typeof PlanRow.Type) => new Plan(row)

    const list = Effect.gen(function* () {
      const rows = yield* sql`SELECT * FROM plans ORDER BY id`
      return (yield* decodePlans(rows)).map(toPlan)
    }).pipe(Effect.orDie, Effect.withSpan("Plans.list"))

    const findVersioned = (planId: string) =>
      Effect.gen(function* () {
        const rows = yield* sql`SELECT * FROM plans WHERE id = ${planId}`
        return Option.map(Option.fromNullishOr((yield* decodePlans(rows))[0]), (row): VersionedPlan => ({
          plan: toPlan(row),
          version: row.version
        }))
      }).pipe(Effect.orDie, Effect.withSpan("Plans.find"))

    const find = (planId: string) =>
      Effect.map(
        findVersioned(planId),
        Option.map(({ plan }) => plan)
      )

    /** The plan with the version of its tree. */
    const getVersioned = (planId: string) =>
      Effect.flatMap(
        findVersioned(planId),
        Option.match({ onNone: () => Effect.fail(new PlanNotFound({ planId })), onSome: Effect.succeed })
      )

    const get = (planId: string) => Effect.map(getVersioned(planId), ({ plan }) => plan)

    const insert = (actor: AuditActor, plan: Plan) =>
      Effect.gen(function* () {
        const at = yield* nowIso
        const { version: _version, ...row } = yield* Schema.encodeEffect(PlanRow)({ ...plan, version: 1 })
        yield* sql`INSERT INTO plans ${sql.insert({ ...row, version: 1, createdAt: at, updatedAt: at })}`
        yield* audit.record({
          actor,
          planId: plan.id,
          entity: "plan",
          entityKey: plan.id,
          action: "create",
          before: null,
          after: row
        })
      }).pipe(Effect.orDie, Effect.withSpan("Plans.insert"))

    /**
     * A new plan, for a caller that read it as absent (a plan-definition import on a fresh
     * database). Created meanwhile by someone else, it is a stale read (412: read again), decided by
     * the insert itself, never a unique-key failure.
     */
    const create = (actor: AuditActor, plan: Plan) =>
      Effect.gen(function* () {
        const at = yield* nowIso
        const { version: _version, ...row } = yield* Effect.orDie(Schema.encodeEffect(PlanRow)({ ...plan, version: 1 }))
        const inserted =
          yield* sql`INSERT INTO plans ${sql.insert({ ...row, version: 1, createdAt: at, updatedAt: at })} ON CONFLICT (id) DO NOTHING RETURNING id`
        if (inserted.length === 0)
          return yield* new StaleVersion({ entity: "plan", key: plan.id, expected: 0, actual: 1 })
        yield* audit.record({
          actor,
          planId: plan.id,
          entity: "plan",
          entityKey: plan.id,
          action: "create",
          before: null,
          after: row
        })
      }).pipe(Effect.catchTag("SqlError", Effect.die), Effect.withSpan("Plans.create"))

    /**
     * One change of the plan's tree, if its stored version is still `expectedVersion` (the ETag the
     * writer read): the tree is one document, so a rename, a move or a retirement is one atomic,
     * versioned change, audited under the node it changed.
     */
    const updateTree = <E, R>(
      actor: AuditActor,
      planId: string,
      expectedVersion: number,
      change: (plan: Plan) => Effect.Effect<TreeChange, E, R>
    ) =>
      sql
        .withTransaction(
          Effect.gen(function* () {
            const current = yield* getVersioned(planId)
            if (current.version !== expectedVersion) {
              return yield* new StaleVersion({
                entity: "plan",
                key: planId,
                expected: expectedVersion,
                actual: current.version
              })
            }
            const changed = yield* change(current.plan)
            const basicPolicies = yield* Effect.orDie(encodeTree(changed.plan.basicPolicies))
            const updated =
              yield* sql`UPDATE plans SET ${sql.update({ basicPolicies, version: expectedVersion + 1, updatedAt: yield* nowIso })}
              WHERE id = ${planId} AND version = ${expectedVersion} RETURNING version`
            if (updated.length === 0) {
              const actual = yield* getVersioned(planId)
              return yield* new StaleVersion({
                entity: "plan",
                key: planId,
                expected: expectedVersion,
                actual: actual.version
              })
            }
            yield* audit.record({
              actor,
              planId,
              entity: changed.entity,
              entityKey: `${planId}/${changed.key}`,
              action: changed.before === null ? "create" : "update",
              before: changed.before,
              after: changed.after
            })
            return { plan: changed.plan, version: expectedVersion + 1 } satisfies VersionedPlan
          })
        )
        .pipe(Effect.catchTag("SqlError", Effect.die), Effect.withSpan("Plans.updateTree"))

    /**
     * Changes the plan's own fields (city, title, vision, goal) if its stored version is still
     * `expectedVersion`: versioned with the tree (one ETag for the plan), audited as the plan's.
     */
    const updateIdentity = (actor: AuditActor, planId: string, expectedVersion: number, patch: PlanIdentityPatch) =>
      sql
        .withTransaction(
          Effect.gen(function* () {
            const current = yield* getVersioned(planId)
            const stale = (actual: number) =>
              new StaleVersion({
                entity: "plan",
                key: planId,
                expected: expectedVersion,
                actual
              })
            if (current.version !== expectedVersion) return yield* stale(current.version)
            const identity = ({ city, title, vision, goal }: Plan) => ({
              city,
              title,
              vision,
              goal
            })
            const plan = new Plan({ ...current.plan, ...patch })
            const updated =
              yield* sql`UPDATE plans SET ${sql.update({ ...identity(plan), version: expectedVersion + 1, updatedAt: yield* nowIso })}
              WHERE id = ${planId} AND version = ${expectedVersion} RETURNING version`
            if (updated.length === 0) return yield* stale((yield* getVersioned(planId)).version)
            yield* audit.record({
              actor,
              planId,
              entity: "plan",
              entityKey: planId,
              action: "update",
              before: identity(current.plan),
              after: identity(plan)
            })
            return {
              plan,
              version: expectedVersion + 1
            } satisfies VersionedPlan
          })
        )
        .pipe(Effect.catchTag("SqlError", Effect.die), Effect.withSpan("Plans.updateIdentity"))

    /** The plan's agencies in their order: position, then reading (よみ), then name. */
    const agencies = (planId: string) =>
      Effect.gen(function* () {
        const rows =
          yield* sql`SELECT id, name, kind, reading, position, since, until, version FROM agencies WHERE plan_id = ${planId} ORDER BY position, reading, name`
        return (yield* decodeAgencies(rows)).map((row) => new Agency(row))
      }).pipe(Effect.orDie, Effect.withSpan("Plans.agencies"))

    const getAgency = (planId: string, agencyId: string) =>
      Effect.flatMap(agencies(planId), (all) =>
        Option.match(Option.fromNullishOr(all.find((agency) => agency.id === agencyId)), {
          onNone: () => Effect.fail(new NodeNotFound({ entity: "agency", key: agencyId, path: "param.agencyId" })),
          onSome: Effect.succeed
        })
      )

    const agencyColumns = (planId: string, agency: Agency) => ({
      planId,
      id: agency.id,
      name: agency.name,
      kind: agency.kind,
      reading: agency.reading,
      position: agency.position,
      since: agency.since,
      until: agency.until,
      version: agency.version
    })

    const insertAgency = (actor: AuditActor, planId: string, agency: Agency) =>
      Effect.gen(function* () {
        yield* sql`INSERT INTO agencies ${sql.insert(agencyColumns(planId, agency))}`
        yield* audit.record({
          actor,
          planId,
          entity: "agency",
          entityKey: agency.id,
          action: "create",
          before: null,
          after: { ...agency }
        })
      }).pipe(Effect.orDie, Effect.withSpan("Plans.insertAgency"))

    /** A new agency; an id taken already (retired or not) is AlreadyExists, decided by the insert itself. */
    const createAgency = (actor: AuditActor, planId: string, agency: Agency) =>
      sql
        .withTransaction(
          Effect.gen(function* () {
            const inserted =
              yield* sql`INSERT INTO agencies ${sql.insert(agencyColumns(planId, agency))} ON CONFLICT (plan_id, id) DO NOTHING RETURNING id`
            if (inserted.length === 0) return yield* new AlreadyExists({ entity: "agency", key: agency.id, path: "id" })
            yield* audit.record({
              actor,
              planId,
              entity: "agency",
              entityKey: agency.id,
              action: "create",
              before: null,
              after: { ...agency }
            })
            return agency
          })
        )
        .pipe(Effect.catchTag("SqlError", Effect.die), Effect.withSpan("Plans.createAgency"))

    /** Applies `changes` if the agency's stored version is still `expectedVersion`; the version then rises by one. */
    const updateAgency = (
      actor: AuditActor,
      planId: string,
      agencyId: string,
      expectedVersion: number,
      changes: AgencyChanges
    ) =>
      sql
        .withTransaction(
          Effect.gen(function* () {
            const current = yield* getAgency(planId, agencyId)
            const key = `${planId}/${agencyId}`
            if (current.version !== expectedVersion) {
              return yield* new StaleVersion({
                entity: "agency",
                key,
                expected: expectedVersion,
                actual: current.version
              })
            }
            const next = new Agency({ ...current, ...changes, version: expectedVersion + 1 })
            const { planId: _p, id: _i, ...fields } = agencyColumns(planId, next)
            const updated = yield* sql`UPDATE agencies SET ${sql.update(fields)}
              WHERE plan_id = ${planId} AND id = ${agencyId} AND version = ${expectedVersion} RETURNING version`
            if (updated.length === 0) {
              const actual = yield* getAgency(planId, agencyId)
              return yield* new StaleVersion({
                entity: "agency",
                key,
                expected: expectedVersion,
                actual: actual.version
              })
            }
            yield* audit.record({
              actor,
              planId,
              entity: "agency",
              entityKey: agencyId,
              action: "update",
              before: { ...current },
              after: { ...next }
            })
            return next
          })
        )
        .pipe(Effect.catchTag("SqlError", Effect.die), Effect.withSpan("Plans.updateAgency"))

    return {
      list,
      find,
      get,
      getVersioned,
      insert,
      create,
      updateTree,
      updateIdentity,
      agencies,
      getAgency,
      insertAgency,
      createAgency,
      updateAgency
    } as const
  })
}) {
  static readonly layer = Layer.effect(this, this.make).pipe(Layer.provide(Audit.layer))
}
