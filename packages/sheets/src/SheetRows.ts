import {
  type Agency,
  effectiveSpanOf,
  expectedIn,
  type FiscalYear,
  formatRatingCell,
  inEffect,
  type Initiative,
  type Objective,
  type ObjectivePlace,
  objectivePlacesOf,
  type PlanSnapshot,
  type Review,
  type SheetColumn
} from "@sukoyaka/core"

/** Which sheet of a plan snapshot an export writes. */
export interface ExportOptions {
  /** The review year: its reviews fill columns F–L, its era labels the headings. */
  readonly fiscalYear: FiscalYear
  /** Only the rows of initiatives that list this agency (the sheet an agency fills in). */
  readonly agencyId?: string | undefined
}

/** One initiative's line of the sheet: the twelve cells verbatim plus what import needs to match it. */
export interface SheetRow {
  readonly initiative: Initiative
  readonly review: Review | undefined
  readonly cells: Record<SheetColumn, string>
}

export interface ObjectiveRows {
  readonly objective: Objective
  /** The objective with its area and basic policy: another area has its own ①. */
  readonly place: ObjectivePlace
  readonly rows: ReadonlyArray<SheetRow>
}

/** Agency names as column E prints them, one per line; an unknown id is printed as it is. */
const agencyNames = (initiative: Initiative, agencies: ReadonlyArray<Agency>): string =>
  initiative.agencies.map((id) => agencies.find((agency) => agency.id === id)?.name ?? id).join("\n")

/**
 * Columns F–L are empty for an initiative without a review in the year: the agency fills them in.
 */
export const sheetRowOf = (
  initiative: Initiative,
  review: Review | undefined,
  agencies: ReadonlyArray<Agency>
): SheetRow => ({
  initiative,
  review,
  cells: {
    A: initiative.lifeStagesText,
    B: String(initiative.no),
    C: initiative.name,
    D: initiative.content,
    E: agencyNames(initiative, agencies),
    F: review?.actions ?? "",
    G: review?.resultText ?? "",
    H: review?.plannedText ?? "",
    I: formatRatingCell(review?.selfRating ?? null),
    J: review?.ratingReason ?? "",
    K: review?.next.actions ?? "",
    L: review?.next.plannedText ?? ""
  }
})

/**
 * The rows to export, grouped by objective (its full place) in plan order, each group sorted by No.
 * A year's sheet offers the initiatives in effect that year, and any other that has a review in it;
 * an objective not in effect that year has no sheet unless such a row is under it.
 */
export const rowsByObjective = (
  snapshot: PlanSnapshot,
  { fiscalYear, agencyId }: ExportOptions
): ReadonlyArray<ObjectiveRows> => {
  const selected = snapshot.initiatives.filter(
    (initiative) =>
      initiative.planId === snapshot.plan.id &&
      (agencyId === undefined || initiative.agencies.some((id) => id === agencyId))
  )
  const reviewOf = (initiative: Initiative) =>
    snapshot.reviews.find(
      (review) =>
        review.planId === initiative.planId && review.initiativeNo === initiative.no && review.fiscalYear === fiscalYear
    )
  return objectivePlacesOf(snapshot.plan)
    .map((place) => ({
      objective: place.objective,
      place,
      rows: selected
        .filter(
          (initiative) =>
            initiative.policyNo === place.ref.policyNo &&
            initiative.areaNo === place.ref.areaNo &&
            initiative.objectiveNo === place.ref.objectiveNo
        )
        .map((initiative) => ({ initiative, review: reviewOf(initiative) }))
        .filter(({ initiative, review }) => review !== undefined || expectedIn(initiative, fiscalYear))
        .sort((a, b) => a.initiative.no - b.initiative.no)
        .map(({ initiative, review }) => sheetRowOf(initiative, review, snapshot.agencies))
    }))
    .filter(
      (group) => (agencyId === undefined && inEffect(effectiveSpanOf(group.place), fiscalYear)) || group.rows.length > 0
    )
}
