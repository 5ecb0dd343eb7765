import { Effect, Schema, Struct } from "effect"
import { Agency } from "./Agency.ts"
import { AgencyCreate, InitiativeCreate, TargetCreate } from "./api/Structure.ts"
import { LabelJa } from "./Bilingual.ts"
import { answersWith, Explanation, type ExplainedIssue } from "./DomainError.ts"
import { type Initiative, statusOfUntil } from "./Initiative.ts"
import { Plan } from "./Plan.ts"
import type { PlanSnapshot } from "./PlanSnapshot.ts"
import { structureLabel, type StructureEntity } from "./StructureError.ts"
import { Target } from "./Target.ts"

/*
 * A plan-definition file (ADR 0010, docs/plan-definition.md): the `PlanSnapshot` shape without
 * reviews, written by a city to load its whole plan. Every row is the body of the structure
 * command that creates it, so the file and the API say the same thing with the same schemas.
 */

/** An agency of the file: the body of `POST /agencies` (without a position it keeps its place, or goes last). */
export const DefinedAgency = AgencyCreate.annotate({ identifier: "DefinedAgency", title: "Agency of the plan" })
export type DefinedAgency = typeof DefinedAgency.Type

/** An initiative of the file: the body of `POST /initiatives`. */
export const DefinedInitiative = InitiativeCreate.annotate({
  identifier: "DefinedInitiative",
  title: "Initiative of the plan"
})
export type DefinedInitiative = typeof DefinedInitiative.Type

/**
 * A target of the file: the body of `POST /targets` without `position` (the file's order is the
 * order). Its baseline and observations are figures entered over the years: a file that leaves
 * them out leaves them as they are, so re-importing the plan never wipes a year's value.
 */
export const DefinedTarget = TargetCreate.mapFields((fields) => ({
  ...Struct.omit(fields, ["position", "baseline", "observations"]),
  baseline: Schema.optionalKey(Target.fields.baseline),
  observations: Schema.optionalKey(Target.fields.observations)
})).annotate({ identifier: "DefinedTarget", title: "Target of the plan" })
export type DefinedTarget = typeof DefinedTarget.Type

/** A list the file may leave out: none. */
const withDefaultEmpty = <S extends Schema.Constraint>(schema: S) =>
  Schema.withDecodingDefaultTypeKey<S>(Effect.succeed([] as S["Type"]))(schema)

/**
 * 計画定義: the plan (its identity and its tree of basic policies › areas › objectives, in order),
 * its agencies, initiatives and targets. Numbers and ids are identities: a re-import updates what
 * has the same number, creates what is new and leaves alone what the file does not mention.
 */
export const PlanDefinition = Schema.Struct({
  plan: Plan,
  agencies: withDefaultEmpty(Schema.Array(DefinedAgency)).annotate({ [LabelJa]: "実施機関" }),
  initiatives: withDefaultEmpty(Schema.Array(DefinedInitiative)).annotate({ [LabelJa]: "政策・事業" }),
  targets: withDefaultEmpty(Schema.Array(DefinedTarget)).annotate({ [LabelJa]: "目標" })
}).annotate({
  identifier: "PlanDefinition",
  title: "Plan definition",
  description:
    "A whole plan: its identity, tree, agencies, initiatives and targets (docs/plan-definition.md). Numbers and ids are identities; what the file leaves out is left alone.",
  [LabelJa]: "計画定義"
})
export type PlanDefinition = typeof PlanDefinition.Type

/** What a plan holds besides its reviews: what a definition is compared with. */
export type PlanContents = Pick<PlanSnapshot, "plan" | "agencies" | "initiatives" | "targets">

/** An agency of the file as the plan stores it (`position`: the file's, else its place in the file). */
export const agencyOfDefinition = (defined: DefinedAgency, index: number): Agency =>
  new Agency({
    id: defined.id,
    name: defined.name,
    kind: defined.kind,
    reading: defined.reading,
    position: defined.position ?? index,
    since: defined.since ?? null,
    until: defined.until ?? null
  })

/** An initiative of the file as the plan stores it: its status follows its last year. */
export const initiativeOfDefinition = (planId: Plan["id"], defined: DefinedInitiative): Initiative => ({
  planId,
  no: defined.no,
  policyNo: defined.policyNo,
  areaNo: defined.areaNo,
  objectiveNo: defined.objectiveNo,
  name: defined.name,
  markers: defined.markers,
  content: defined.content,
  lifeStagesText: defined.lifeStagesText,
  lifeStages: defined.lifeStages,
  agencies: defined.agencies,
  status: statusOfUntil(defined.until ?? null),
  since: defined.since ?? null,
  until: defined.until ?? null,
  notes: defined.notes,
  version: 1
})

/** A target of the file as the plan stores it (no baseline or observations when the file gives none). */
export const targetOfDefinition = (defined: DefinedTarget): Target => {
  const { baseline, observations, since, until, ...fields } = defined
  return {
    ...fields,
    baseline: baseline ?? null,
    observations: observations ?? [],
    since: since ?? null,
    until: until ?? null,
    version: 1
  }
}

/** The plan a definition describes, as if it had just been loaded into an empty database. */
export const contentsOfDefinition = (definition: PlanDefinition): PlanContents => ({
  plan: definition.plan,
  agencies: definition.agencies.map(agencyOfDefinition),
  initiatives: definition.initiatives.map((initiative) => initiativeOfDefinition(definition.plan.id, initiative)),
  targets: definition.targets.map(targetOfDefinition)
})

const issue = (path: string, ja: string, en: string): ReadonlyArray<ExplainedIssue> => [{ path, ja, en }]

/** The same number or id twice in one file (among the same siblings): which entry is meant is unclear. */
export class DuplicateInDefinition extends Schema.TaggedError<DuplicateInDefinition>()(
  "DuplicateInDefinition",
  { entity: Schema.String, key: Schema.String, path: Schema.String, firstPath: Schema.String },
  answersWith(422)
) {
  override get message() {
    return `${structureLabel(this.entity as StructureEntity, this.key).en} appears twice in the file (first at ${this.firstPath})`
  }
  get [Explanation]() {
    return issue(
      this.path,
      `${structureLabel(this.entity as StructureEntity, this.key).ja}がファイルの中で2回出てきます（最初は ${this.firstPath}）`,
      this.message
    )
  }
}

/** The file defines another plan than the one named by the request (the API's path, the CLI's --plan). */
export class DefinitionOfAnotherPlan extends Schema.TaggedError<DefinitionOfAnotherPlan>()(
  "DefinitionOfAnotherPlan",
  { planId: Schema.String, definedId: Schema.String },
  answersWith(422)
) {
  override get message() {
    return `the file defines plan "${this.definedId}", not "${this.planId}"`
  }
  get [Explanation]() {
    return issue(
      "plan.id",
      `このファイルは計画「${this.definedId}」の定義です（「${this.planId}」ではありません）`,
      this.message
    )
  }
}
