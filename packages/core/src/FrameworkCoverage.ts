import { Schema } from "effect"
import {
  type CrosswalkLink,
  CrosswalkRelation,
  type FrameworkMeasure,
  FrameworkMeasure as MeasureSchema,
  type MeasureCode
} from "./NationalFramework.ts"
import { Rating } from "./Rating.ts"
import { TagRole } from "./MeasureTag.ts"

export const CoverageFlag = Schema.Literals(["empty", "thin", "recommendedEmpty"]).annotate({
  identifier: "CoverageFlag",
  description:
    "empty: no initiative serves the measure; thin: one initiative, or all rated Ｃ/Ｄ; recommendedEmpty: recommended to the city and empty"
})
export type CoverageFlag = typeof CoverageFlag.Type

/**
 * How a tag on another version's measure reaches this one through the crosswalk: the measure it
 * names (framework and code) and how that measure relates to this one — `equivalent`, `narrower`
 * (a part of it: counts) or `broader` (contains it: only listed as possible, never counted).
 */
export const CrosswalkCarry = Schema.Struct({
  frameworkId: Schema.String,
  frameworkName: Schema.String,
  measureCode: Schema.String,
  relation: CrosswalkRelation,
  confirmed: Schema.Boolean.annotate({ description: "whether the crosswalk link is confirmed" })
}).annotate({ identifier: "CrosswalkCarry", title: "Carried through the crosswalk" })
export type CrosswalkCarry = typeof CrosswalkCarry.Type

export const CoveringInitiative = Schema.Struct({
  no: Schema.Int,
  name: Schema.String,
  agencies: Schema.Array(Schema.String),
  rating: Schema.NullOr(Rating),
  role: TagRole,
  example: Schema.Boolean,
  via: Schema.NullOr(CrosswalkCarry).annotate({
    description: "null: tagged with a measure of this framework; else the other version's measure it is carried from"
  })
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
  flags: Schema.Array(CoverageFlag),
  possible: Schema.Array(CoveringInitiative).annotate({
    description:
      "initiatives tagged with another version's measure that contains this one (crosswalk `broader`): they may serve it, and are not counted"
  })
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
  example: tag.example,
  via: tag.via
})

/** Which of two entries of one initiative a row shows: a direct tag before a carried one, then primary. */
const stronger = (before: CoveringInitiative, candidate: CoveringInitiative): boolean => {
  if ((before.via === null) !== (candidate.via === null)) return candidate.via === null
  return before.role === "secondary" && candidate.role === "primary"
}

const mixOf = (initiatives: ReadonlyArray<CoveringInitiative>): RatingMix => {
  const mix = { A: 0, B: 0, C: 0, D: 0, unrated: 0 }
  for (const { rating } of initiatives) mix[rating ?? "unrated"] += 1
  return mix
}

/**
 * Each measure of the framework, in order (parents before their children), with the initiatives
 * serving it or any measure below it (an initiative of 13(1) serves 13), and its flags. An
 * initiative tagged twice under one measure counts once: as tagged directly if any tag is direct
 * (not carried through the crosswalk), then as primary if either tag is. `possible` are the tags
 * carried as `broader` (see crosswalkCarries): listed on their measure only, unless counted there.
 */
export const coverageRows = (
  measures: ReadonlyArray<FrameworkMeasure>,
  tagged: ReadonlyArray<TaggedInitiative>,
  recommended: ReadonlySet<string>,
  possible: ReadonlyArray<TaggedInitiative> = []
): ReadonlyArray<CoverageMeasureRow> => {
  const children = new Map<string | null, Array<FrameworkMeasure>>()
  for (const measure of measures) {
    const siblings = children.get(measure.parentCode) ?? []
    siblings.push(measure)
    children.set(measure.parentCode, siblings)
  }
  const groupByMeasure = (tags: ReadonlyArray<TaggedInitiative>) => {
    const grouped = new Map<string, Array<TaggedInitiative>>()
    for (const tag of tags) grouped.set(tag.measureCode, [...(grouped.get(tag.measureCode) ?? []), tag])
    return grouped
  }
  const byMeasure = groupByMeasure(tagged)
  const possibleByMeasure = groupByMeasure(possible)
  const rows: Array<CoverageMeasureRow> = []
  const visit = (measure: FrameworkMeasure, depth: number): Map<number, CoveringInitiative> => {
    const index = rows.length
    rows.push(undefined as never) // keeps the parent before its children
    const found = new Map<number, CoveringInitiative>()
    const add = (initiative: CoveringInitiative) => {
      const before = found.get(initiative.no)
      if (before === undefined || stronger(before, initiative)) found.set(initiative.no, initiative)
    }
    for (const tag of byMeasure.get(measure.code) ?? []) add(covering(tag))
    const below = [...(children.get(measure.code) ?? [])].sort((a, b) => a.order - b.order)
    for (const child of below) for (const initiative of visit(child, depth + 1).values()) add(initiative)
    const initiatives = [...found.values()].sort((a, b) => a.no - b.no)
    const maybe = new Map<number, CoveringInitiative>()
    for (const tag of possibleByMeasure.get(measure.code) ?? [])
      if (!found.has(tag.no) && !maybe.has(tag.no)) maybe.set(tag.no, covering(tag))
    rows[index] = {
      ...measure,
      depth,
      initiatives,
      ratingMix: mixOf(initiatives),
      recommended: recommended.has(measure.code),
      flags: coverageFlags(initiatives, recommended.has(measure.code)),
      possible: [...maybe.values()].sort((a, b) => a.no - b.no)
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

/** The relation seen from the other side: a part of B makes B contain it. */
const inverse = (relation: CrosswalkRelation): CrosswalkRelation =>
  relation === "narrower" ? "broader" : relation === "broader" ? "narrower" : "equivalent"

/** A framework version as the crosswalk needs it: its measures' tree and its links. */
export interface CrosswalkSide {
  readonly frameworkId: string
  readonly name: string
  readonly measures: ReadonlyArray<Pick<FrameworkMeasure, "code" | "parentCode">>
  readonly crosswalk: ReadonlyArray<CrosswalkLink>
}

/** Where a tag on another version's measure lands in the report's framework, and how. */
export interface Carry {
  readonly measureCode: string
  readonly via: CrosswalkCarry
  /** true: it counts for the measure (equivalent or narrower); false: only possibly (broader). */
  readonly counts: boolean
}

/**
 * The measures of framework `target` that a tag on `tag.measureCode` of another framework reaches
 * through the crosswalk, one link deep (never a chain of links). A link may be written on either
 * side; its relation says how its `fromCode` relates to its `toCode`.
 *
 * The rule (docs/frameworks.md): a tag counts for a measure that is the same (`equivalent`) or
 * contains the tagged one (the tagged measure is `narrower`), as a tag on 13(1) counts for 13. A
 * tag on a measure that contains the target (`broader`) says nothing of which part the initiative
 * serves: it is only *possible*, listed apart and never counted. The tagged measure's parents
 * count too: a tag on 13(1) reaches what 13 is equivalent to, or a part of, as `narrower`.
 */
export const crosswalkCarries = (
  target: string,
  frameworks: ReadonlyArray<CrosswalkSide>,
  tag: { readonly frameworkId: string; readonly measureCode: string }
): ReadonlyArray<Carry> => {
  if (tag.frameworkId === target) return []
  const source = frameworks.find((framework) => framework.frameworkId === tag.frameworkId)
  const targetSide = frameworks.find((framework) => framework.frameworkId === target)
  if (source === undefined || targetSide === undefined) return []
  // Each link between the two versions, as "source measure <relation> target measure".
  const links: Array<{ from: string; to: string; relation: CrosswalkRelation; confirmed: boolean }> = []
  for (const link of source.crosswalk)
    if (link.toFramework === target)
      links.push({ from: link.fromCode, to: link.toCode, relation: link.relation, confirmed: link.confirmed })
  for (const link of targetSide.crosswalk)
    if (link.toFramework === tag.frameworkId)
      links.push({ from: link.toCode, to: link.fromCode, relation: inverse(link.relation), confirmed: link.confirmed })
  const parents = new Map(source.measures.map((measure) => [measure.code as string, measure.parentCode]))
  const known = new Set(targetSide.measures.map((measure) => measure.code as string))
  const carries = new Map<string, Carry>()
  let self = true
  const seen = new Set<string>()
  for (let code: string | null = tag.measureCode; code !== null && !seen.has(code); code = parents.get(code) ?? null) {
    seen.add(code)
    for (const link of links) {
      if (link.from !== code || !known.has(link.to)) continue
      // Through a parent, the tagged measure is a part of what the parent is (or is a part of).
      const relation: CrosswalkRelation | null = self ? link.relation : link.relation === "broader" ? null : "narrower"
      if (relation === null) continue
      const carry: Carry = {
        measureCode: link.to,
        via: {
          frameworkId: tag.frameworkId,
          frameworkName: source.name,
          measureCode: tag.measureCode,
          relation,
          confirmed: link.confirmed
        },
        counts: relation !== "broader"
      }
      const before = carries.get(link.to)
      // The closest link wins; among links of one measure, one that counts.
      if (before === undefined || (!before.counts && carry.counts)) carries.set(link.to, carry)
    }
    self = false
  }
  return [...carries.values()]
}
