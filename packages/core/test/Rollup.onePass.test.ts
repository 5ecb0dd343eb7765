/**
 * The one-pass roll-up (issue #23) against the roll-up as it was before it, kept here as the oracle:
 * on generated plan-years, `summarizePlanYear` and `summarizeYear` (now sharing one tally) give
 * exactly what the earlier `summarizeYear` gave over `evaluateReview`'s lines.
 */
import { describe, expect, it } from "@effect/vitest"
import fc from "fast-check"
import {
  type AgencyId,
  type AreaNo,
  type AttentionItem,
  type AttentionReason,
  type BasicPolicyNo,
  evaluateReview,
  type FiscalYear,
  expectedIn,
  type InitiativeNo,
  type LifeStage,
  lifeStages,
  type Measure,
  type ObjectiveNo,
  onTrackShare,
  type Rating,
  type RatingCounts,
  type Review,
  type ReviewStatus,
  summarizePlanYear,
  summarizeYear,
  type YearLine,
  type YearSummary,
  emptyRatingCounts,
  isBehind,
  ratingRank
} from "../src/index.ts"
import { policy } from "./fixtures.ts"

type Tally = { -readonly [K in keyof RatingCounts]: number }
type StatusTally = { -readonly [K in ReviewStatus | "missing"]: number }
const newTally = (): Tally => ({ ...emptyRatingCounts })
const newStatusTally = (): StatusTally => ({ draft: 0, submitted: 0, approved: 0, missing: 0 })

// ── The roll-up before the one pass (Rollup.ts at the start of #23's second round), verbatim ──
const attentionOf = (line: YearLine): AttentionItem | null => {
  const reasons: Array<AttentionReason> = []
  if (line.review === null) reasons.push("missingReview")
  else if (line.review.selfRating !== null && isBehind(line.review.selfRating)) reasons.push("behind")
  for (const flag of line.evaluation?.flags ?? []) reasons.push(flag._tag)
  if (reasons.length === 0) return null
  return {
    initiativeNo: line.initiative.no,
    name: line.initiative.name,
    selfRating: line.review?.selfRating ?? null,
    reasons
  }
}

/**
 * A tally per place, keyed by a number built from the place's numbers (no string or object made per
 * line: the roll-up runs for every plan-year), with the place's numbers kept beside it.
 */
const groupTally = <K extends object>(numbersOf: (initiative: YearLine["initiative"]) => K) => {
  const groups = new Map<number, { readonly numbers: K; readonly counts: Tally }>()
  return {
    add: (key: number, initiative: YearLine["initiative"], rating: keyof Tally) => {
      let group = groups.get(key)
      if (group === undefined) groups.set(key, (group = { numbers: numbersOf(initiative), counts: newTally() }))
      group.counts[rating] += 1
    },
    /** Sorted by their numbers, in the order the keys name them (policy, area, objective). */
    rows: (order: (numbers: K) => ReadonlyArray<number>) =>
      [...groups.values()]
        .sort((a, b) => {
          const [x, y] = [order(a.numbers), order(b.numbers)]
          const differs = x.findIndex((n, i) => n !== y[i])
          return differs < 0 ? 0 : x[differs]! - y[differs]!
        })
        .map(({ numbers, counts }) => ({
          ...numbers,
          ratings: counts as RatingCounts,
          onTrackShare: onTrackShare(counts)
        }))
  }
}

/** A place's numbers as one number: each is 1–999 (Plan.ts positiveNo), below PLACE_RADIX. */
const PLACE_RADIX = 1 << 10

/**
 * The roll-ups of FY `fiscalYear`: ratings per basic policy, area, objective (each keyed by its
 * full place: the ① of another area is another objective), life stage and agency, the share on
 * track, the attention list, completion, and the change from the previous year. Initiatives not in
 * effect that year and without a review are left out: nobody owes a review for them.
 */
const summarizeYearBefore = (
  lines: ReadonlyArray<YearLine>,
  previous: ReadonlyArray<Pick<Review, "initiativeNo" | "selfRating">>,
  fiscalYear: number
): YearSummary => {
  const counted = lines.filter((line) => line.review !== null || expectedIn(line.initiative, fiscalYear))
  // One pass over the lines: each counts once for its policy, area and objective, each of its
  // (distinct) life stages and each of its (distinct) agencies. Agencies keep the order they first
  // appear in.
  const ratings = newTally()
  const byStatus = newStatusTally()
  const byPolicy = groupTally(({ policyNo }) => ({ policyNo }))
  const byArea = groupTally(({ policyNo, areaNo }) => ({ policyNo, areaNo }))
  const byObjective = groupTally(({ policyNo, areaNo, objectiveNo }) => ({ policyNo, areaNo, objectiveNo }))
  const byLifeStage = new Map<LifeStage, Tally>(lifeStages.map((stage) => [stage, newTally()]))
  const byAgency = new Map<AgencyId, { ratings: Tally; byStatus: StatusTally; total: number }>()
  for (const line of counted) {
    const rating = line.review?.selfRating ?? "unrated"
    const status = line.review?.status ?? "missing"
    ratings[rating] += 1
    byStatus[status] += 1
    const { initiative } = line
    const { policyNo, areaNo, objectiveNo, lifeStages: stages, agencies } = initiative
    const area = policyNo * PLACE_RADIX + areaNo
    byPolicy.add(policyNo, initiative, rating)
    byArea.add(area, initiative, rating)
    byObjective.add(area * PLACE_RADIX + objectiveNo, initiative, rating)
    // Plain loops: a closure per line and stage was a measurable share of the roll-up.
    for (let index = 0; index < stages.length; index++) {
      const stage = stages[index]!
      if (stages.indexOf(stage) !== index) continue
      const tally = byLifeStage.get(stage)
      if (tally !== undefined) tally[rating] += 1
    }
    for (let index = 0; index < agencies.length; index++) {
      const agencyId = agencies[index]!
      if (agencies.indexOf(agencyId) !== index) continue
      let agency = byAgency.get(agencyId)
      if (agency === undefined)
        byAgency.set(agencyId, (agency = { ratings: newTally(), byStatus: newStatusTally(), total: 0 }))
      agency.ratings[rating] += 1
      agency.byStatus[status] += 1
      agency.total += 1
    }
  }
  const before = new Map(previous.map((review) => [review.initiativeNo, review.selfRating]))
  return {
    ratings,
    onTrackShare: onTrackShare(ratings),
    byPolicy: byPolicy.rows((key) => [key.policyNo]),
    byArea: byArea.rows((key) => [key.policyNo, key.areaNo]),
    byObjective: byObjective.rows((key) => [key.policyNo, key.areaNo, key.objectiveNo]),
    byLifeStage: [...byLifeStage].map(([lifeStage, counts]) => ({
      lifeStage,
      ratings: counts,
      onTrackShare: onTrackShare(counts)
    })),
    byAgency: [...byAgency].map(([agencyId, agency]) => ({
      agencyId,
      ratings: agency.ratings,
      onTrackShare: onTrackShare(agency.ratings),
      completion: { total: agency.total, byStatus: agency.byStatus }
    })),
    attention: counted.map(attentionOf).filter((item): item is AttentionItem => item !== null),
    completion: { total: counted.length, byStatus },
    changes: counted
      .filter((line) => before.has(line.initiative.no))
      .map((line) => {
        const from = before.get(line.initiative.no) ?? null
        const to = line.review?.selfRating ?? null
        return {
          initiativeNo: line.initiative.no,
          from,
          to,
          grades: from === null || to === null ? null : ratingRank(from) - ratingRank(to)
        }
      })
  }
}

// ── Generated plan-years ────────────────────────────────────────────────────────────────────
const rating = fc.constantFrom<Rating | null>("A", "B", "C", "D", null)
const figure = fc.option(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e5, noNaN: true })), { nil: undefined })
const measure: fc.Arbitrary<Measure> = fc
  .record({
    label: fc.constantFrom("参加者数", "開催回数", "相談件数"),
    unit: fc.constantFrom("人", "回", "%"),
    actual: figure,
    planned: figure,
    plannedUnit: fc.option(fc.constantFrom("人", "回"), { nil: undefined }),
    comparator: fc.constantFrom("atLeast", "atMost", "approx", "exact")
  })
  .map((fields) => Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Measure)
const review = fc.record({
  selfRating: rating,
  status: fc.constantFrom<ReviewStatus>("draft", "submitted", "approved"),
  ratingReason: fc.constantFrom("", " ", "予定どおり"),
  measures: fc.array(measure, { maxLength: 4 })
})
const year = fc.integer({ min: 2020, max: 2026 }).map((n) => n as FiscalYear)
const initiative = (no: number) =>
  fc.record({
    no: fc.constant(no as InitiativeNo),
    name: fc.constant(`事業${no}`),
    policyNo: fc.integer({ min: 1, max: 3 }).map((n) => n as BasicPolicyNo),
    areaNo: fc.integer({ min: 1, max: 3 }).map((n) => n as AreaNo),
    objectiveNo: fc.constantFrom(1, 2, 3, 4, 999).map((n) => n as ObjectiveNo),
    lifeStages: fc.array(fc.constantFrom<LifeStage>(...lifeStages), { maxLength: 4 }),
    agencies: fc.array(fc.constantFrom("kenko", "kodomo", "kyoiku", "keisatsu") as fc.Arbitrary<AgencyId>, {
      maxLength: 3
    }),
    status: fc.constantFrom<"active" | "discontinued">("active", "discontinued"),
    since: fc.option(year, { nil: null }),
    until: fc.option(year, { nil: null })
  })
const planYear = fc.integer({ min: 0, max: 40 }).chain((count) =>
  fc.record({
    initiatives: fc.tuple(...Array.from({ length: count }, (_, i) => initiative(i + 1))),
    reviews: fc.array(fc.option(review, { nil: null }), { minLength: count, maxLength: count }),
    previous: fc.array(
      fc.record({ initiativeNo: fc.integer({ min: 1, max: 45 }).map((n) => n as InitiativeNo), selfRating: rating }),
      {
        maxLength: 30
      }
    ),
    fiscalYear: year
  })
)

describe("the one-pass roll-up (#23)", () => {
  it("gives what the roll-up over evaluated lines gave before it, on generated plan-years", () => {
    fc.assert(
      fc.property(planYear, ({ initiatives, reviews, previous, fiscalYear }) => {
        const lines: Array<YearLine> = initiatives.map((initiative, index) => {
          const found = reviews[index] ?? null
          return { initiative, review: found, evaluation: found && evaluateReview(found, policy) }
        })
        const before = summarizeYearBefore(
          lines,
          previous as ReadonlyArray<Pick<Review, "initiativeNo" | "selfRating">>,
          fiscalYear
        )
        expect(
          summarizePlanYear(initiatives, (_, index) => reviews[index] ?? null, previous, policy, fiscalYear)
        ).toStrictEqual(before)
        expect(summarizeYear(lines, previous, fiscalYear)).toStrictEqual(before)
      }),
      { numRuns: 300 }
    )
  })
})
