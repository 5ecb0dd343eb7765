import {
  DefinitionOfAnotherPlan,
  diffPlanDefinition,
  type PlanChange,
  type PlanContents,
  type PlanDefinition,
  planImportResult,
  relocate,
  type StructureError
} from "@sukoyaka/core"
import { type AuditActor, Initiatives, Plans, Targets } from "@sukoyaka/storage"
import { Data, Effect, Option } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import { Structure } from "./Structure.ts"

const structureTags = new Set([
  "AlreadyExists",
  "NodeNotFound",
  "UnknownReference",
  "NotInEffect",
  "StillInUse",
  "InvalidLifespan"
])

const isStructureError = (error: unknown): error is StructureError =>
  typeof error === "object" && error !== null && structureTags.has((error as { _tag?: string })._tag ?? "")

/** A dry run's way out of its transaction: everything it wrote is rolled back, its changes kept. */
class DryRunDone extends Data.TaggedError("DryRunDone")<{ readonly changes: ReadonlyArray<PlanChange> }> {}

export interface PlanImportOptions {
  /** Work out and check every change (in a transaction that is then rolled back); write nothing. */
  readonly dryRun: boolean
}

/**
 * Loads a plan-definition file (ADR 0010, docs/plan-definition.md) into the plan `planId`: creates
 * the plan when the database does not have it yet, then creates what is missing and updates what
 * differs through the structure commands, so that every change is audited and versioned as if a
 * person had made it. All or nothing: the changes run in one transaction. A dry run runs them too,
 * so that it finds what only the database knows (a retirement that would strand an initiative the
 * file does not mention), and rolls them back. Errors name the entry of the file they concern.
 */
export const importPlanDefinition = (
  actor: AuditActor,
  planId: string,
  definition: PlanDefinition,
  options: PlanImportOptions
) =>
  Effect.gen(function* () {
    if (definition.plan.id !== planId)
      return yield* new DefinitionOfAnotherPlan({ planId, definedId: definition.plan.id })
    const sql = yield* SqlClient.SqlClient
    const plans = yield* Plans
    const initiatives = yield* Initiatives
    const targets = yield* Targets
    const structure = yield* Structure

    const currentContents = Effect.gen(function* () {
      if (Option.isNone(yield* plans.find(planId))) return undefined
      const versioned = yield* plans.getVersioned(planId)
      const contents: PlanContents = {
        plan: versioned.plan,
        agencies: yield* plans.agencies(planId),
        initiatives: yield* initiatives.list(planId),
        targets: yield* targets.list(planId)
      }
      return { contents, version: versioned.version }
    })

    const applyAll = Effect.gen(function* () {
      const current = yield* currentContents
      const changes = yield* Effect.fromResult(diffPlanDefinition(current?.contents, definition))
      let planVersion = current?.version ?? 0
      // An entity changed twice (first widened, last narrowed) is based on the version its first change left.
      const versions = new Map<string, number>()
      const versionOf = (change: PlanChange & { readonly version: number }) =>
        versions.get(`${change._tag}/${change.key}`) ?? change.version

      const apply = (change: PlanChange) =>
        Effect.gen(function* () {
          switch (change._tag) {
            case "CreatePlan":
              yield* plans.create(actor, change.plan)
              planVersion = 1
              return
            case "UpdatePlan":
              planVersion = (yield* plans.updateIdentity(actor, planId, planVersion, change.patch)).version
              return
            case "CreatePolicy":
              planVersion = (yield* structure.createPolicy(actor, planId, planVersion, change.body)).version
              return
            case "UpdatePolicy":
              planVersion = (yield* structure.changePolicy(actor, planId, change.policyNo, planVersion, change.patch))
                .version
              return
            case "CreateArea":
              planVersion = (yield* structure.createArea(actor, planId, change.policyNo, planVersion, change.body))
                .version
              return
            case "UpdateArea":
              planVersion = (yield* structure.changeArea(actor, planId, change.ref, planVersion, change.patch)).version
              return
            case "CreateObjective":
              planVersion = (yield* structure.createObjective(actor, planId, change.ref, planVersion, change.body))
                .version
              return
            case "UpdateObjective":
              planVersion = (yield* structure.changeObjective(actor, planId, change.ref, planVersion, change.patch))
                .version
              return
            case "CreateAgency":
              yield* structure.createAgency(actor, planId, change.body)
              return
            case "UpdateAgency": {
              const saved = yield* structure.changeAgency(
                actor,
                planId,
                change.agencyId,
                versionOf(change),
                change.patch
              )
              versions.set(`${change._tag}/${change.key}`, saved.version)
              return
            }
            case "CreateInitiative":
              yield* structure.createInitiative(actor, planId, change.body)
              return
            case "UpdateInitiative": {
              const saved = yield* structure.changeInitiative(actor, planId, change.no, versionOf(change), change.patch)
              versions.set(`${change._tag}/${change.key}`, saved.version)
              return
            }
            case "CreateTarget":
              yield* structure.createTarget(actor, planId, change.body)
              return
            case "UpdateTarget": {
              let version = versionOf(change)
              if (Object.keys(change.patch).length > 0)
                version =
                  (yield* structure.changeTarget(actor, planId, change.targetId, version, change.patch)).version ??
                  version + 1
              // Baseline and observations are not the structure command's: written as PUT …/targets writes them.
              if (Object.keys(change.figures).length > 0)
                version =
                  (yield* targets.update(actor, planId, change.targetId, version, (target) => ({
                    ...target,
                    ...change.figures
                  }))).version ?? version + 1
              versions.set(`${change._tag}/${change.key}`, version)
              return
            }
          }
        }).pipe(Effect.mapError((error) => (isStructureError(error) ? relocate(error, change.path) : error)))

      for (const change of changes) yield* apply(change)
      return changes
    })

    const changes = options.dryRun
      ? yield* sql
          .withTransaction(Effect.flatMap(applyAll, (done) => Effect.fail(new DryRunDone({ changes: done }))))
          .pipe(
            Effect.catchTag("DryRunDone", (done) => Effect.succeed(done.changes)),
            Effect.catchTag("SqlError", Effect.die)
          )
      : yield* sql.withTransaction(applyAll).pipe(Effect.catchTag("SqlError", Effect.die))
    return planImportResult(definition.plan.id, changes, options.dryRun)
  }).pipe(Effect.withSpan("importPlanDefinition"))
