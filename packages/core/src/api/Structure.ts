import { Effect, Schema } from "effect"
import { AgencyId, AgencyKind, AgencyName, AgencyPosition, AgencyReading } from "../Agency.ts"
import { LabelJa } from "../Bilingual.ts"
import { DataQualityNote } from "../DataQuality.ts"
import { FiscalYear } from "../FiscalYear.ts"
import { Initiative, InitiativeMarkers, InitiativeNo } from "../Initiative.ts"
import { Since, Until } from "../Lifespan.ts"
import { LifeStages } from "../LifeStage.ts"
import { AreaNo, BasicPolicy, BasicPolicyNo, Objective, ObjectiveNo } from "../Plan.ts"
import {
  Direction,
  IndicatorKind,
  Observation,
  Target,
  TargetId,
  TargetInitiativeNos,
  TargetRatingMethod
} from "../Target.ts"

/*
 * The bodies of the structure commands (ADR 0010): a create carries the new thing's number or id
 * and its fields; a PATCH any of the editable fields, `position` to reorder among siblings and
 * `until` to retire (null brings it back). Absent means unchanged (PATCH) or the default (create).
 */

const years = {
  since: Schema.optionalKey(Since),
  until: Schema.optionalKey(Until)
}

/** 0-based place among the node's siblings (the tree's order is what lists and sheets follow). */
const Position = Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 999 })).annotate({
  title: "Position",
  description: "0-based place among its siblings; past the end means last",
  [LabelJa]: "並び順"
})

/** An optional key of a create's body that reads as `value` when absent. */
const withDefault = <S extends Schema.Constraint>(schema: S, value: S["Type"]) =>
  Schema.withDecodingDefaultTypeKey<S>(Effect.succeed(value))(schema)

export const BasicPolicyCreate = Schema.Struct({
  no: BasicPolicyNo,
  title: BasicPolicy.fields.title,
  position: Schema.optionalKey(Position),
  ...years
}).annotate({ identifier: "BasicPolicyCreate", title: "New basic policy" })
export type BasicPolicyCreate = typeof BasicPolicyCreate.Type

export const BasicPolicyPatch = Schema.Struct({
  title: Schema.optionalKey(BasicPolicy.fields.title),
  position: Schema.optionalKey(Position),
  ...years
}).annotate({ identifier: "BasicPolicyPatch", title: "Basic policy changes" })
export type BasicPolicyPatch = typeof BasicPolicyPatch.Type

export const AreaCreate = Schema.Struct({
  no: AreaNo,
  title: BasicPolicy.fields.title.annotate({ [LabelJa]: "分野" }),
  position: Schema.optionalKey(Position),
  ...years
}).annotate({ identifier: "AreaCreate", title: "New area" })
export type AreaCreate = typeof AreaCreate.Type

export const AreaPatch = Schema.Struct({
  title: Schema.optionalKey(BasicPolicy.fields.title.annotate({ [LabelJa]: "分野" })),
  position: Schema.optionalKey(Position),
  ...years
}).annotate({ identifier: "AreaPatch", title: "Area changes" })
export type AreaPatch = typeof AreaPatch.Type

export const ObjectiveCreate = Schema.Struct({
  no: ObjectiveNo,
  title: Objective.fields.title,
  statement: withDefault(Objective.fields.statement, ""),
  position: Schema.optionalKey(Position),
  ...years
}).annotate({ identifier: "ObjectiveCreate", title: "New objective" })
export type ObjectiveCreate = typeof ObjectiveCreate.Type

export const ObjectivePatch = Schema.Struct({
  title: Schema.optionalKey(Objective.fields.title),
  statement: Schema.optionalKey(Objective.fields.statement),
  position: Schema.optionalKey(Position),
  ...years
}).annotate({ identifier: "ObjectivePatch", title: "Objective changes" })
export type ObjectivePatch = typeof ObjectivePatch.Type

export const AgencyCreate = Schema.Struct({
  id: AgencyId,
  name: AgencyName,
  kind: AgencyKind,
  reading: withDefault(AgencyReading, ""),
  position: Schema.optionalKey(
    AgencyPosition.annotate({ description: "sort order in lists, lower first; absent: after every agency there is" })
  ),
  ...years
}).annotate({ identifier: "AgencyCreate", title: "New agency" })
export type AgencyCreate = typeof AgencyCreate.Type

export const AgencyPatch = Schema.Struct({
  name: Schema.optionalKey(AgencyName),
  kind: Schema.optionalKey(AgencyKind),
  reading: Schema.optionalKey(AgencyReading),
  position: Schema.optionalKey(AgencyPosition),
  ...years
}).annotate({ identifier: "AgencyPatch", title: "Agency changes" })
export type AgencyPatch = typeof AgencyPatch.Type

const noMarkers = { isNew: false, newNote: null, formerName: null }

/** A new initiative: its Ｎｏ. (unique in the plan) and its objective's full place. */
export const InitiativeCreate = Schema.Struct({
  no: InitiativeNo,
  policyNo: BasicPolicyNo,
  areaNo: AreaNo,
  objectiveNo: ObjectiveNo,
  name: Initiative.fields.name,
  markers: withDefault(InitiativeMarkers, noMarkers),
  content: withDefault(Initiative.fields.content, ""),
  lifeStagesText: withDefault(Initiative.fields.lifeStagesText, ""),
  lifeStages: withDefault(LifeStages, []),
  agencies: withDefault(Initiative.fields.agencies, []),
  notes: withDefault(Schema.Array(DataQualityNote), []),
  ...years
}).annotate({
  identifier: "InitiativeCreate",
  title: "New initiative",
  description:
    "status is derived: discontinued when until is set. A draft review opens in every year already open in which the initiative is in effect."
})
export type InitiativeCreate = typeof InitiativeCreate.Type

export const InitiativePatch = Schema.Struct({
  policyNo: Schema.optionalKey(BasicPolicyNo),
  areaNo: Schema.optionalKey(AreaNo),
  objectiveNo: Schema.optionalKey(ObjectiveNo),
  name: Schema.optionalKey(Initiative.fields.name),
  markers: Schema.optionalKey(InitiativeMarkers),
  content: Schema.optionalKey(Initiative.fields.content),
  lifeStagesText: Schema.optionalKey(Initiative.fields.lifeStagesText),
  lifeStages: Schema.optionalKey(LifeStages),
  agencies: Schema.optionalKey(Initiative.fields.agencies),
  notes: Schema.optionalKey(Schema.Array(DataQualityNote)),
  ...years,
  effectiveFrom: Schema.optionalKey(
    FiscalYear.annotate({
      title: "Effective from",
      description:
        "the fiscal year from which a rename or move holds: earlier years keep the structure they had (their reports, sheets and roll-ups). Absent: a correction, true in every year"
    })
  )
}).annotate({
  identifier: "InitiativePatch",
  title: "Initiative changes",
  description:
    "a move names the new objective's policyNo, areaNo and objectiveNo (absent ones stay); until retires it (status becomes discontinued), null brings it back"
})
export type InitiativePatch = typeof InitiativePatch.Type

const Per = Schema.Number.check(Schema.isGreaterThan(0)).annotate({
  description: "the rate's base, e.g. 100000",
  [LabelJa]: "人口あたり"
})

export const TargetCreate = Schema.Struct({
  id: TargetId,
  policyNo: BasicPolicyNo,
  areaNo: AreaNo,
  objectiveNo: withDefault(Target.fields.objectiveNo, null),
  indicator: Target.fields.indicator,
  text: withDefault(Target.fields.text, ""),
  unit: Target.fields.unit,
  kind: IndicatorKind,
  direction: Direction,
  population: withDefault(Target.fields.population, null),
  per: Schema.optionalKey(Per),
  targetValue: Target.fields.targetValue,
  targetYear: withDefault(Target.fields.targetYear, null),
  baseline: withDefault(Schema.NullOr(Observation), null),
  observations: withDefault(Schema.Array(Observation), []),
  method: Schema.optionalKey(TargetRatingMethod),
  initiativeNos: Schema.optionalKey(TargetInitiativeNos),
  position: Schema.optionalKey(Position.annotate({ description: "place among the plan's targets; absent: last" })),
  ...years
}).annotate({ identifier: "TargetCreate", title: "New target" })
export type TargetCreate = typeof TargetCreate.Type

export const TargetPatch = Schema.Struct({
  policyNo: Schema.optionalKey(BasicPolicyNo),
  areaNo: Schema.optionalKey(AreaNo),
  objectiveNo: Schema.optionalKey(Target.fields.objectiveNo),
  indicator: Schema.optionalKey(Target.fields.indicator),
  text: Schema.optionalKey(Target.fields.text),
  unit: Schema.optionalKey(Target.fields.unit),
  kind: Schema.optionalKey(IndicatorKind),
  direction: Schema.optionalKey(Direction),
  population: Schema.optionalKey(Target.fields.population),
  per: Schema.optionalKey(Per),
  targetValue: Schema.optionalKey(Target.fields.targetValue),
  targetYear: Schema.optionalKey(Target.fields.targetYear),
  method: Schema.optionalKey(TargetRatingMethod),
  initiativeNos: Schema.optionalKey(TargetInitiativeNos),
  position: Schema.optionalKey(Position.annotate({ description: "place among the plan's targets" })),
  ...years
}).annotate({
  identifier: "TargetPatch",
  title: "Target changes",
  description: "the target's structure; its baseline and observations are PUT …/targets/{targetId}'s"
})
export type TargetPatch = typeof TargetPatch.Type
