import { Schema } from "effect"
import { LabelJa, MessageBilingual } from "./Bilingual.ts"
import { answersWith } from "./DomainError.ts"

/**
 * A national framework version (the 自殺総合対策大綱 of 2022, a version of the 地域自殺対策政策
 * パッケージ, 健康日本21（第三次）'s targets) as data the secretariat loads and corrects, never as
 * code: a new version of the 大綱 is a new file, not a release.
 */
export const FrameworkId = Schema.String.check(
  Schema.isPattern(/^[a-z0-9][a-z0-9-]{0,62}$/, {
    [MessageBilingual]: {
      ja: "枠組みのIDは半角英小文字・数字・ハイフンで指定してください",
      en: "a framework id is lower-case letters, digits and hyphens"
    }
  })
)
  .pipe(Schema.brand("FrameworkId"))
  .annotate({ identifier: "FrameworkId", title: "Framework id", examples: ["taikou-r4" as never] })
export type FrameworkId = typeof FrameworkId.Type

export const MeasureCode = Schema.String.check(
  Schema.isPattern(/^[0-9A-Za-z][0-9A-Za-z._()-]{0,39}$/, {
    [MessageBilingual]: {
      ja: "施策コードは半角英数字と . _ ( ) - で40文字以内です",
      en: "a measure code is up to 40 ASCII letters, digits and . _ ( ) -"
    }
  })
).annotate({ identifier: "MeasureCode", title: "Measure code", examples: ["13(1)"], [LabelJa]: "施策コード" })

const Text = (max: number) => Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(max))
const DateText = Schema.String.check(Schema.isPattern(/^\d{4}-\d{2}-\d{2}$/)).annotate({ description: "YYYY-MM-DD" })

/** Where an entry's wording comes from: the published document, its date, and its address when known. */
export const SourceRef = Schema.Struct({
  document: Text(300).annotate({ description: "the published document, as it names itself" }),
  date: Schema.NullOr(DateText),
  url: Schema.NullOr(Schema.String.check(Schema.isPattern(/^https?:\/\/\S+$/), Schema.isMaxLength(500))),
  note: Schema.optional(Schema.String.check(Schema.isMaxLength(500)))
}).annotate({ identifier: "SourceRef", title: "Source", [LabelJa]: "出典" })
export type SourceRef = typeof SourceRef.Type

const Confirmed = Schema.Boolean.annotate({
  description:
    "true only when the wording was checked against the published text; false entries are shown as unconfirmed (未確認), never as official"
})

export const FrameworkMeasure = Schema.Struct({
  code: MeasureCode,
  parentCode: Schema.NullOr(MeasureCode),
  nameJa: Text(200),
  nameEn: Schema.NullOr(Text(200)),
  order: Schema.Int,
  source: SourceRef,
  confirmed: Confirmed
}).annotate({ identifier: "FrameworkMeasure", title: "National measure", [LabelJa]: "国の施策" })
export type FrameworkMeasure = typeof FrameworkMeasure.Type

export const CrosswalkRelation = Schema.Literals(["equivalent", "narrower", "broader"]).annotate({
  identifier: "CrosswalkRelation",
  description: "how the measure relates to the other version's: the same, a part of it, or containing it"
})
export type CrosswalkRelation = typeof CrosswalkRelation.Type

export const CrosswalkLink = Schema.Struct({
  fromCode: MeasureCode,
  toFramework: FrameworkId,
  toCode: MeasureCode,
  relation: CrosswalkRelation,
  confirmed: Confirmed,
  source: SourceRef
}).annotate({ identifier: "CrosswalkLink", title: "Crosswalk link" })
export type CrosswalkLink = typeof CrosswalkLink.Type

export const FrameworkHeader = Schema.Struct({
  id: FrameworkId,
  nameJa: Text(200),
  nameEn: Schema.NullOr(Text(200)),
  issuedOn: Schema.NullOr(DateText),
  source: SourceRef,
  confirmed: Confirmed
}).annotate({ identifier: "FrameworkHeader", title: "Framework version" })
export type FrameworkHeader = typeof FrameworkHeader.Type

/** The file a framework is loaded from (data/frameworks/*.json), and the body of its import. */
export const FrameworkFile = Schema.Struct({
  framework: FrameworkHeader,
  measures: Schema.Array(FrameworkMeasure).check(Schema.isMaxLength(2000)),
  crosswalk: Schema.Array(CrosswalkLink).check(Schema.isMaxLength(2000))
}).annotate({ identifier: "FrameworkFile", title: "A framework version with its measures and crosswalk" })
export type FrameworkFile = typeof FrameworkFile.Type

export const FrameworkSummary = Schema.Struct({
  ...FrameworkHeader.fields,
  measureCount: Schema.Int,
  version: Schema.Int.annotate({ description: "increases with every change; the ETag" })
}).annotate({ identifier: "FrameworkSummary", title: "Framework version (summary)" })
export type FrameworkSummary = typeof FrameworkSummary.Type

export const FrameworkDocument = Schema.Struct({
  ...FrameworkFile.fields,
  version: Schema.Int.annotate({ description: "increases with every change; the ETag" })
}).annotate({ identifier: "FrameworkDocument", title: "Framework version as stored" })
export type FrameworkDocument = typeof FrameworkDocument.Type

/** A correction of one measure (or a new one) by the secretariat. */
export const FrameworkMeasureUpdate = Schema.Struct({
  parentCode: FrameworkMeasure.fields.parentCode,
  nameJa: FrameworkMeasure.fields.nameJa,
  nameEn: FrameworkMeasure.fields.nameEn,
  order: FrameworkMeasure.fields.order,
  source: SourceRef,
  confirmed: Confirmed
}).annotate({ identifier: "FrameworkMeasureUpdate", title: "A measure, added or corrected" })
export type FrameworkMeasureUpdate = typeof FrameworkMeasureUpdate.Type

export class FrameworkNotFound extends Schema.TaggedError<FrameworkNotFound>()(
  "FrameworkNotFound",
  { frameworkId: Schema.String },
  answersWith(404)
) {}

export class FrameworkInvalid extends Schema.TaggedError<FrameworkInvalid>()(
  "FrameworkInvalid",
  { frameworkId: Schema.String, reason: Schema.String },
  answersWith(422, "frameworkInvalid")
) {
  override get message() {
    return this.reason
  }
}

/**
 * What makes a framework file inconsistent although each entry is well formed: a code twice, a
 * parent that is not there or a cycle of parents. The first problem found, or null.
 */
export const frameworkProblem = (file: Pick<FrameworkFile, "measures">): string | null => {
  const codes = new Set<string>()
  for (const measure of file.measures) {
    if (codes.has(measure.code)) return `measure ${measure.code} appears twice`
    codes.add(measure.code)
  }
  const parents = new Map(file.measures.map((measure) => [measure.code, measure.parentCode]))
  for (const measure of file.measures) {
    if (measure.parentCode !== null && !codes.has(measure.parentCode))
      return `measure ${measure.code}: parent ${measure.parentCode} is not in the framework`
    const seen = new Set<string>([measure.code])
    let parent = measure.parentCode
    while (parent !== null) {
      if (seen.has(parent)) return `measure ${measure.code}: its parents form a cycle`
      seen.add(parent)
      parent = parents.get(parent) ?? null
    }
  }
  return null
}
