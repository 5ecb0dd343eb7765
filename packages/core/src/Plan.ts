import { Schema } from "effect"
import { LabelJa, MessageBilingual } from "./Bilingual.ts"
import { intersect, type Lifespan, Since, Until } from "./Lifespan.ts"
import { slugId } from "./Slug.ts"

/** A plan's key: one city's plan (other cities and other plans live side by side). */
export const PlanId = slugId("PlanId", { ja: "計画ID", en: "plan id" }).annotate({
  identifier: "PlanId",
  title: "Plan id",
  examples: ["tomakomai-step3" as never],
  [LabelJa]: "計画ID"
})
export type PlanId = typeof PlanId.Type

const positiveNo = <const B extends string>(name: B, ja: string) =>
  Schema.Int.check(
    Schema.isBetween(
      { minimum: 1, maximum: 999 },
      { [MessageBilingual]: { ja: `${ja}は1〜999の整数です`, en: `${name} must be a whole number from 1 to 999` } }
    )
  ).pipe(Schema.brand<B>(name as Parameters<typeof Schema.brand<B>>[0]))

export const BasicPolicyNo = positiveNo("BasicPolicyNo", "基本方針の番号").annotate({
  identifier: "BasicPolicyNo",
  title: "Basic policy no.",
  description: "基本方針３ = 3: unique within the plan, never changed once given",
  [LabelJa]: "基本方針"
})
export type BasicPolicyNo = typeof BasicPolicyNo.Type

export const AreaNo = positiveNo("AreaNo", "分野の番号").annotate({
  identifier: "AreaNo",
  title: "Area no.",
  description: "分野１ = 1: unique within its basic policy, never changed once given",
  [LabelJa]: "分野"
})
export type AreaNo = typeof AreaNo.Type

export const ObjectiveNo = positiveNo("ObjectiveNo", "取組方針の番号").annotate({
  identifier: "ObjectiveNo",
  title: "Objective no.",
  description: "① = 1, ② = 2 …: unique within its area (another area has its own ①)",
  [LabelJa]: "取組方針"
})
export type ObjectiveNo = typeof ObjectiveNo.Type

/** 取組方針: ① こども・若者への自殺対策の強化 … */
export class Objective extends Schema.Class<Objective>("Objective")({
  no: ObjectiveNo,
  title: Schema.Trimmed.check(Schema.isNonEmpty()).annotate({ title: "Title", [LabelJa]: "取組方針" }),
  statement: Schema.String.annotate({
    title: "Statement",
    description: "the full sentence as in the header block (…を図ります。)",
    [LabelJa]: "取組方針（文）"
  }),
  /** Absent in trees stored before the plan had years: read as null (always in effect). */
  since: Schema.optional(Since),
  until: Schema.optional(Until)
}) {}

/** 分野: 1 自殺総合対策（こころ・休養）【自殺対策推進計画】 */
export class Area extends Schema.Class<Area>("Area")({
  no: AreaNo,
  title: Schema.Trimmed.check(Schema.isNonEmpty()).annotate({ title: "Title", [LabelJa]: "分野" }),
  objectives: Schema.Array(Objective),
  /** Absent in trees stored before the plan had years: read as null (always in effect). */
  since: Schema.optional(Since),
  until: Schema.optional(Until)
}) {}

/** 基本方針: 3 こころの健康づくり */
export class BasicPolicy extends Schema.Class<BasicPolicy>("BasicPolicy")({
  no: BasicPolicyNo,
  title: Schema.Trimmed.check(Schema.isNonEmpty()).annotate({ title: "Title", [LabelJa]: "基本方針" }),
  areas: Schema.Array(Area),
  /** Absent in trees stored before the plan had years: read as null (always in effect). */
  since: Schema.optional(Since),
  until: Schema.optional(Until)
}) {}

/** 計画: a city's health plan with its vision (基本理念) and goal (基本目標). */
export class Plan extends Schema.Class<Plan>("Plan")({
  id: PlanId,
  city: Schema.Trimmed.check(Schema.isNonEmpty()).annotate({
    title: "City",
    [LabelJa]: "自治体",
    examples: ["苫小牧市"]
  }),
  title: Schema.Trimmed.check(Schema.isNonEmpty()).annotate({
    title: "Title",
    [LabelJa]: "計画名",
    examples: ["苫小牧市健康増進計画『健やか とまこまい step３』"]
  }),
  vision: Schema.String.annotate({ title: "Vision", [LabelJa]: "基本理念" }),
  goal: Schema.String.annotate({ title: "Goal", [LabelJa]: "基本目標" }),
  basicPolicies: Schema.Array(BasicPolicy)
}) {}

/** All objectives of a plan, in order. */
export const objectivesOf = (plan: Plan): ReadonlyArray<Objective> =>
  plan.basicPolicies.flatMap((policy) => policy.areas.flatMap((area) => area.objectives))

/**
 * An objective's full identity: its number is unique only within its area, and an area's within
 * its basic policy, so the ① of another area is another objective.
 */
export const ObjectiveRef = Schema.Struct({
  policyNo: BasicPolicyNo,
  areaNo: AreaNo,
  objectiveNo: ObjectiveNo
}).annotate({
  identifier: "ObjectiveRef",
  title: "Objective reference"
})
export type ObjectiveRef = typeof ObjectiveRef.Type

/** An area's identity within the plan. */
export interface AreaRef {
  readonly policyNo: BasicPolicyNo
  readonly areaNo: AreaNo
}

/** 「3-1-1」: an objective's key in maps, URLs and audit entries. */
export const objectiveKey = (ref: ObjectiveRef): string => `${ref.policyNo}-${ref.areaNo}-${ref.objectiveNo}`

/** 「3-1」: an area's key. */
export const areaKey = (ref: AreaRef): string => `${ref.policyNo}-${ref.areaNo}`

/** An objective with the area and basic policy it belongs to. */
export interface ObjectivePlace {
  readonly policy: BasicPolicy
  readonly area: Area
  readonly objective: Objective
  readonly ref: ObjectiveRef
}

/** Every objective of the plan with its place, in plan order. */
export const objectivePlacesOf = (plan: Plan): ReadonlyArray<ObjectivePlace> =>
  plan.basicPolicies.flatMap((policy) =>
    policy.areas.flatMap((area) =>
      area.objectives.map((objective) => ({
        policy,
        area,
        objective,
        ref: { policyNo: policy.no, areaNo: area.no, objectiveNo: objective.no }
      }))
    )
  )

/** Every area of the plan with its basic policy, in plan order. */
export const areasOf = (plan: Plan): ReadonlyArray<{ readonly policy: BasicPolicy; readonly area: Area }> =>
  plan.basicPolicies.flatMap((policy) => policy.areas.map((area) => ({ policy, area })))

export const findPolicy = (plan: Plan, policyNo: number): BasicPolicy | undefined =>
  plan.basicPolicies.find((policy) => policy.no === policyNo)

export const findArea = (plan: Plan, ref: { readonly policyNo: number; readonly areaNo: number }): Area | undefined =>
  findPolicy(plan, ref.policyNo)?.areas.find((area) => area.no === ref.areaNo)

export const findObjectivePlace = (
  plan: Plan,
  ref: { readonly policyNo: number; readonly areaNo: number; readonly objectiveNo: number }
): ObjectivePlace | undefined =>
  objectivePlacesOf(plan).find(
    (place) =>
      place.ref.policyNo === ref.policyNo &&
      place.ref.areaNo === ref.areaNo &&
      place.ref.objectiveNo === ref.objectiveNo
  )

/** The years an objective is in effect: its own, within its area's, within its basic policy's. */
export const effectiveSpanOf = (place: Pick<ObjectivePlace, "policy" | "area" | "objective">): Lifespan =>
  intersect(intersect(place.policy, place.area), place.objective)

/** ①②③… as printed in the sheet. */
export const objectiveMark = (no: number): string =>
  no >= 1 && no <= 20 ? String.fromCharCode(0x245f + no) : `(${no})`
