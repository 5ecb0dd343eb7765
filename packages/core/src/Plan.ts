import { Schema } from "effect"
import { LabelJa, MessageBilingual } from "./Bilingual.ts"
import { slugId } from "./Slug.ts"

/** A plan's key: one city's plan (other cities and other plans live side by side). */
export const PlanId = slugId("PlanId", { ja: "計画ID", en: "plan id" }).annotate({ identifier: "PlanId", title: "Plan id", examples: ["tomakomai-step3" as never], [LabelJa]: "計画ID" })
export type PlanId = typeof PlanId.Type

const positiveNo = <const B extends string>(name: B, ja: string) =>
  Schema.Int.check(
    Schema.isBetween(
      { minimum: 1, maximum: 999 },
      { [MessageBilingual]: { ja: `${ja}は1〜999の整数です`, en: `${name} must be a whole number from 1 to 999` } }
    )
  ).pipe(Schema.brand<B>(name as Parameters<typeof Schema.brand<B>>[0]))

export const ObjectiveNo = positiveNo("ObjectiveNo", "取組方針の番号").annotate({
  identifier: "ObjectiveNo",
  title: "Objective no.",
  description: "① = 1, ② = 2 …",
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
  })
}) {}

/** 分野: 1 自殺総合対策（こころ・休養）【自殺対策推進計画】 */
export class Area extends Schema.Class<Area>("Area")({
  no: Schema.Int.check(Schema.isGreaterThan(0)),
  title: Schema.Trimmed.check(Schema.isNonEmpty()).annotate({ title: "Title", [LabelJa]: "分野" }),
  objectives: Schema.Array(Objective)
}) {}

/** 基本方針: 3 こころの健康づくり */
export class BasicPolicy extends Schema.Class<BasicPolicy>("BasicPolicy")({
  no: Schema.Int.check(Schema.isGreaterThan(0)),
  title: Schema.Trimmed.check(Schema.isNonEmpty()).annotate({ title: "Title", [LabelJa]: "基本方針" }),
  areas: Schema.Array(Area)
}) {}

/** 計画: a city's health plan with its vision (基本理念) and goal (基本目標). */
export class Plan extends Schema.Class<Plan>("Plan")({
  id: PlanId,
  city: Schema.Trimmed.check(Schema.isNonEmpty()).annotate({ title: "City", [LabelJa]: "自治体", examples: ["苫小牧市"] }),
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

/** ①②③… as printed in the sheet. */
export const objectiveMark = (no: number): string => (no >= 1 && no <= 20 ? String.fromCharCode(0x245f + no) : `(${no})`)
