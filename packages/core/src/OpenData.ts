import { Schema, SchemaAST } from "effect"
import { LabelJa } from "./Bilingual.ts"
import { FiscalYear } from "./FiscalYear.ts"
import { Initiative, InitiativeNo } from "./Initiative.ts"
import { Comparator, Measure, MeasureKey } from "./Measure.ts"
import { AreaNo, BasicPolicyNo, ObjectiveNo, PlanId } from "./Plan.ts"
import { Rating } from "./Rating.ts"
import { NextYearPlan, ReviewContent } from "./Review.ts"
import {
  Direction,
  ObservationDenominator,
  ObservationNumerator,
  ObservationSource,
  ObservationValue,
  ObservationYear,
  Target,
  TargetId
} from "./Target.ts"

/**
 * The open data (#21): tidy tables, one row per initiative × year, per measure × year and per
 * target observation, built from the core schemas so that each column's description is the one
 * its schema carries. Column names are English snake_case (ASCII, what analysts' tools read
 * without quoting); the Japanese label of each is in its description.
 */
const nullable = <S extends Schema.Top>(schema: S) =>
  Schema.NullOr(schema).annotate(SchemaAST.resolve(schema.ast) ?? {})

export const InitiativeYearRecord = Schema.Struct({
  plan_id: PlanId,
  fiscal_year: FiscalYear,
  policy_no: BasicPolicyNo,
  area_no: AreaNo,
  objective_no: ObjectiveNo,
  initiative_no: InitiativeNo,
  initiative_name: Initiative.fields.name,
  life_stages: Initiative.fields.lifeStagesText,
  agencies: Schema.String.annotate({
    title: "Agencies",
    description: "the implementing agencies' names, separated by 「、」",
    [LabelJa]: "実施機関"
  }),
  actions: ReviewContent.fields.actions,
  result_text: ReviewContent.fields.resultText,
  planned_text: ReviewContent.fields.plannedText,
  self_rating: nullable(Rating),
  rating_reason: ReviewContent.fields.ratingReason,
  next_fiscal_year: NextYearPlan.fields.fiscalYear,
  next_actions: NextYearPlan.fields.actions,
  next_planned_text: NextYearPlan.fields.plannedText
}).annotate({ identifier: "InitiativeYearRecord", title: "Initiative × fiscal year (approved reviews)" })
export type InitiativeYearRecord = typeof InitiativeYearRecord.Type

export const MeasureYearRecord = Schema.Struct({
  plan_id: PlanId,
  fiscal_year: FiscalYear,
  initiative_no: InitiativeNo,
  measure_key: MeasureKey,
  label: Measure.fields.label,
  unit: Measure.fields.unit,
  comparator: Comparator,
  planned: nullable(Schema.Number).annotate({ title: "Planned", description: "column H's figure", [LabelJa]: "予定" }),
  actual: nullable(Schema.Number).annotate({ title: "Actual", description: "column G's figure", [LabelJa]: "実績" })
}).annotate({ identifier: "MeasureYearRecord", title: "Measure × fiscal year (approved reviews)" })
export type MeasureYearRecord = typeof MeasureYearRecord.Type

export const ObservationRecord = Schema.Struct({
  plan_id: PlanId,
  target_id: TargetId,
  indicator: Target.fields.indicator,
  population: nullable(Schema.String).annotate({ title: "Population segment", [LabelJa]: "対象" }),
  unit: Target.fields.unit,
  direction: Direction,
  target_value: Target.fields.targetValue,
  target_year: nullable(ObservationYear).annotate({ title: "Target year", [LabelJa]: "目標年" }),
  year: ObservationYear,
  is_baseline: Schema.Boolean.annotate({
    title: "Baseline",
    description: "true: the baseline (基準値) the target is measured from",
    [LabelJa]: "基準値"
  }),
  value: nullable(ObservationValue),
  numerator: nullable(ObservationNumerator),
  denominator: nullable(ObservationDenominator),
  suppressed: Schema.Boolean.annotate({
    title: "Suppressed",
    description: "true: built from a small count; value, numerator and denominator are withheld",
    [LabelJa]: "秘匿"
  }),
  source: nullable(ObservationSource)
}).annotate({ identifier: "ObservationRecord", title: "Target observation" })
export type ObservationRecord = typeof ObservationRecord.Type

/** A Frictionless Table Schema field. */
export const FrictionlessField = Schema.Struct({
  name: Schema.String,
  type: Schema.Literals(["string", "integer", "number", "boolean"]),
  title: Schema.optional(Schema.String),
  description: Schema.String,
  constraints: Schema.optional(
    Schema.Struct({ required: Schema.optional(Schema.Boolean), enum: Schema.optional(Schema.Array(Schema.String)) })
  )
}).annotate({ identifier: "FrictionlessField" })
export type FrictionlessField = typeof FrictionlessField.Type

export const DataResource = Schema.Struct({
  name: Schema.String,
  title: Schema.String,
  path: Schema.String.annotate({ description: "relative to datapackage.json; downloads without credentials" }),
  format: Schema.Literals(["csv", "json"]),
  mediatype: Schema.String,
  encoding: Schema.String,
  profile: Schema.String,
  schema: Schema.Struct({
    fields: Schema.Array(FrictionlessField),
    missingValues: Schema.Array(Schema.String)
  })
}).annotate({ identifier: "DataResource" })
export type DataResource = typeof DataResource.Type

export const DataPackage = Schema.Struct({
  profile: Schema.String,
  name: Schema.String,
  title: Schema.String,
  description: Schema.String,
  created: Schema.String,
  licenses: Schema.Array(Schema.Struct({ name: Schema.String, path: Schema.String, title: Schema.String })),
  sources: Schema.Array(Schema.Struct({ title: Schema.String })),
  keywords: Schema.Array(Schema.String),
  resources: Schema.Array(DataResource)
}).annotate({ identifier: "DataPackage", title: "Frictionless Data Package" })
export type DataPackage = typeof DataPackage.Type

type FieldType = FrictionlessField["type"]

const isIntCheck = (check: unknown): boolean => {
  const node = check as {
    _tag?: string
    checks?: ReadonlyArray<unknown>
    annotations?: { representation?: { id?: string } }
  }
  if (node._tag === "FilterGroup") return (node.checks ?? []).some(isIntCheck)
  return node.annotations?.representation?.id === "effect/schema/isInt"
}

/** The field's type and, for literals, their values, read from the schema itself; null is a missing value. */
const typeOf = (ast: SchemaAST.AST): { type: FieldType; enum?: ReadonlyArray<string>; nullable: boolean } => {
  if (ast._tag === "Union") {
    const members = ast.types.filter((member) => member._tag !== "Null" && member._tag !== "Undefined")
    const nullable = members.length < ast.types.length
    if (members.every((member) => member._tag === "Literal" && typeof member.literal === "string"))
      return { type: "string", enum: members.map((member) => String((member as SchemaAST.Literal).literal)), nullable }
    if (members.length === 1) return { ...typeOf(members[0]!), nullable: nullable || typeOf(members[0]!).nullable }
    return { type: "string", nullable }
  }
  if (ast._tag === "Literal") return { type: typeof ast.literal === "number" ? "number" : "string", nullable: false }
  if (ast._tag === "Boolean") return { type: "boolean", nullable: false }
  if (ast._tag === "Number")
    return { type: (ast.checks ?? []).some(isIntCheck) ? "integer" : "number", nullable: false }
  return { type: "string", nullable: false }
}

/** What a column means, from its schema's annotations: the title, the description, the Japanese label. */
const describe = (ast: SchemaAST.AST): { title?: string; description: string } => {
  const annotations = (SchemaAST.resolve(ast) ?? {}) as Record<string | symbol, unknown>
  const own = (key: string | symbol) =>
    typeof annotations[key] === "string" ? (annotations[key] as string) : undefined
  const title = own("title")
  const parts = [own(LabelJa), title, own("description")].filter((part): part is string => part !== undefined)
  return { ...(title === undefined ? {} : { title }), description: parts.join(" — ") || "—" }
}

/** A record schema's columns as Frictionless fields, in the record's order. */
export const frictionlessFields = (record: Schema.Struct<Schema.Struct.Fields>): ReadonlyArray<FrictionlessField> =>
  Object.entries(record.fields).map(([name, field]) => {
    const ast = (field as Schema.Top).ast
    const { type, enum: values, nullable } = typeOf(ast)
    return {
      name,
      type,
      ...describe(ast),
      constraints: { required: !nullable && type !== "string", ...(values === undefined ? {} : { enum: [...values] }) }
    }
  })
