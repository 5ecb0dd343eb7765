import { Schema } from "effect"
import { LabelJa } from "./Bilingual.ts"
import { FrameworkId, MeasureCode } from "./NationalFramework.ts"
import { PlanId } from "./Plan.ts"

/** What the national survey export can put in a column: the survey's items, as our data holds them. */
export const surveyFields = [
  "cityCode",
  "fiscalYear",
  "initiativeNo",
  "initiativeName",
  "agencies",
  "objective",
  "measureCodes",
  "carriedOut",
  "figures",
  "rating",
  "ratingReason",
  "continuation"
] as const
export const SurveyField = Schema.Literals(surveyFields).annotate({ identifier: "SurveyField" })
export type SurveyField = typeof SurveyField.Type

/**
 * One column of the survey export: its heading as the survey's current item list words it, and
 * what goes in it. `measureCodes` may name one framework (its codes only, else every tag's
 * `framework:code`). The city edits the list; the code does not change with the survey.
 */
export const SurveyColumn = Schema.Struct({
  heading: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(100)),
  field: SurveyField,
  framework: Schema.optional(FrameworkId)
}).annotate({ identifier: "SurveyColumn", title: "Survey export column" })
export type SurveyColumn = typeof SurveyColumn.Type

export const SurveyColumnMap = Schema.Array(SurveyColumn).check(Schema.isMinLength(1), Schema.isMaxLength(60))

/** The map used until the city sets its own: every field once, headed in Japanese. */
export const defaultSurveyColumns: ReadonlyArray<SurveyColumn> = [
  { heading: "団体コード", field: "cityCode" },
  { heading: "年度", field: "fiscalYear" },
  { heading: "事業番号", field: "initiativeNo" },
  { heading: "事業名", field: "initiativeName" },
  { heading: "担当部署", field: "agencies" },
  { heading: "事業の目的・内容", field: "objective" },
  { heading: "該当する国の施策", field: "measureCodes" },
  { heading: "実施の有無", field: "carriedOut" },
  { heading: "実績", field: "figures" },
  { heading: "評価", field: "rating" },
  { heading: "評価の理由", field: "ratingReason" },
  { heading: "継続・終了", field: "continuation" }
]

export const RecommendedMeasure = Schema.Struct({ frameworkId: FrameworkId, code: MeasureCode }).annotate({
  identifier: "RecommendedMeasure"
})

/**
 * A plan's settings for the national frameworks: the measures recommended to the city (from the
 * national profile it received, which is not public), whether the public site shows the coverage,
 * its 団体コード, the survey export's column map, and whether agencies may propose tags.
 */
const settingsFields = {
  cityCode: Schema.String.check(Schema.isPattern(/^(\d{5,6})?$/)).annotate({
    description: "全国地方公共団体コード (5 or 6 digits), empty until the city enters it",
    [LabelJa]: "団体コード"
  }),
  recommended: Schema.Array(RecommendedMeasure).check(Schema.isMaxLength(500)),
  publishCoverage: Schema.Boolean,
  surveyColumns: SurveyColumnMap,
  tagProposals: Schema.Boolean.annotate({
    description: "true: the editors of an initiative's agencies may propose tags for the secretariat to accept"
  })
}

/** The settings as stored and read. */
export const FrameworkSettingsValue = Schema.Struct(settingsFields).annotate({
  identifier: "FrameworkSettingsValue",
  title: "A plan's framework settings"
})
export type FrameworkSettingsValue = typeof FrameworkSettingsValue.Type

/**
 * The body of a PUT: `tagProposals` may be left out, and then keeps what is stored (a client written
 * before the switch existed does not turn it off by saving the other settings).
 */
export const FrameworkSettingsInput = Schema.Struct({
  ...settingsFields,
  tagProposals: Schema.optionalKey(settingsFields.tagProposals)
}).annotate({ identifier: "FrameworkSettingsInput", title: "A plan's framework settings" })
export type FrameworkSettingsInput = typeof FrameworkSettingsInput.Type

export const FrameworkSettings = Schema.Struct({
  planId: PlanId,
  ...settingsFields,
  version: Schema.Int.annotate({ description: "0 until first saved; the ETag" })
}).annotate({ identifier: "FrameworkSettings", title: "A plan's framework settings" })
export type FrameworkSettings = typeof FrameworkSettings.Type
