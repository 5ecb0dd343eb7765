import type { PlanSnapshot } from "@sukoyaka/core"
import { exclusiveStartup, seedDataset, systemActor } from "@sukoyaka/storage"
import { Effect, Option } from "effect"
import { bootstrapAdmin } from "./Accounts.ts"
import { loadShippedFrameworks } from "./ShippedFrameworks.ts"

/**
 * Seeds a data package's plan (passed in by the caller) into the database when it is not there yet;
 * under the start-up lock, so that processes starting together seed it once.
 */
export const seedPlan = (snapshot: PlanSnapshot) =>
  exclusiveStartup(seedDataset(snapshot)).pipe(Effect.withSpan("seedPlan"))

export interface StartupOptions {
  /** A data package's plan, seeded into an empty database (the caller chooses the package). */
  readonly seed?: PlanSnapshot | undefined
  /** The first admin, created when there is no user at all. */
  readonly admin?: { readonly email: string; readonly password: string | undefined } | undefined
}

/**
 * What a process does once before it serves (the database is migrated by then, when the layer was
 * built): seed an empty database and create the first admin, each under the start-up lock so that
 * several processes starting together do it once.
 */
export const prepareDatabase = (options: StartupOptions) =>
  Effect.gen(function* () {
    const seeded = options.seed ? yield* seedPlan(options.seed) : undefined
    // A freshly seeded demo gets the shipped national frameworks too, so that tagging works at once.
    if (seeded?._tag === "Seeded") yield* exclusiveStartup(loadShippedFrameworks(systemActor))
    const generatedAdminPassword = options.admin
      ? Option.getOrUndefined(yield* exclusiveStartup(bootstrapAdmin(options.admin.email, options.admin.password)))
      : undefined
    return { seeded, generatedAdminPassword }
  }).pipe(Effect.withSpan("prepareDatabase"))
