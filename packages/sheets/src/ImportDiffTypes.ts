import type { Actor, FiscalYear, InitiativeCreate, ReviewContent, SheetColumn } from "@sukoyaka/core"
import type { Problem } from "./Problem.ts"

// What diffImport answers with, apart from it so that the row classifier can name the same types.

/** How a returned sheet is compared with the plan snapshot the caller read from storage. */
export interface DiffOptions {
  /** The review year; defaults to the year the workbook was exported for. */
  readonly fiscalYear?: FiscalYear
  /** Who imports: rows they may not write (core's canEditReview) become errors. */
  readonly actor?: Actor
}

export interface CellChange {
  readonly column: SheetColumn
  readonly before: string
  readonly after: string
}

/** Where in the returned workbook a row was found. */
export interface RowPlace {
  readonly no: number
  readonly sheet: string
  readonly row: number
}

/** One review to write: the caller applies every update of a diff in one transaction. */
export interface ReviewUpdate extends RowPlace {
  readonly changes: ReadonlyArray<CellChange>
  readonly content: ReviewContent
  /**
   * The version to write with (If-Match): the stored version the sheet was filled in against.
   * null when the initiative has no review for the year yet: the caller creates it.
   */
  readonly expectedVersion: number | null
  /** The version in the sheet's hidden key; null when the row carried no key (not checked). */
  readonly versionInSheet: number | null
  /** The review is approved: applied, it goes back to submitted for approval again (said before applying). */
  readonly wasApproved: boolean
  /** Columns whose figures changed in a way the structured measures could not follow. */
  readonly measuresToReview: ReadonlyArray<"G" | "H" | "L">
}

/** Someone changed the review after the sheet was exported: never applied silently. */
export interface VersionConflict extends RowPlace {
  readonly changes: ReadonlyArray<CellChange>
  readonly versionInSheet: number
  readonly currentVersion: number
  readonly ja: string
  readonly en: string
}

/**
 * A row whose No. the plan does not have, read as the initiative it describes (columns A–E, under the
 * objective of its sheet, new from the sheet's year) and its review (F–L). Only the secretariat's
 * import proposes; nothing is added unless the import is applied with its No. accepted.
 */
export interface InitiativeProposal extends RowPlace {
  readonly initiative: InitiativeCreate
  readonly content: ReviewContent
}

export interface ImportDiff {
  readonly fiscalYear: number | null
  readonly updates: ReadonlyArray<ReviewUpdate>
  readonly unchanged: ReadonlyArray<RowPlace>
  /** Rows whose No. is not an initiative of the plan: initiatives are added by the secretariat. */
  readonly newRows: ReadonlyArray<RowPlace>
  /** The new rows the secretariat may accept as initiatives when applying (an admin's import only). */
  readonly proposals: ReadonlyArray<InitiativeProposal>
  /** Initiatives the sheet should hold (all, or the agency's) that it does not. */
  readonly missingRows: ReadonlyArray<number>
  readonly conflicts: ReadonlyArray<VersionConflict>
  readonly problems: ReadonlyArray<Problem>
  /** True when there is nothing in the way of applying `updates`: no error and no conflict. */
  readonly canApply: boolean
}
