import { Schema } from "effect"
import { LabelJa, MessageBilingual } from "./Bilingual.ts"
import { answersWith } from "./DomainError.ts"
import { FiscalYear } from "./FiscalYear.ts"
import { InitiativeNo } from "./Initiative.ts"
import { FrameworkId, MeasureCode } from "./NationalFramework.ts"
import { PlanId } from "./Plan.ts"

export const TagRole = Schema.Literals(["primary", "secondary"]).annotate({
  identifier: "TagRole",
  description: "primary: the measure the initiative is mainly for; secondary: one it also serves"
})
export type TagRole = typeof TagRole.Type

export const TagRationale = Schema.String.check(
  Schema.isMaxLength(200, {
    [MessageBilingual]: { ja: "理由は200文字以内です", en: "the rationale is at most 200 characters" }
  })
).annotate({ title: "Rationale", [LabelJa]: "理由" })

/** One national measure an initiative serves, from a fiscal year (and until one). */
export const MeasureTagInput = Schema.Struct({
  frameworkId: FrameworkId,
  measureCode: MeasureCode,
  since: FiscalYear,
  until: Schema.NullOr(FiscalYear),
  role: TagRole,
  rationale: TagRationale
}).annotate({ identifier: "MeasureTagInput", title: "National measure tag" })
export type MeasureTagInput = typeof MeasureTagInput.Type

export const MeasureTag = Schema.Struct({
  ...MeasureTagInput.fields,
  example: Schema.Boolean.annotate({
    description: "true: from the shipped example dataset (the secretariat's eye), not the city's decision"
  })
}).annotate({ identifier: "MeasureTag", title: "National measure tag" })
export type MeasureTag = typeof MeasureTag.Type

export const InitiativeTags = Schema.Struct({
  planId: PlanId,
  initiativeNo: InitiativeNo,
  tags: Schema.Array(MeasureTag),
  version: Schema.Int.check(Schema.isGreaterThanOrEqualTo(0)).annotate({
    description: "0 until the first tag; increases with every change; the ETag"
  })
}).annotate({ identifier: "InitiativeTags", title: "An initiative's national measures" })
export type InitiativeTags = typeof InitiativeTags.Type

export const InitiativeTagsUpdate = Schema.Struct({
  tags: Schema.Array(MeasureTagInput).check(Schema.isMaxLength(50))
}).annotate({ identifier: "InitiativeTagsUpdate", title: "An initiative's national measures, replaced" })

export class TagInvalid extends Schema.TaggedError<TagInvalid>()(
  "TagInvalid",
  { reason: Schema.String },
  answersWith(422, "frameworkInvalid")
) {
  override get message() {
    return this.reason
  }
}

/** A tag in effect in the year: from `since`, through `until` when it has one. */
export const tagInEffect = (
  tag: { readonly since: number; readonly until: number | null },
  fiscalYear: number
): boolean => tag.since <= fiscalYear && (tag.until === null || tag.until >= fiscalYear)

/** What is wrong with a tag list on its face (the measures' existence is the store's check), or null. */
export const tagListProblem = (tags: ReadonlyArray<MeasureTagInput>): string | null => {
  const seen = new Set<string>()
  for (const tag of tags) {
    if (tag.until !== null && tag.until < tag.since)
      return `${tag.frameworkId}/${tag.measureCode}: until ${tag.until} is before since ${tag.since}`
    const key = `${tag.frameworkId}/${tag.measureCode}/${tag.since}`
    if (seen.has(key)) return `${tag.frameworkId}/${tag.measureCode} is tagged twice from ${tag.since}`
    seen.add(key)
  }
  return null
}
