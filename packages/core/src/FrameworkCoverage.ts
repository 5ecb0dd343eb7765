import { Schema } from "effect"
import { type FrameworkMeasure, FrameworkMeasure as MeasureSchema, type MeasureCode } from "./NationalFramework.ts"
import { Rating } from "./Rating.ts"
import { TagRole } from "./MeasureTag.ts"

export const CoverageFlag = Schema.Literals(["empty", "thin", "recommendedEmpty"]).annotate({
  identifier: "CoverageFlag",
  description:
    "empty: no initiative serves the measure; thin: one initiative, or all rated Ｃ/Ｄ; recommendedEmpty: recommended to the city and empty"
})
export type CoverageFlag = typeof CoverageFlag.Type

export const CoveringInitiative = Schema.Struct({
  no: Schema.Int,
  name: Schema.String,
  agencies: Schema.Array(Schema.String),
  rating: Schema.NullOr(Rating),
  role: TagRole,
  example: Schema.Boolean
}).annotate({ identifier: "CoveringInitiative" })
export type CoveringInitiative = typeof CoveringInitiative.Type

export const RatingMix = Schema.Struct({
  A: Schema.Int,
  B: Schema.Int,
  C: Schema.Int,
  D: Schema.Int,
  unrated: Schema.Int
}).annotate({ identifier: "RatingMix" })
export type RatingMix = typeof RatingMix.Type

export const CoverageMeasureRow = Schema.Struct({
  ...MeasureSchema.fields,
  depth: Schema.Int,
  initiatives: Schema.Array(CoveringInitiative),
  ratingMix: RatingMix,
  recommended: Schema.Boolean,
  flags: Schema.Array(CoverageFlag)
}).annotate({ identifier: "CoverageMeasureRow" })
export type CoverageMeasureRow = typeof CoverageMeasureRow.Type

export const CoverageReport = Schema.Struct({
  planId: Schema.String,
  fiscalYear: Schema.Int,
  frameworkId: Schema.String,
  frameworkName: Schema.String,
  frameworkConfirmed: Schema.Boolean,
  measures: Schema.Array(CoverageMeasureRow),
  totals: Schema.Struct({ measures: Schema.Int, empty: Schema.Int, thin: Schema.Int, recommendedEmpty: Schema.Int })
}).annotate({ identifier: "CoverageReport", title: "Coverage of a framework version in a fiscal year" })
export type CoverageReport = typeof CoverageReport.Type

/** One initiative's tag on one measure, in effect in the year, with what the report shows of it. */
export interface TaggedInitiative extends CoveringInitiative {
  readonly measureCode: typeof MeasureCode.Type
}

const covering = (tag: TaggedInitiative): CoveringInitiative => ({
  no: tag.no,
  name: tag.name,
  agencies: tag.agencies,
  rating: tag.rating,
  role: tag.role,
  example: tag.example
})

const mixOf = (initiatives: ReadonlyArray<CoveringInitiative>): RatingMix => {
  const mix = { A: 0, B: 0, C: 0, D: 0, unrated: 0 }
  for (const { rating } of initiatives) mix[rating ?? "unrated"] += 1
  return mix
}

/**
 * Each measure of the framework, in order (parents before their children), with the initiatives
 * serving it or any measure below it (an initiative of 13(1) serves 13), and its flags. An
 * initiative tagged twice under one measure counts once, as primary if either tag is.
 */
export const coverageRows = (
  measures: ReadonlyArray<FrameworkMeasure>,
  tagged: ReadonlyArray<TaggedInitiative>,
  recommended: ReadonlySet<string>
): ReadonlyArray<CoverageMeasureRow> => {
  const children = new Map<string | null, Array<FrameworkMeasure>>()
  for (const measure of measures) {
    const siblings = children.get(measure.parentCode) ?? []
    siblings.push(measure)
    children.set(measure.parentCode, siblings)
  }
  const byMeasure = new Map<string, Array<TaggedInitiative>>()
  for (const tag of tagged) byMeasure.set(tag.measureCode, [...(byMeasure.get(tag.measureCode) ?? []), tag])
  const rows: Array<CoverageMeasureRow> = []
  const visit = (measure: FrameworkMeasure, depth: number): Map<number, CoveringInitiative> => {
    const index = rows.length
    rows.push(undefined as never) // keeps the parent before its children
    const found = new Map<number, CoveringInitiative>()
    const add = (initiative: CoveringInitiative) => {
      const before = found.get(initiative.no)
      if (before === undefined || (before.role === "secondary" && initiative.role === "primary"))
        found.set(initiative.no, initiative)
    }
    for (const tag of byMeasure.get(measure.code) ?? []) add(covering(tag))
    const below = [...(children.get(measure.code) ?? [])].sort((a, b) => a.order - b.order)
    for (const child of below) for (const initiative of visit(child, depth + 1).values()) add(initiative)
    const initiatives = [...found.values()].sort((a, b) => a.no - b.no)
    rows[index] = {
      ...measure,
      depth,
      initiatives,
      ratingMix: mixOf(initiatives),
      recommended: recommended.has(measure.code),
      flags: coverageFlags(initiatives, recommended.has(measure.code))
    }
    return found
  }
  for (const root of [...(children.get(null) ?? [])].sort((a, b) => a.order - b.order)) visit(root, 0)
  return rows
}

/** empty, thin (one initiative, or every one rated Ｃ/Ｄ), and recommended-but-empty. */
export const coverageFlags = (
  initiatives: ReadonlyArray<Pick<CoveringInitiative, "rating">>,
  recommended: boolean
): ReadonlyArray<CoverageFlag> => {
  if (initiatives.length === 0) return recommended ? ["empty", "recommendedEmpty"] : ["empty"]
  const allLow = initiatives.every(({ rating }) => rating === "C" || rating === "D")
  return initiatives.length === 1 || allLow ? ["thin"] : []
}

export const coverageTotals = (rows: ReadonlyArray<CoverageMeasureRow>) => ({
  measures: rows.length,
  empty: rows.filter((row) => row.flags.includes("empty")).length,
  thin: rows.filter((row) => row.flags.includes("thin")).length,
  recommendedEmpty: rows.filter((row) => row.flags.includes("recommendedEmpty")).length
})
