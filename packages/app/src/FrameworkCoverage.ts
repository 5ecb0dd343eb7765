import {
  answersWith,
  type CoverageReport,
  coverageRows,
  coverageTotals,
  type CrosswalkSide,
  crosswalkCarries,
  expectedIn,
  type Initiative,
  tagInEffect,
  type TaggedInitiative
} from "@sukoyaka/core"
import { Frameworks, FrameworkSettingsStore, InitiativeTagSets, Plans } from "@sukoyaka/storage"
import { Effect, Schema } from "effect"
import { requirePublished } from "./PublicViews.ts"
import { loadYear } from "./Views.ts"

/** Every loaded framework version's measure tree and crosswalk: what carries tags across versions. */
const crosswalkSides = Effect.gen(function* () {
  const frameworks = yield* Frameworks
  const sides: Array<CrosswalkSide> = []
  for (const summary of yield* frameworks.list()) {
    const document = yield* frameworks.get(summary.id)
    sides.push({
      frameworkId: summary.id,
      name: summary.nameJa,
      measures: document.measures,
      crosswalk: document.crosswalk
    })
  }
  return sides
})

/**
 * The coverage of a framework version in a fiscal year (#24): the year's initiatives (in effect that
 * year) under the measures they are tagged with, their ratings and the flags. A tag on another
 * version's measure is carried through the crosswalk (core's crosswalkCarries: counted when it is the
 * same measure or a part of this one, listed as possible when it contains it), marked with where it
 * comes from. `public`: only approved reviews' ratings count (an unapproved one shows as unrated), as
 * everywhere the public looks.
 */
export const coverageReport = (
  planId: string,
  fiscalYear: number,
  frameworkId: string,
  audience: "internal" | "public"
) =>
  Effect.gen(function* () {
    const framework = yield* (yield* Frameworks).get(frameworkId)
    const { initiatives, byNo } = yield* loadYear(planId, fiscalYear)
    const names = new Map((yield* (yield* Plans).agencies(planId)).map((agency) => [agency.id as string, agency.name]))
    const tagsByNo = yield* (yield* InitiativeTagSets).listByPlan(planId)
    const settings = yield* (yield* FrameworkSettingsStore).get(planId)
    const sides = yield* crosswalkSides
    const tagged: Array<TaggedInitiative> = []
    const possible: Array<TaggedInitiative> = []
    for (const initiative of initiatives as ReadonlyArray<Initiative>) {
      if (!expectedIn(initiative, fiscalYear) && !byNo.has(initiative.no)) continue
      const review = byNo.get(initiative.no)
      const rating =
        review === undefined || (audience === "public" && review.status !== "approved") ? null : review.selfRating
      const shown = {
        no: initiative.no,
        name: initiative.name,
        agencies: initiative.agencies.map((id) => names.get(id) ?? id),
        rating
      }
      for (const tag of tagsByNo.get(initiative.no) ?? []) {
        if (!tagInEffect(tag, fiscalYear)) continue
        const entry = { ...shown, role: tag.role, example: tag.example }
        if (tag.frameworkId === frameworkId) tagged.push({ ...entry, via: null, measureCode: tag.measureCode })
        else
          for (const carry of crosswalkCarries(frameworkId, sides, tag))
            (carry.counts ? tagged : possible).push({ ...entry, via: carry.via, measureCode: carry.measureCode })
      }
    }
    const recommended = new Set(
      settings.recommended.filter((entry) => entry.frameworkId === frameworkId).map((entry) => entry.code as string)
    )
    const measures = coverageRows(framework.measures, tagged, recommended, possible)
    const report: CoverageReport = {
      planId,
      fiscalYear,
      frameworkId,
      frameworkName: framework.framework.nameJa,
      frameworkConfirmed: framework.framework.confirmed,
      measures,
      totals: coverageTotals(measures)
    }
    return report
  }).pipe(Effect.withSpan("coverageReport"))

/** The plan's coverage is not public: the city has not switched it on, or the year is not published (404 to the public). */
export class CoverageNotPublished extends Schema.TaggedError<CoverageNotPublished>()(
  "CoverageNotPublished",
  { planId: Schema.String, fiscalYear: Schema.Number },
  answersWith(404)
) {}

/** The coverage as the public sees it: only when the city publishes it, for a published year, approved ratings only. */
export const publicCoverageReport = (planId: string, fiscalYear: number, frameworkId: string) =>
  Effect.gen(function* () {
    yield* requirePublished(planId, fiscalYear)
    const settings = yield* (yield* FrameworkSettingsStore).get(planId)
    if (!settings.publishCoverage) return yield* new CoverageNotPublished({ planId, fiscalYear })
    return yield* coverageReport(planId, fiscalYear, frameworkId, "public")
  }).pipe(Effect.withSpan("publicCoverageReport"))
