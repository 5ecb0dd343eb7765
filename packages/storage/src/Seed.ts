import type { PlanSnapshot } from "@sukoyaka/core"
import { Effect, Option } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import { type AuditActor, systemActor } from "./Audit.ts"
import { Initiatives } from "./Initiatives.ts"
import { Plans } from "./Plans.ts"
import { RatingPolicies } from "./RatingPolicies.ts"
import { Reviews } from "./Reviews.ts"
import { Targets } from "./Targets.ts"

export type SeedResult =
  | { readonly _tag: "Seeded"; readonly initiatives: number; readonly reviews: number }
  | { readonly _tag: "AlreadyPresent" }

const alreadyPresent: SeedResult = { _tag: "AlreadyPresent" }

/**
 * Loads a plan's snapshot (a data package's, passed in by the caller) into the database in one transaction, audited like any change. Idempotent: when
 * the plan is already there nothing is touched, so edited data is never overwritten.
 */
export const seedDataset = (dataset: PlanSnapshot, actor: AuditActor = systemActor) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const plans = yield* Plans
    const initiatives = yield* Initiatives
    const reviews = yield* Reviews
    const targets = yield* Targets
    const policies = yield* RatingPolicies
    return yield* sql.withTransaction(
      Effect.gen(function* () {
        if (Option.isSome(yield* plans.find(dataset.plan.id))) return alreadyPresent
        yield* plans.insert(actor, dataset.plan)
        for (const agency of dataset.agencies) yield* plans.insertAgency(actor, dataset.plan.id, agency)
        for (const initiative of dataset.initiatives) yield* initiatives.insert(actor, initiative)
        for (const review of dataset.reviews) yield* reviews.insert(actor, review)
        for (const [position, target] of dataset.targets.entries())
          yield* targets.insert(actor, dataset.plan.id, target, position)
        const { version: _version, ...policy } = dataset.ratingPolicy
        yield* policies.create(actor, policy)
        const seeded: SeedResult = {
          _tag: "Seeded",
          initiatives: dataset.initiatives.length,
          reviews: dataset.reviews.length
        }
        return seeded
      })
    )
  }).pipe(Effect.orDie, Effect.withSpan("seedDataset"))
