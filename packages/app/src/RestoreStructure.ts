import {
  AgencyPatch,
  type AreaNo,
  AreaPatch,
  answersWith,
  type BasicPolicyNo,
  BasicPolicyPatch,
  Explanation,
  InitiativePatch,
  type ObjectiveNo,
  ObjectivePatch,
  TargetPatch
} from "@sukoyaka/core"
import {
  Audit,
  type AuditActor,
  type AuditEntry,
  AuditEntryNotFound,
  InitiativeRow,
  Initiatives,
  Plans,
  Targets
} from "@sukoyaka/storage"
import { Effect, Option, Schema } from "effect"
import { Structure } from "./Structure.ts"

/** An audit entry that restore cannot bring back: a creation, or not a structural change. */
export class NotRestorable extends Schema.TaggedError<NotRestorable>()(
  "NotRestorable",
  { id: Schema.Number, entity: Schema.String, created: Schema.Boolean },
  answersWith(422)
) {
  override get message() {
    return this.created
      ? `entry ${this.id} records a creation: there is no earlier state to go back to; retire it instead (until)`
      : `entry ${this.id} (${this.entity}) is not a structural change; a review is restored from its own history`
  }
  get [Explanation]() {
    return [
      {
        path: "param.auditId",
        ja: this.created
          ? `記録 ${this.id} は作成の記録のため、戻す前の状態がありません。不要なら終了年度を設定してください`
          : `記録 ${this.id} は計画の構成の変更ではありません（評価は評価の履歴から戻します）`,
        en: this.message
      }
    ]
  }
}

/** What a restore answers: the thing restored and its new version (the plan's, for the tree). */
export interface RestoredStructure {
  readonly entity: string
  readonly entityKey: string
  readonly version: number
}

/** "3-1-1" (the tree's audit key after the plan id) as numbers: written by the tree's own change, valid. */
const numbersOf = (entry: AuditEntry, planId: string) =>
  entry.entityKey
    .slice(planId.length + 1)
    .split("-")
    .map(Number) as [BasicPolicyNo, AreaNo, ObjectiveNo]

/**
 * Brings a structural change back: the node, agency, initiative or target as it was before the
 * audit entry's change, written through the same command as any edit (checked, versioned with the
 * caller's If-Match of the thing restored — the plan's for the tree — and audited). Later changes of
 * other fields are not undone: every field the entry kept is set as it was then.
 */
export const restoreStructure = (actor: AuditActor, planId: string, auditId: number, expected: number | "current") =>
  Effect.gen(function* () {
    const entry = yield* (yield* Audit)
      .get(auditId)
      .pipe(
        Effect.flatMap(
          Option.match({ onNone: () => Effect.fail(new AuditEntryNotFound({ id: auditId })), onSome: Effect.succeed })
        )
      )
    if (entry.planId !== planId) return yield* new AuditEntryNotFound({ id: auditId })
    const notRestorable = new NotRestorable({ id: auditId, entity: entry.entity, created: entry.before === null })
    if (entry.before === null) return yield* notRestorable
    const before = entry.before
    // The entry's fields decoded as the entity's patch: what the entry did not keep stays as it is now.
    const patchOf = <S extends Schema.Top>(schema: S) =>
      Schema.decodeUnknownEffect(schema)(before).pipe(Effect.orDie) as Effect.Effect<S["Type"]>
    const structure = yield* Structure
    const [policyNo, areaNo, objectiveNo] = numbersOf(entry, planId)
    // `If-Match: *`: the restore goes ahead on the version of what is restored as it is now.
    const plans = yield* Plans
    const expectedOf = <E, R>(current: Effect.Effect<number | undefined, E, R>) =>
      expected === "current" ? Effect.map(current, (version) => version ?? 1) : Effect.succeed(expected)
    const planVersion = expectedOf(Effect.map(plans.getVersioned(planId), ({ version }) => version))
    const restored = (version: number | undefined): RestoredStructure => ({
      entity: entry.entity,
      entityKey: entry.entityKey,
      version: version ?? 1
    })
    switch (entry.entity) {
      case "basicPolicy": {
        const patch = yield* patchOf(BasicPolicyPatch)
        const version = yield* planVersion
        return restored((yield* structure.changePolicy(actor, planId, policyNo, version, patch)).version)
      }
      case "area": {
        const patch = yield* patchOf(AreaPatch)
        const ref = { policyNo, areaNo }
        return restored((yield* structure.changeArea(actor, planId, ref, yield* planVersion, patch)).version)
      }
      case "objective": {
        const patch = yield* patchOf(ObjectivePatch)
        const ref = { policyNo, areaNo, objectiveNo }
        return restored((yield* structure.changeObjective(actor, planId, ref, yield* planVersion, patch)).version)
      }
      case "agency": {
        const patch = yield* patchOf(AgencyPatch)
        const version = yield* expectedOf(
          Effect.map(plans.getAgency(planId, entry.entityKey), (agency) => agency.version)
        )
        return restored((yield* structure.changeAgency(actor, planId, entry.entityKey, version, patch)).version)
      }
      case "initiative": {
        // An initiative's entry keeps the stored row (JSON columns as text): read it as the entity first.
        const initiative = yield* Schema.decodeUnknownEffect(InitiativeRow)(before).pipe(Effect.orDie)
        const patch = yield* Schema.decodeUnknownEffect(InitiativePatch)(initiative).pipe(Effect.orDie)
        const version = yield* expectedOf(
          Effect.map((yield* Initiatives).get(planId, initiative.no), (current) => current.version)
        )
        return restored((yield* structure.changeInitiative(actor, planId, initiative.no, version, patch)).version)
      }
      case "target": {
        const patch = yield* patchOf(TargetPatch)
        const targetId = entry.entityKey.slice(planId.length + 1)
        const version = yield* expectedOf(
          Effect.map((yield* Targets).get(planId, targetId), (target) => target.version)
        )
        return restored((yield* structure.changeTarget(actor, planId, targetId, version, patch)).version)
      }
      default:
        return yield* notRestorable
    }
  }).pipe(Effect.withSpan("restoreStructure"))
