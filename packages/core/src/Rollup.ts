import { Schema } from "effect"
import type { AgencyId } from "./Agency.ts"
import type { Bilingual } from "./Bilingual.ts"
import { ConsistencyFlag, type ReviewEvaluation, reviewFlags } from "./Evaluation.ts"
import { expectedIn, type Initiative, type InitiativeNo } from "./Initiative.ts"
import { type LifeStage, lifeStages } from "./LifeStage.ts"
import type { AreaNo, BasicPolicyNo, ObjectiveNo } from "./Plan.ts"
import { emptyRatingCounts, type Rating, type RatingCounts, isBehind, ratingRank } from "./Rating.ts"
import type { RatingPolicy } from "./RatingPolicy.ts"
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

/** A place's numbers as one number: each is 1–999 (Plan.ts positiveNo), below PLACE_RADIX. */
const PLACE_RADIX = 1 << 10

/** A place's tally, keyed by its numbers as one number: ordering the keys orders the places. */
interface PlaceTally {
  readonly key: number
  readonly policyNo: BasicPolicyNo
  readonly areaNo: AreaNo
  readonly objectiveNo: ObjectiveNo
  readonly counts: Tally
}

const countPlace = (
  places: Map<number, PlaceTally>,
  key: number,
  initiative: YearLine["initiative"],
  rating: keyof Tally
) => {
  let place = places.get(key)
  if (place === undefined) {
    const { policyNo, areaNo, objectiveNo } = initiative
    places.set(key, (place = { key, policyNo, areaNo, objectiveNo, counts: newTally() }))
  }
  place.counts[rating] += 1
}

/** A row's counts with its share on track. */
const shared = (counts: Tally) => ({ ratings: counts as RatingCounts, onTrackShare: onTrackShare(counts) })

const placesInOrder = (places: Map<number, PlaceTally>) => [...places.values()].sort((a, b) => a.key - b.key)

/**
 * The year's counts, one line at a time: `summarizeYear` feeds it the lines it is given,
 * `summarizePlanYear` each initiative with its review as it evaluates it. Each line counts once for
 * its policy, area and objective, each of its (distinct) life stages and each of its (distinct)
 * agencies; agencies, the attention list and the changes keep the order the lines come in.
 */
class YearTally {
  private readonly ratings = newTally()
  private readonly byStatus = newStatusTally()
  private readonly byPolicy = new Map<number, PlaceTally>()
  private readonly byArea = new Map<number, PlaceTally>()
  private readonly byObjective = new Map<number, PlaceTally>()
  private readonly byLifeStage = new Map<LifeStage, Tally>(lifeStages.map((stage) => [stage, newTally()]))
  private readonly byAgency = new Map<AgencyId, { ratings: Tally; byStatus: StatusTally; total: number }>()
  private readonly attention: Array<AttentionItem> = []
  private readonly changes: Array<RatingChange> = []
  private readonly before: Map<InitiativeNo, Rating | null>
  private total = 0

  constructor(previous: ReadonlyArray<Pick<Review, "initiativeNo" | "selfRating">>) {
    this.before = new Map(previous.map((review) => [review.initiativeNo, review.selfRating]))
  }

  add(
    initiative: YearLine["initiative"],
    review: Pick<Review, "selfRating" | "status"> | null,
    flags: ReadonlyArray<ConsistencyFlag> | undefined
  ) {
    const selfRating = review === null ? null : review.selfRating
    const rating = selfRating ?? "unrated"
    const status = review === null ? "missing" : review.status
    this.total += 1
    this.ratings[rating] += 1
    this.byStatus[status] += 1
    const { no, policyNo, areaNo, objectiveNo, lifeStages: stages, agencies } = initiative
    const area = policyNo * PLACE_RADIX + areaNo
    countPlace(this.byPolicy, policyNo, initiative, rating)
    countPlace(this.byArea, area, initiative, rating)
    countPlace(this.byObjective, area * PLACE_RADIX + objectiveNo, initiative, rating)
    // Plain loops: a closure per line and stage was a measurable share of the roll-up.
    for (let index = 0; index < stages.length; index++) {
      const stage = stages[index]!
      if (stages.indexOf(stage) !== index) continue
      const tally = this.byLifeStage.get(stage)
      if (tally !== undefined) tally[rating] += 1
    }
    for (let index = 0; index < agencies.length; index++) {
      const agencyId = agencies[index]!
      if (agencies.indexOf(agencyId) !== index) continue
      let agency = this.byAgency.get(agencyId)
      if (agency === undefined)
        this.byAgency.set(agencyId, (agency = { ratings: newTally(), byStatus: newStatusTally(), total: 0 }))
      agency.ratings[rating] += 1
      agency.byStatus[status] += 1
      agency.total += 1
    }
    // On the attention list: rated Ｃ/Ｄ, no review, or any flag (a reasons array only for those).
    const behind = selfRating !== null && isBehind(selfRating)
    if (review === null || behind || (flags !== undefined && flags.length > 0)) {
      const reasons: Array<AttentionReason> = []
      if (review === null) reasons.push("missingReview")
      else if (behind) reasons.push("behind")
      if (flags !== undefined) for (const flag of flags) reasons.push(flag._tag)
      this.attention.push({ initiativeNo: no, name: initiative.name, selfRating, reasons })
    }
    if (this.before.has(no)) {
      const from = this.before.get(no) ?? null
      this.changes.push({
        initiativeNo: no,
        from,
        to: selfRating,
        grades: from === null || selfRating === null ? null : ratingRank(from) - ratingRank(selfRating)
      })
    }
  }

  summary(): YearSummary {
    const { ratings } = this
    return {
      ratings,
      onTrackShare: onTrackShare(ratings),
      byPolicy: placesInOrder(this.byPolicy).map(({ policyNo, counts }) => ({ policyNo, ...shared(counts) })),
      byArea: placesInOrder(this.byArea).map(({ policyNo, areaNo, counts }) => ({
        policyNo,
        areaNo,
        ...shared(counts)
      })),
      byObjective: placesInOrder(this.byObjective).map(({ policyNo, areaNo, objectiveNo, counts }) => ({
        policyNo,
        areaNo,
        objectiveNo,
        ...shared(counts)
      })),
      byLifeStage: [...this.byLifeStage].map(([lifeStage, counts]) => ({ lifeStage, ...shared(counts) })),
      byAgency: [...this.byAgency].map(([agencyId, agency]) => ({
        agencyId,
        ...shared(agency.ratings),
        completion: { total: agency.total, byStatus: agency.byStatus }
      })),
      attention: this.attention,
      completion: { total: this.total, byStatus: this.byStatus },
      changes: this.changes
    }
  }
}

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
  const tally = new YearTally(previous)
  for (const line of lines)
    if (line.review !== null || expectedIn(line.initiative, fiscalYear))
      tally.add(line.initiative, line.review, line.evaluation?.flags)
  return tally.summary()
}

/**
 * `summarizeYear` of the plan's initiatives with their reviews of the year, each review evaluated
 * as it is counted (`reviewFlags`, the flags `evaluateReview` gives): one pass, no line or
 * evaluation kept per initiative. What the year's summary computes (GET …/summary).
 */
export const summarizePlanYear = <I extends YearLine["initiative"]>(
  initiatives: ReadonlyArray<I>,
  reviewOf: (
    initiative: I,
    index: number
  ) => Pick<Review, "selfRating" | "status" | "ratingReason" | "measures"> | null,
  previous: ReadonlyArray<Pick<Review, "initiativeNo" | "selfRating">>,
  policy: RatingPolicy,
  fiscalYear: number
): YearSummary => {
  const tally = new YearTally(previous)
  for (let index = 0; index < initiatives.length; index++) {
    const initiative = initiatives[index]!
    const review = reviewOf(initiative, index)
    if (review === null && !expectedIn(initiative, fiscalYear)) continue
    tally.add(initiative, review, review === null ? undefined : reviewFlags(review, policy))
  }
  return tally.summary()
}

/** The reasons a council reads: behind (Ｃ/Ｄ) and no review. The consistency flags are the secretariat's own checks. */
export const councilReasons: ReadonlyArray<AttentionReason> = ["behind", "missingReview"]

/** The attention list as printed for the council: internal check flags left out, and the items only they named. */
export const councilAttention = <T extends Pick<AttentionItem, "reasons">>(items: ReadonlyArray<T>): Array<T> =>
  items
    .map((item) => ({ ...item, reasons: item.reasons.filter((reason) => councilReasons.includes(reason)) }))
    .filter((item) => item.reasons.length > 0)
