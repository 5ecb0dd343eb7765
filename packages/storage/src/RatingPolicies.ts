import { defaultRatingPolicy, FiscalYear, PlanId, RatingPolicy } from "@sukoyaka/core"
import { Context, Effect, Layer, Schema } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import * as SqlSchema from "effect/sql/SqlSchema"
import { Audit, type AuditActor, nowIso } from "./Audit.ts"

const Row = Schema.Struct({ body: Schema.fromJsonString(RatingPolicy) })

/** Rating policies per plan, versioned: a new version never rewrites the one a past report used. */
export class RatingPolicies extends Context.Service<RatingPolicies>()("@sukoyaka/storage/RatingPolicies", {
  make: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const audit = yield* Audit
    const rowsOfPlan = SqlSchema.findAll({
      Request: Schema.String,
      Result: Row,
      execute: (planId) => sql`SELECT body FROM rating_policies WHERE plan_id = ${planId} ORDER BY version`
    })

    const list = (planId: string): Effect.Effect<ReadonlyArray<RatingPolicy>> =>
      rowsOfPlan(planId).pipe(
        Effect.map((rows) => rows.map((row) => row.body)),
        Effect.orDie,
        Effect.withSpan("RatingPolicies.list")
      )

    /** The latest version in force for a fiscal year, or the calibrated default when none is stored. */
    const forYear = (planId: string, fiscalYear: number) =>
      Effect.map(list(planId), (policies) => {
        const inForce = policies.filter((policy) => policy.effectiveFrom <= fiscalYear)
        return inForce.at(-1) ?? policies[0] ?? defaultRatingPolicy(PlanId.make(planId), FiscalYear.make(fiscalYear))
      })

    /** Stores a new version (the next number), whatever version the caller put in. */
    const create = (actor: AuditActor, policy: Omit<RatingPolicy, "version">) =>
      sql
        .withTransaction(
          Effect.gen(function* () {
            const existing = yield* list(policy.planId)
            const stored: RatingPolicy = { ...policy, version: (existing.at(-1)?.version ?? 0) + 1 }
            const body = Schema.encodeSync(RatingPolicy)(stored)
            yield* sql`INSERT INTO rating_policies ${sql.insert({ planId: policy.planId, version: stored.version, body: JSON.stringify(body), createdAt: yield* nowIso, createdBy: actor.id })}`
            yield* audit.record({
              actor,
              planId: policy.planId,
              entity: "ratingPolicy",
              entityKey: `${policy.planId}/${stored.version}`,
              action: "create",
              before: null,
              after: body
            })
            return stored
          })
        )
        .pipe(Effect.orDie, Effect.withSpan("RatingPolicies.create"))

    return { list, forYear, create } as const
  })
}) {
  static readonly layer = Layer.effect(this, this.make).pipe(Layer.provide(Audit.layer))
}
