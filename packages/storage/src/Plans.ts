import { Agency, answersWith, Plan } from "@sukoyaka/core"
import { Context, Effect, Layer, Option, Schema } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import * as SqlSchema from "effect/sql/SqlSchema"
import { Audit, type AuditActor, nowIso } from "./Audit.ts"

/** A plan as stored: the entity's fields, its basic policies as a JSON column. */
const PlanRow = Schema.Struct({ ...Plan.fields, basicPolicies: Schema.fromJsonString(Plan.fields.basicPolicies) })

export class PlanNotFound extends Schema.TaggedError<PlanNotFound>()("PlanNotFound", { planId: Schema.String }, answersWith(404)) {}

/** Plans and their agencies. Several plans (cities, basic policies) live side by side. */
export class Plans extends Context.Service<Plans>()("@sukoyaka/storage/Plans", {
  make: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const audit = yield* Audit
    const allRows = SqlSchema.findAll({ Request: Schema.Void, Result: PlanRow, execute: () => sql`SELECT * FROM plans ORDER BY id` })
    const findRow = SqlSchema.findOneOption({ Request: Schema.String, Result: PlanRow, execute: (planId) => sql`SELECT * FROM plans WHERE id = ${planId}` })
    // The Agency class decodes the columns themselves: each row becomes an Agency.
    const agencyRows = SqlSchema.findAll({
      Request: Schema.String,
      Result: Agency,
      execute: (planId) => sql`SELECT id, name, kind FROM agencies WHERE plan_id = ${planId} ORDER BY name`
    })

    const toPlan = (row: typeof PlanRow.Type) => new Plan(row)

    const list = allRows(undefined).pipe(
      Effect.map((rows) => rows.map(toPlan)),
      Effect.orDie,
      Effect.withSpan("Plans.list")
    )

    const find = (planId: string) => findRow(planId).pipe(Effect.map(Option.map(toPlan)), Effect.orDie, Effect.withSpan("Plans.find"))

    const get = (planId: string) =>
      Effect.flatMap(find(planId), Option.match({ onNone: () => Effect.fail(new PlanNotFound({ planId })), onSome: Effect.succeed }))

    const insert = (actor: AuditActor, plan: Plan) =>
      Effect.gen(function* () {
        const at = yield* nowIso
        const row = yield* Schema.encodeEffect(PlanRow)(plan)
        yield* sql`INSERT INTO plans ${sql.insert({ ...row, version: 1, createdAt: at, updatedAt: at })}`
        yield* audit.record({ actor, planId: plan.id, entity: "plan", entityKey: plan.id, action: "create", before: null, after: row })
      }).pipe(Effect.orDie, Effect.withSpan("Plans.insert"))

    const agencies = (planId: string): Effect.Effect<ReadonlyArray<Agency>> =>
      agencyRows(planId).pipe(Effect.orDie, Effect.withSpan("Plans.agencies"))

    const insertAgency = (actor: AuditActor, planId: string, agency: Agency) =>
      Effect.gen(function* () {
        yield* sql`INSERT INTO agencies ${sql.insert({ planId, id: agency.id, name: agency.name, kind: agency.kind })}`
        yield* audit.record({ actor, planId, entity: "agency", entityKey: agency.id, action: "create", before: null, after: { ...agency } })
      }).pipe(Effect.orDie, Effect.withSpan("Plans.insertAgency"))

    return { list, find, get, insert, agencies, insertAgency } as const
  })
}) {
  static readonly layer = Layer.effect(this, this.make).pipe(Layer.provide(Audit.layer))
}
