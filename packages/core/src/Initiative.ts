import { Schema } from "effect"
import { LabelJa, MessageBilingual } from "./Bilingual.ts"
import { AgencyId } from "./Agency.ts"
import { DataQualityNote } from "./DataQuality.ts"
import { answersWith } from "./DomainError.ts"
import { inEffect, type Lifespan, Since, Until } from "./Lifespan.ts"
import { LifeStages } from "./LifeStage.ts"
import { AreaNo, BasicPolicyNo, ObjectiveNo, PlanId } from "./Plan.ts"

/** Ｎｏ.: unique within a plan, as printed in column B (57 … 111 in the seed). */
export const InitiativeNo = Schema.Int.check(
  Schema.isBetween(
    { minimum: 1, maximum: 9999 },
    { [MessageBilingual]: { ja: "Ｎｏ.は1〜9999の整数です", en: "No. must be a whole number from 1 to 9999" } }
  )
)
  .pipe(Schema.brand("InitiativeNo"))
  .annotate({ identifier: "InitiativeNo", title: "No.", examples: [57 as never], [LabelJa]: "Ｎｏ." })
export type InitiativeNo = typeof InitiativeNo.Type

export const InitiativeStatus = Schema.Literals(["active", "discontinued"]).annotate({
  identifier: "InitiativeStatus",
  title: "Status",
  description:
    "discontinued: the initiative ends (No. 64: the association dissolved in April 2025); derived: discontinued when `until` is set",
  [LabelJa]: "状態"
})
export type InitiativeStatus = typeof InitiativeStatus.Type

/** What column C says about the initiative beyond its name. */
export const InitiativeMarkers = Schema.Struct({
  isNew: Schema.Boolean.annotate({ title: "New", description: "【新】 in column C", [LabelJa]: "新規" }),
  newNote: Schema.NullOr(Schema.String).annotate({
    description: "the addition noted with 【新 …】, e.g. R6.6追記",
    [LabelJa]: "追記"
  }),
  formerName: Schema.NullOr(Schema.String).annotate({ description: "（旧 …）", [LabelJa]: "旧名称" })
}).annotate({ identifier: "InitiativeMarkers", title: "Markers" })
export type InitiativeMarkers = typeof InitiativeMarkers.Type

const Text = (title: string, ja: string, maxLength = 4000) =>
  Schema.String.check(
    Schema.isMaxLength(maxLength, {
      [MessageBilingual]: {
        ja: `${ja}は${maxLength}文字以内です`,
        en: `${title} must be at most ${maxLength} characters`
      }
    })
  ).annotate({ title, [LabelJa]: ja })

/** 政策・事業: one row of the plan, columns A–E. */
export const Initiative = Schema.Struct({
  planId: PlanId,
  no: InitiativeNo,
  policyNo: BasicPolicyNo,
  areaNo: AreaNo,
  /** Within the area policyNo-areaNo: another area has its own ①. */
  objectiveNo: ObjectiveNo,
  name: Schema.NonEmptyString.check(Schema.isMaxLength(200)).annotate({
    title: "Name",
    description: "column C as written, markers included",
    [LabelJa]: "政策・事業"
  }),
  markers: InitiativeMarkers,
  content: Text("Content", "内容").annotate({ description: "column D: the ● bullets, as written" }),
  lifeStagesText: Text("Life stage (as written)", "ライフステージ（記載どおり）", 100),
  lifeStages: LifeStages,
  agencies: Schema.Array(AgencyId).annotate({ title: "Agencies", [LabelJa]: "実施機関" }),
  status: InitiativeStatus,
  since: Since,
  until: Until,
  notes: Schema.Array(DataQualityNote).annotate({ title: "Data-quality notes", [LabelJa]: "データ品質メモ" }),
  version: Schema.Int.check(Schema.isGreaterThanOrEqualTo(0)).annotate({
    title: "Version",
    description: "increases with every change"
  })
}).annotate({ identifier: "Initiative", title: "Initiative", [LabelJa]: "政策・事業" })
export type Initiative = typeof Initiative.Type

/**
 * Column D as summary and rationale: every ● bullet but the last says what is done, the last says
 * how it lowers suicide risk. A cell with a single bullet has no rationale.
 */
export const splitContent = (content: string): { readonly summary: string; readonly rationale: string } => {
  const bullets = content
    .split(/\n(?=●)/)
    .map((bullet) => bullet.replace(/^●\s*/, "").trim())
    .filter((bullet) => bullet !== "")
  if (bullets.length <= 1) return { summary: bullets[0] ?? "", rationale: "" }
  return { summary: bullets.slice(0, -1).join("\n"), rationale: bullets[bullets.length - 1]! }
}

/** What `until` says of the status: an initiative with a last year is discontinued (after it). */
export const statusOfUntil = (until: number | null): InitiativeStatus => (until === null ? "active" : "discontinued")

/**
 * Whether anyone owes the initiative's review of FY `fiscalYear`: it is in effect that year. A row
 * marked discontinued before the plan had years (no `until`) is owed nothing, as before.
 */
export const expectedIn = (initiative: Lifespan & { readonly status: InitiativeStatus }, fiscalYear: number): boolean =>
  inEffect(initiative, fiscalYear) && !(initiative.status === "discontinued" && initiative.until == null)

export class InitiativeNotFound extends Schema.TaggedError<InitiativeNotFound>()(
  "InitiativeNotFound",
  { planId: Schema.String, no: Schema.Number },
  answersWith(404)
) {}
