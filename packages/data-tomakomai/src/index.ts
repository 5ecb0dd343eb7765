import { defaultRatingPolicy, formatRatingCell, type Initiative, type PlanSnapshot, type Review } from "@sukoyaka/core"
import { Schema } from "effect"
import { agencies, agencyByName } from "./agencies.ts"
import { areaNo, plan, planId, policyNo, reviewYear, targets } from "./plan.ts"
import { rows } from "./rows.ts"
import { TranscribedInitiative } from "./Transcription.ts"

export { agencies } from "./agencies.ts"
export { areaNo, objectiveRanges, plan, planId, policyNo, reviewYear, targets } from "./plan.ts"
export { TranscribedInitiative } from "./Transcription.ts"

export class DatasetError extends Error {
  override readonly name = "DatasetError"
}

const decodeRow = Schema.decodeUnknownSync(TranscribedInitiative, { onExcessProperty: "error", errors: "all" })

const toDomain = (row: TranscribedInitiative): { initiative: Initiative; review: Review } => {
  const agencyIds = row.agencies.map(({ name, kind }) => {
    const agency = agencyByName(name)
    if (agency === undefined || agency.kind !== kind) {
      throw new DatasetError(`No. ${row.no}: agency 「${name}」 (${kind}) is not in agencies.ts`)
    }
    return agency.id
  })
  // The I cell is derived from the rating everywhere else; here it proves the rating was read right.
  if ((row.review.selfRatingText ?? "") !== formatRatingCell(row.review.selfRating)) {
    throw new DatasetError(
      `No. ${row.no}: rating cell 「${row.review.selfRatingText}」 does not read as ${row.review.selfRating}`
    )
  }
  const initiative: Initiative = {
    planId,
    no: row.no,
    policyNo,
    areaNo,
    objectiveNo: row.objectiveNo,
    name: row.name,
    markers: row.markers,
    content: row.content,
    lifeStagesText: row.lifeStagesText,
    lifeStages: row.lifeStages,
    agencies: agencyIds,
    status: row.status,
    // The seed's years: every row from the plan's start; a discontinued one (No. 64: the
    // association dissolved in April 2025) ends with the year reported on.
    since: null,
    until: row.status === "discontinued" ? row.review.fiscalYear : null,
    notes: row.notes,
    version: 1
  }
  const review: Review = {
    planId,
    initiativeNo: row.no,
    fiscalYear: row.review.fiscalYear,
    actions: row.review.actions,
    resultText: row.review.resultText,
    plannedText: row.review.plannedText,
    measures: row.review.measures,
    selfRating: row.review.selfRating,
    ratingReason: row.review.ratingReason,
    next: row.next,
    // The FY2024 plan (K of the FY2023 sheet) is not part of the seed.
    plannedActions: "",
    // The council has seen this report: the year is closed.
    status: "approved",
    statusComment: null,
    approvedVersion: 1,
    version: 1
  }
  return { initiative, review }
}

let cached: PlanSnapshot | undefined

/**
 * The plan, its reviews and its rating policy: what the main job seeds into an empty database.
 * Decodes the transcription with the core schemas; throws a DatasetError naming the row on any flaw.
 */
export const loadDataset = (): PlanSnapshot => {
  if (cached) return cached
  const decoded = rows.map((raw, index) => {
    try {
      return toDomain(decodeRow(raw))
    } catch (error) {
      const no = (raw as { no?: unknown })?.no ?? `#${index}`
      throw new DatasetError(`row ${String(no)}: ${error instanceof Error ? error.message : String(error)}`)
    }
  })
  cached = {
    plan,
    agencies,
    targets,
    initiatives: decoded.map((row) => row.initiative),
    reviews: decoded.map((row) => row.review),
    ratingPolicy: defaultRatingPolicy(planId, reviewYear)
  }
  return cached
}
export { exampleTags } from "./exampleTags.ts"
