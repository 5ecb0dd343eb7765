import { Agency, AgencyId, AgencyKind, answersWith, BasicPolicy, Plan, PlanId } from "@sukoyaka/core"
import { Context, Effect, Layer, Option, Schema } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import { Audit, type AuditActor, nowIso } from "./Audit.ts"

const PlanRow = Schema.Struct({
  id: PlanId,
  city: Schema.String,
  title: Schema.String,
  vision: Schema.String,
  goal: Schema.String,
  basicPolicies: Schema.fromJsonString(Schema.Array(BasicPolicy))
})

const AgencyRow = Schema.Struct({ id: AgencyId, name: Schema.String, kind: AgencyKind })

export class PlanNotFound extends Schema.TaggedError<PlanNotFound>()("PlanNotFound", { planId: Schema.String }, answersWith(404)) {}

/** Plans and their agencies. Several plans (cities, basic policies) live side by side. */
export class Plans extends Context.Service<Plans>()("@sukoyaka/storage/Plans", {
  make: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const audit = yield* Audit
    const decodePlans = Schema.decodeUnknownEffect(Schema.Array(PlanRow))
    const decodeAgencies = Schema.decodeUnknownEffect(Schema.Array(AgencyRow))

    const toPlan = (row: typeof PlanRow.Type) => new Plan(row)

    const list = Effect.gen(function* () {
      const rows = yield* sql`SELECT * FROM plans ORDER BY id`
      return (yield* decodePlans(rows)).map(toPlan)
    }).pipe(Effect.orDie, Effect.withSpan("Plans.list"))

    const find = (planId: string) =>
      Effect.gen(function* () {
        const rows = yield* sql`SELECT * FROM plans WHERE id = ${planId}`
        return Option.map(Option.fromNullishOr((yield* decodePlans(rows))[0]), toPlan)
      }).pipe(Effect.orDie, Effect.withSpan("Plans.find"))

    const get = (planId: string) =>
      Effect.flatMap(find(planId), Option.match({ onNone: () => Effect.fail(new PlanNotFound({ planId })), onSome: Effect.succeed }))

    const insert = (actor: AuditActor, plan: Plan) =>
      Effect.gen(function* () {
        const at = yield* nowIso
        const row = yield* Schema.encodeEffect(PlanRow)(plan)
        yield* sql`INSERT INTO plans ${sql.insert({ ...row, version: 1, createdAt: at, updatedAt: at })}`
        yield* audit.record({ actor, planId: plan.id, entity: "plan", entityKey: plan.id, action: "create", before: null, after: row })
      }).pipe(Effect.orDie, Effect.withSpan("Plans.insert"))

    const agencies = (planId: string) =>
      Effect.gen(function* () {
        const rows = yield* sql`SELECT id, name, kind FROM agencies WHERE plan_id = ${planId} ORDER BY name`
        return (yield* decodeAgencies(rows)).map((row) => new Agency(row))
      }).pipe(Effect.orDie, Effect.withSpan("Plans.agencies"))

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
