import type { AgencyId } from "./Agency.ts"
import { type ConsistencyFlag, type ReviewEvaluation } from "./Evaluation.ts"
import type { Initiative, InitiativeNo } from "./Initiative.ts"
import { type LifeStage, lifeStages } from "./LifeStage.ts"
import type { ObjectiveNo } from "./Plan.ts"
import { type Rating, type RatingCounts, countRatings, isBehind, ratingRank } from "./Rating.ts"
import type { Review, ReviewStatus } from "./Review.ts"

/** One initiative's line in a year: the review (if any was written) and its evaluation. */
export interface YearLine {
  readonly initiative: Pick<Initiative, "no" | "name" | "objectiveNo" | "lifeStages" | "agencies" | "status">
  readonly review: Pick<Review, "selfRating" | "status"> | null
  readonly evaluation: ReviewEvaluation | null
}

export type AttentionReason = "behind" | "missingReview" | ConsistencyFlag["_tag"]

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
  readonly byObjective: ReadonlyArray<{ readonly objectiveNo: ObjectiveNo; readonly ratings: RatingCounts; readonly onTrackShare: number | null }>
  readonly byLifeStage: ReadonlyArray<{ readonly lifeStage: LifeStage; readonly ratings: RatingCounts; readonly onTrackShare: number | null }>
  readonly byAgency: ReadonlyArray<{ readonly agencyId: AgencyId; readonly ratings: RatingCounts; readonly onTrackShare: number | null; readonly completion: Completion }>
  readonly attention: ReadonlyArray<AttentionItem>
  readonly completion: Completion
  readonly changes: ReadonlyArray<RatingChange>
}

export const onTrackShare = (counts: RatingCounts): number | null => {
  const rated = counts.A + counts.B + counts.C + counts.D
  return rated === 0 ? null : (counts.A + counts.B) / rated
}

const completionOf = (lines: ReadonlyArray<YearLine>): Completion => {
  const byStatus = { draft: 0, submitted: 0, approved: 0, missing: 0 }
  for (const line of lines) byStatus[line.review?.status ?? "missing"] += 1
  return { total: lines.length, byStatus }
}

const ratingsOf = (lines: ReadonlyArray<YearLine>): RatingCounts => countRatings(lines.map((line) => line.review?.selfRating ?? null))

const attentionOf = (line: YearLine): AttentionItem | null => {
  const reasons: Array<AttentionReason> = []
  if (line.review === null) reasons.push("missingReview")
  else if (line.review.selfRating !== null && isBehind(line.review.selfRating)) reasons.push("behind")
  for (const flag of line.evaluation?.flags ?? []) reasons.push(flag._tag)
  if (reasons.length === 0) return null
  return { initiativeNo: line.initiative.no, name: line.initiative.name, selfRating: line.review?.selfRating ?? null, reasons }
}

const distinct = <A>(values: Iterable<A>): Array<A> => [...new Set(values)]

/**
 * The roll-ups of a year: ratings per objective, life stage and agency, the share on track, the
 * attention list, completion, and the change from the previous year. Discontinued initiatives
 * without a review are left out: nobody owes a review for them.
 */
export const summarizeYear = (
  lines: ReadonlyArray<YearLine>,
  previous: ReadonlyArray<Pick<Review, "initiativeNo" | "selfRating">> = []
): YearSummary => {
  const counted = lines.filter((line) => line.review !== null || line.initiative.status === "active")
  const group = <K,>(keys: ReadonlyArray<K>, has: (line: YearLine, key: K) => boolean) =>
    keys.map((key) => {
      const members = counted.filter((line) => has(line, key))
      const ratings = ratingsOf(members)
      return { key, members, ratings, onTrackShare: onTrackShare(ratings) }
    })
  const objectives = distinct(counted.map((line) => line.initiative.objectiveNo)).sort((a, b) => a - b)
  const agencies = distinct(counted.flatMap((line) => line.initiative.agencies))
  const ratings = ratingsOf(counted)
  const before = new Map(previous.map((review) => [review.initiativeNo, review.selfRating]))
  return {
    ratings,
    onTrackShare: onTrackShare(ratings),
    byObjective: group(objectives, (line, no) => line.initiative.objectiveNo === no).map(({ key, ratings, onTrackShare }) => ({
      objectiveNo: key,
      ratings,
      onTrackShare
    })),
    byLifeStage: group(lifeStages, (line, stage) => line.initiative.lifeStages.includes(stage)).map(({ key, ratings, onTrackShare }) => ({
      lifeStage: key,
      ratings,
      onTrackShare
    })),
    byAgency: group(agencies, (line, agency) => line.initiative.agencies.includes(agency)).map(({ key, members, ratings, onTrackShare }) => ({
      agencyId: key,
      ratings,
      onTrackShare,
      completion: completionOf(members)
    })),
    attention: counted.map(attentionOf).filter((item): item is AttentionItem => item !== null),
    completion: completionOf(counted),
    changes: counted
      .filter((line) => before.has(line.initiative.no))
      .map((line) => {
        const from = before.get(line.initiative.no) ?? null
        const to = line.review?.selfRating ?? null
        return { initiativeNo: line.initiative.no, from, to, grades: from === null || to === null ? null : ratingRank(from) - ratingRank(to) }
      })
  }
}
