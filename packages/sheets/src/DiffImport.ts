import type { PlanSnapshot } from "@sukoyaka/core"
import { classifyRow, type DiffContext, RowOutcome } from "./ClassifyRow.ts"
import type {
  DiffOptions,
  ImportDiff,
  InitiativeProposal,
  ReviewUpdate,
  RowPlace,
  VersionConflict
} from "./ImportDiffTypes.ts"
import type { ParsedWorkbook } from "./ParsedWorkbook.ts"
import type { Problem } from "./Problem.ts"
import { sameThroughShiftJis } from "./ShiftJis.ts"

// The diff's types moved to their own module; this one still exports them, as it always did.
export type * from "./ImportDiffTypes.ts"

/**
 * How a sheet's cell is compared with the stored text. Exactly, except for a CSV saved as Shift_JIS:
 * Excel replaces the characters Shift_JIS lacks (U+2003, the em space of the seed, among them) with
 * 「?」 or a look-alike, and that is not an edit.
 */
const sameTextFor =
  (parsed: ParsedWorkbook) =>
  (stored: string, inSheet: string): boolean =>
    stored === inSheet || (parsed.lossyEncoding === "shift_jis" && sameThroughShiftJis(stored, inSheet))

/** The year the sheet is compared for: the caller's, else the one the workbook was exported for. */
const fiscalYearOf = (parsed: ParsedWorkbook, options: DiffOptions): number | null =>
  options.fiscalYear ?? parsed.meta?.fiscalYear ?? parsed.rows.find((row) => row.key !== null)?.key?.fiscalYear ?? null

/** The workbook says it is for another year than the one it is imported into. */
const wrongYear = (parsed: ParsedWorkbook, fiscalYear: number | null): Problem | undefined => {
  const { meta } = parsed
  if (meta === null || meta.fiscalYear === null || fiscalYear === null) return undefined
  if (meta.fiscalYear === fiscalYear) return undefined
  return {
    severity: "error",
    code: "wrongYear",
    sheet: meta.sheet,
    row: meta.yearPlace?.row ?? 3,
    column: meta.yearPlace?.column ?? "B",
    ja: `このブックは${meta.fiscalYear}年度用です（取り込み先は${fiscalYear}年度）`,
    en: `this workbook is for FY${meta.fiscalYear}, not FY${fiscalYear}`
  }
}

/** Initiatives the sheet should hold (all, or the sheet's agency's) that it does not. */
const missingRowsOf = (parsed: ParsedWorkbook, snapshot: PlanSnapshot): ReadonlyArray<number> => {
  const found = new Set(parsed.rows.map((row) => row.no))
  const agencyId = parsed.meta?.agencyId ?? null
  return snapshot.initiatives
    .filter((initiative) => agencyId === null || initiative.agencies.some((id) => id === agencyId))
    .filter((initiative) => !found.has(initiative.no))
    .map((initiative) => initiative.no)
    .sort((a, b) => a - b)
}

/**
 * Compares a parsed workbook with the plan as stored (its initiatives, the year's reviews, the
 * agencies' names for column E): the cells that changed, the review content to write with the
 * version to write it with, the conflicts, the new and the missing rows. Pure: it applies nothing.
 */
export const diffImport = (parsed: ParsedWorkbook, snapshot: PlanSnapshot, options: DiffOptions = {}): ImportDiff => {
  const fiscalYear = fiscalYearOf(parsed, options)
  const yearProblem = wrongYear(parsed, fiscalYear)
  const problems: Array<Problem> = [...parsed.problems, ...(yearProblem === undefined ? [] : [yearProblem])]
  const rowsWithErrors = new Set(
    problems.filter((problem) => problem.severity === "error").map((problem) => `${problem.sheet}\u0000${problem.row}`)
  )
  const context: DiffContext = {
    snapshot,
    actor: options.actor,
    fiscalYear,
    sheetAgency: parsed.meta?.agencyId ?? null,
    lossyShiftJis: parsed.lossyEncoding === "shift_jis",
    sameText: sameTextFor(parsed),
    hasReadError: (row) => rowsWithErrors.has(`${row.sheet}\u0000${row.row}`)
  }
  const updates: Array<ReviewUpdate> = []
  const unchanged: Array<RowPlace> = []
  const newRows: Array<RowPlace> = []
  const proposals: Array<InitiativeProposal> = []
  const conflicts: Array<VersionConflict> = []
  for (const row of parsed.rows) {
    const outcome = classifyRow(row, context)
    problems.push(...outcome.problems)
    RowOutcome.$match(outcome, {
      NewRow: ({ place, proposal }) => {
        newRows.push(place)
        if (proposal !== undefined) proposals.push(proposal)
      },
      Skipped: () => undefined,
      Unchanged: ({ place }) => unchanged.push(place),
      Conflict: ({ conflict }) => conflicts.push(conflict),
      Update: ({ update }) => updates.push(update)
    })
  }
  return {
    fiscalYear,
    updates,
    unchanged,
    newRows,
    proposals,
    missingRows: missingRowsOf(parsed, snapshot),
    conflicts,
    problems,
    canApply: conflicts.length === 0 && problems.every((problem) => problem.severity !== "error")
  }
}
