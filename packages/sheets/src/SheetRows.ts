import {
  type Agency,
  type FiscalYear,
  formatRatingCell,
  type Initiative,
  type Objective,
  objectivesOf,
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
  readonly rows: ReadonlyArray<SheetRow>
}

/** Agency names as column E prints them, one per line; an unknown id is printed as it is. */
const agencyNames = (initiative: Initiative, agencies: ReadonlyArray<Agency>): string =>
  initiative.agencies
    .map((id) => agencies.find((agency) => agency.id === id)?.name ?? id)
    .join("\n")

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

/** The rows to export, grouped by objective in plan order, each group sorted by No. */
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
        review.planId === initiative.planId &&
        review.initiativeNo === initiative.no &&
        review.fiscalYear === fiscalYear
    )
  return objectivesOf(snapshot.plan)
    .map((objective) => ({
      objective,
      rows: selected
        .filter((initiative) => initiative.objectiveNo === objective.no)
        .sort((a, b) => a.no - b.no)
        .map((initiative) => sheetRowOf(initiative, reviewOf(initiative), snapshot.agencies))
    }))
    .filter((group) => agencyId === undefined || group.rows.length > 0)
}
