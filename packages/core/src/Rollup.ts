import { Schema } from "effect"
import type { AgencyId } from "./Agency.ts"
import type { Bilingual } from "./Bilingual.ts"
import { ConsistencyFlag, type ReviewEvaluation } from "./Evaluation.ts"
import { expectedIn, type Initiative, type InitiativeNo } from "./Initiative.ts"
import { type LifeStage, lifeStages } from "./LifeStage.ts"
import type { AreaNo, BasicPolicyNo, ObjectiveNo } from "./Plan.ts"
import { emptyRatingCounts, type Rating, type RatingCounts, isBehind, ratingRank } from "./Rating.ts"
import type { Review, ReviewStatus } from "./Review.ts"

/** One initiative's line in a year: the review (if any was written) and its evaluation. */
export interface YearLine {
  readonly initiative: Pick<
    Initiative,
    "no" | "name" | "policyNo" | "areaNo" | "objectiveNo" | "lifeStages" | "agencies" | "status" | "since" | "until"
  >
  readonly review: Pick<Review, "selfRating" | "status"> | null
  readonly evaluation: ReviewEvaluation | null
}

// The union's cases are keyed by tag; Object.keys only types them as strings.
const consistencyFlagTags = Object.keys(ConsistencyFlag.cases) as ReadonlyArray<ConsistencyFlag["_tag"]>

/**
 * Why an initiative is on the attention list: rated Ｃ/Ｄ, no review, or one of its review's
 * consistency flags (whose tags are read from ConsistencyFlag, so a new flag is a reason at once).
 */
export const AttentionReason = Schema.Literals(["behind", "missingReview", ...consistencyFlagTags])
export type AttentionReason = typeof AttentionReason.Type

/** One word or two per reason: the admin's attention table and the dashboard's narrow column. */
export const attentionReasonLabel: Record<AttentionReason, Bilingual> = {
  behind: { ja: "遅れ（Ｃ・Ｄ）", en: "Behind C/D" },
  missingReview: { ja: "未作成", en: "No review" },
  RatingMissing: { ja: "自己評価なし", en: "No rating" },
  ReasonMissing: { ja: "理由なし", en: "No reason" },
  RatingDiffers: { ja: "提案と差", en: "Off suggestion" },
  UnitMismatch: { ja: "単位不一致", en: "Unit mismatch" }
}

export interface AttentionItem {
  readonly initiativeNo: InitiativeNo
  readonly name: string
  readonly selfRating: Rating | null
  readonly reasons: ReadonlyArray<AttentionReason>
}

export interface Completion {
  readonly total: number
  readonly byStatus: Readonly<Record<ReviewStatus | "missing", number>>
}

export interface RatingChange {
  readonly initiativeNo: InitiativeNo
  readonly from: Rating | null
  readonly to: Rating | null
  /** positive: better than the year before */
  readonly grades: number | null
}

export interface YearSummary {
  readonly ratings: RatingCounts
  /** (A + B) / rated; null when nothing is rated */
  readonly onTrackShare: number | null
  readonly byPolicy: ReadonlyArray<{
    readonly policyNo: BasicPolicyNo
    readonly ratings: RatingCounts
    readonly onTrackShare: number | null
  }>
  readonly byArea: ReadonlyArray<{
    readonly policyNo: BasicPolicyNo
    readonly areaNo: AreaNo
    readonly ratings: RatingCounts
    readonly onTrackShare: number | null
  }>
  readonly byObjective: ReadonlyArray<{
    readonly policyNo: BasicPolicyNo
    readonly areaNo: AreaNo
    readonly objectiveNo: ObjectiveNo
    readonly ratings: RatingCounts
    readonly onTrackShare: number | null
  }>
  readonly byLifeStage: ReadonlyArray<{
    readonly lifeStage: LifeStage
    readonly ratings: RatingCounts
    readonly onTrackShare: number | null
  }>
  readonly byAgency: ReadonlyArray<{
    readonly agencyId: AgencyId
    readonly ratings: RatingCounts
    readonly onTrackShare: number | null
    readonly completion: Completion
  }>
  readonly attention: ReadonlyArray<AttentionItem>
  readonly completion: Completion
  readonly changes: ReadonlyArray<RatingChange>
}

export const onTrackShare = (counts: RatingCounts): number | null => {
  const rated = counts.A + counts.B + counts.C + counts.D
  return rated === 0 ? null : (counts.A + counts.B) / rated
}

type Tally = { -readonly [K in keyof RatingCounts]: number }
type StatusTally = { -readonly [K in ReviewStatus | "missing"]: number }

const newTally = (): Tally => ({ ...emptyRatingCounts })
const newStatusTally = (): StatusTally => ({ draft: 0, submitted: 0, approved: 0, missing: 0 })

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
export const summarizeYear = (
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

/** The reasons a council reads: behind (Ｃ/Ｄ) and no review. The consistency flags are the secretariat's own checks. */
export const councilReasons: ReadonlyArray<AttentionReason> = ["behind", "missingReview"]

/** The attention list as printed for the council: internal check flags left out, and the items only they named. */
export const councilAttention = <T extends Pick<AttentionItem, "reasons">>(items: ReadonlyArray<T>): Array<T> =>
  items
    .map((item) => ({ ...item, reasons: item.reasons.filter((reason) => councilReasons.includes(reason)) }))
    .filter((item) => item.reasons.length > 0)
