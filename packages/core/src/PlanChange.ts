import type { AgencyId } from "./Agency.ts"
import type {
  AgencyCreate,
  AgencyPatch,
  AreaCreate,
  AreaPatch,
  BasicPolicyCreate,
  BasicPolicyPatch,
  InitiativeCreate,
  InitiativePatch,
  ObjectiveCreate,
  ObjectivePatch,
  TargetCreate,
  TargetPatch
} from "./api/Structure.ts"
import type { Bilingual } from "./Bilingual.ts"
import type { InitiativeNo } from "./Initiative.ts"
import type { AreaRef, BasicPolicyNo, ObjectiveRef, Plan } from "./Plan.ts"
import { structureLabel, type StructureEntity } from "./StructureError.ts"
import type { Observation, TargetId } from "./Target.ts"

/*
 * One change of a plan-definition import (ADR 0010): the structure command to run, with where the
 * file says it and which fields differ, so that a person can read the list before it is applied.
 */

/** One field that differs: its value before (null when the thing is new) and after. */
export interface FieldChange {
  readonly field: string
  readonly before: unknown
  readonly after: unknown
}

interface ChangeOf<Tag extends string> {
  readonly _tag: Tag
  /** Where the file says it: `plan.basicPolicies[0].areas[1]`, `initiatives[3]`. */
  readonly path: string
  /** The thing's key as the audit log and the API name it: "3", "3-1", "3-1-1", "kenko-shien", "57". */
  readonly key: string
  /** Its name as written (a node's title, an agency's or initiative's name, a target's indicator). */
  readonly title: string
  readonly fields: ReadonlyArray<FieldChange>
}

/** The plan's own fields besides its tree and id. */
export type PlanIdentityPatch = Partial<Pick<Plan, "city" | "title" | "vision" | "goal">>

/** A target's figures a file may give: replaced as a whole when they differ. */
export interface TargetFigures {
  readonly baseline?: Observation | null
  readonly observations?: ReadonlyArray<Observation>
}

export type PlanChange =
  | (ChangeOf<"CreatePlan"> & { readonly plan: Plan })
  | (ChangeOf<"UpdatePlan"> & { readonly patch: PlanIdentityPatch })
  | (ChangeOf<"CreatePolicy"> & { readonly body: BasicPolicyCreate })
  | (ChangeOf<"UpdatePolicy"> & { readonly policyNo: BasicPolicyNo; readonly patch: BasicPolicyPatch })
  | (ChangeOf<"CreateArea"> & { readonly policyNo: BasicPolicyNo; readonly body: AreaCreate })
  | (ChangeOf<"UpdateArea"> & { readonly ref: AreaRef; readonly patch: AreaPatch })
  | (ChangeOf<"CreateObjective"> & { readonly ref: AreaRef; readonly body: ObjectiveCreate })
  | (ChangeOf<"UpdateObjective"> & { readonly ref: ObjectiveRef; readonly patch: ObjectivePatch })
  | (ChangeOf<"CreateAgency"> & { readonly body: AgencyCreate })
  | (ChangeOf<"UpdateAgency"> & { readonly agencyId: AgencyId; readonly version: number; readonly patch: AgencyPatch })
  | (ChangeOf<"CreateInitiative"> & { readonly body: InitiativeCreate })
  | (ChangeOf<"UpdateInitiative"> & {
      readonly no: InitiativeNo
      readonly version: number
      readonly patch: InitiativePatch
    })
  | (ChangeOf<"CreateTarget"> & { readonly body: TargetCreate })
  | (ChangeOf<"UpdateTarget"> & {
      readonly targetId: TargetId
      readonly version: number
      readonly patch: TargetPatch
      readonly figures: TargetFigures
    })

export type ChangedEntity = "plan" | StructureEntity

const entityOfTag: Record<PlanChange["_tag"], readonly ["create" | "update", ChangedEntity]> = {
  CreatePlan: ["create", "plan"],
  UpdatePlan: ["update", "plan"],
  CreatePolicy: ["create", "basicPolicy"],
  UpdatePolicy: ["update", "basicPolicy"],
  CreateArea: ["create", "area"],
  UpdateArea: ["update", "area"],
  CreateObjective: ["create", "objective"],
  UpdateObjective: ["update", "objective"],
  CreateAgency: ["create", "agency"],
  UpdateAgency: ["update", "agency"],
  CreateInitiative: ["create", "initiative"],
  UpdateInitiative: ["update", "initiative"],
  CreateTarget: ["create", "target"],
  UpdateTarget: ["update", "target"]
}

/** Whether the change creates or updates, and what. */
export const describeChange = (
  change: PlanChange
): { readonly action: "create" | "update"; readonly entity: ChangedEntity } => {
  const [action, entity] = entityOfTag[change._tag]
  return { action, entity }
}

/** The thing a change concerns as people name it: 「基本方針3 分野1 取組方針①」, 「Ｎｏ.57」, 「計画「…」」. */
export const changeLabel = (change: PlanChange): Bilingual => {
  const { entity } = describeChange(change)
  return entity === "plan"
    ? { ja: `計画「${change.key}」`, en: `plan ${change.key}` }
    : structureLabel(entity, change.key)
}
