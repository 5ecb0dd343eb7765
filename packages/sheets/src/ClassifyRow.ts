import {
  type Actor,
  canEditReview,
  fieldIssuesOf,
  formatRatingCell,
  type Initiative,
  type PlanSnapshot,
  type Review
} from "@sukoyaka/core"
import { Data, Result } from "effect"
import { codePointLabel } from "./CellText.ts"
import type { CellChange, InitiativeProposal, ReviewUpdate, RowPlace, VersionConflict } from "./ImportDiffTypes.ts"
import type { ParsedRow } from "./ParsedWorkbook.ts"
import type { Problem } from "./Problem.ts"
import { readNewRow } from "./ProposeInitiative.ts"
import { buildContent, columnOfPath, decodeReviewContent } from "./RowContent.ts"
import { KEY_COLUMN } from "./RowKey.ts"
import { type SheetRow, sheetRowOf } from "./SheetRows.ts"
import { charactersOutsideShiftJis } from "./ShiftJis.ts"

/**
 * What one row of a returned sheet comes to. Each outcome carries the problems found on the way,
 * in the order they were found, so that the diff lists them row by row.
 */
export type RowOutcome = Data.TaggedEnum<{
  /** Its No. is not an initiative of the plan; for the secretariat, a proposal to add it. */
  NewRow: {
    readonly place: RowPlace
    readonly proposal: InitiativeProposal | undefined
    readonly problems: ReadonlyArray<Problem>
  }
  /** Not imported: the problems say why. */
  Skipped: { readonly problems: ReadonlyArray<Problem> }
  Unchanged: { readonly place: RowPlace; readonly problems: ReadonlyArray<Problem> }
  Conflict: { readonly conflict: VersionConflict; readonly problems: ReadonlyArray<Problem> }
  Update: { readonly update: ReviewUpdate; readonly problems: ReadonlyArray<Problem> }
}>
export const RowOutcome = Data.taggedEnum<RowOutcome>()

/** What every row is compared with, worked out once per diff. */
export interface DiffContext {
  readonly snapshot: PlanSnapshot
  /** Who imports; undefined: no one's rights are checked. */
  readonly actor: Actor | undefined
  readonly fiscalYear: number | null
  /** The agency the sheet was made for; null for the whole plan's sheet. */
  readonly sheetAgency: string | null
  /** True when the file came as Shift_JIS, which cannot hold every stored character. */
  readonly lossyShiftJis: boolean
  readonly sameText: (stored: string, inSheet: string) => boolean
  /** True when the reader already found an error in the row: its changes are not imported. */
  readonly hasReadError: (row: ParsedRow) => boolean
}

const reviewColumns = ["F", "G", "H", "I", "J", "K", "L"] as const
const planColumns = ["A", "C", "D", "E"] as const

const problemAt = (
  row: ParsedRow,
  column: string,
  severity: Problem["severity"],
  code: string,
  ja: string,
  en: string
): Problem => ({ severity, code, sheet: row.sheet, row: row.row, column, ja, en })

/** The row was exported for another plan or year, or belongs to another agency than the sheet's. */
const misplacedRow = (row: ParsedRow, initiative: Initiative, context: DiffContext): Problem | undefined => {
  const { fiscalYear, sheetAgency } = context
  if (
    row.key !== null &&
    (row.key.planId !== initiative.planId || (fiscalYear !== null && row.key.fiscalYear !== fiscalYear))
  ) {
    return problemAt(
      row,
      KEY_COLUMN,
      "error",
      "wrongKey",
      `この行は別の計画または年度（${row.key.planId} ${row.key.fiscalYear}年度）から出力されたものです`,
      `the row was exported for another plan or year (${row.key.planId}, FY${row.key.fiscalYear})`
    )
  }
  if (sheetAgency !== null && !initiative.agencies.some((id) => id === sheetAgency)) {
    return problemAt(
      row,
      "B",
      "error",
      "otherAgency",
      `Ｎｏ.${row.no} はこのシートの実施機関（${sheetAgency}）の事業ではありません`,
      `No. ${row.no} is not an initiative of the agency this sheet was made for (${sheetAgency})`
    )
  }
  return undefined
}

/** The plan's own columns are never imported: a change there is pointed out, nothing more. */
const planColumnWarnings = (row: ParsedRow, expected: SheetRow, context: DiffContext): ReadonlyArray<Problem> =>
  planColumns
    .filter((column) => !context.sameText(expected.cells[column], row.cells[column]))
    .map((column) =>
      problemAt(
        row,
        column,
        "warning",
        "planColumnChanged",
        "この列（計画の内容）は取り込みません。変更は事務局に依頼してください。",
        "this column belongs to the plan and is not imported; ask the secretariat to change it"
      )
    )

const changesOf = (row: ParsedRow, expected: SheetRow, context: DiffContext): ReadonlyArray<CellChange> =>
  reviewColumns.flatMap((column): Array<CellChange> => {
    const before = expected.cells[column]
    const after = column === "I" ? formatRatingCell(row.selfRating) : row.cells[column]
    return context.sameText(before, after) ? [] : [{ column, before, after }]
  })

/** A changed cell whose stored text Shift_JIS cannot hold: the file lost part of it. */
const lostInShiftJis = (row: ParsedRow, changes: ReadonlyArray<CellChange>) =>
  changes.flatMap((change) => {
    const chars = charactersOutsideShiftJis(change.before)
    if (chars.length === 0) return []
    const codes = chars.map(codePointLabel).join(", ")
    return [
      problemAt(
        row,
        change.column,
        "error",
        "lostInShiftJis",
        `この列の文章には Shift_JIS で保存できない文字（${codes}）があり、このファイルでは失われています。変更を取り込むには、Excelで「CSV UTF-8 (コンマ区切り) (*.csv)」として保存し直してください。`,
        `the stored text has characters Shift_JIS cannot hold (${codes}), lost in this file; to import the change, save it as "CSV UTF-8 (Comma delimited) (*.csv)"`
      )
    ]
  })

/** The importer may not write this row (core's canEditReview), or may not open its year. */
const deniedRow = (
  row: ParsedRow,
  initiative: Initiative,
  review: Review | undefined,
  context: DiffContext
): Problem | undefined => {
  const { actor } = context
  if (actor === undefined) return undefined
  if (!canEditReview(actor, initiative, review?.status ?? "draft")) {
    return problemAt(
      row,
      "B",
      "error",
      "notAllowed",
      `Ｎｏ.${row.no} を更新する権限がありません（提出・承認後の行は事務局が差し戻すまで変更できません）`,
      `you may not change No. ${row.no} (a submitted or approved row changes only after the secretariat returns it)`
    )
  }
  if (review === undefined && actor.role !== "admin") {
    // A review that does not exist opens its year for everyone (the summary's latest year, the
    // next rollover): that is the secretariat's decision, made by a rollover, never by a sheet.
    return problemAt(
      row,
      "B",
      "error",
      "noReview",
      `Ｎｏ.${row.no} の${context.fiscalYear}年度の評価はまだありません。新しい年度の評価は事務局が作成します（年度の開始）。`,
      `No. ${row.no} has no review for FY${context.fiscalYear} yet; only the secretariat creates a year's reviews (by opening the year)`
    )
  }
  return undefined
}

const versionConflict = (
  place: RowPlace,
  changes: ReadonlyArray<CellChange>,
  versionInSheet: number,
  review: Review
): VersionConflict => ({
  ...place,
  changes,
  versionInSheet,
  currentVersion: review.version,
  ja: `Ｎｏ.${place.no} はこのシートの出力後に更新されています（シートは版${versionInSheet}、現在は版${review.version}）。最新のシートを出力し直して記入してください。`,
  en: `No. ${place.no} was changed after this sheet was exported (sheet: version ${versionInSheet}, now ${review.version}). Export a fresh sheet and fill it in again.`
})

const unversionedWarning = (row: ParsedRow): Problem =>
  problemAt(
    row,
    "B",
    "warning",
    "unversioned",
    "この行には版の情報がないため、出力後の他の更新を上書きする可能性があります。",
    "the row carries no version, so edits made since the export may be overwritten"
  )

const measuresToReviewWarning = (row: ParsedRow, column: "G" | "H" | "L"): Problem =>
  problemAt(
    row,
    column,
    "warning",
    "measuresToReview",
    "数値の書き方が変わったため、指標（集計用の数値）を自動で更新できませんでした。事務局で確認してください。",
    "the figures were rewritten in a way the structured measures cannot follow; the secretariat should check them"
  )

/**
 * Compares one parsed row with the plan snapshot: which initiative and review it is, what changed,
 * and whether the change can be written (by whom, against which version). Pure.
 */
export const classifyRow = (row: ParsedRow, context: DiffContext): RowOutcome => {
  const { snapshot, fiscalYear } = context
  const place: RowPlace = { no: row.no, sheet: row.sheet, row: row.row }
  const initiative = snapshot.initiatives.find((candidate) => candidate.no === row.no)
  if (initiative === undefined) {
    // Only the secretariat adds initiatives: the CLI (no actor) and an admin see a proposal.
    const proposing = context.actor === undefined || context.actor.role === "admin"
    return RowOutcome.NewRow({ place, ...readNewRow(row, snapshot, fiscalYear, proposing) })
  }
  const misplaced = misplacedRow(row, initiative, context)
  if (misplaced !== undefined) return RowOutcome.Skipped({ problems: [misplaced] })

  const review = snapshot.reviews.find(
    (candidate) =>
      candidate.planId === initiative.planId && candidate.initiativeNo === row.no && candidate.fiscalYear === fiscalYear
  )
  const expected = sheetRowOf(initiative, review, snapshot.agencies)
  const problems = [...planColumnWarnings(row, expected, context)]
  if (context.hasReadError(row)) return RowOutcome.Skipped({ problems })

  const changes = changesOf(row, expected, context)
  if (changes.length === 0) return RowOutcome.Unchanged({ place, problems })
  const lost = context.lossyShiftJis ? lostInShiftJis(row, changes) : []
  if (lost.length > 0) return RowOutcome.Skipped({ problems: [...problems, ...lost] })
  const denied = deniedRow(row, initiative, review, context)
  if (denied !== undefined) return RowOutcome.Skipped({ problems: [...problems, denied] })

  const versionInSheet = row.key?.reviewVersion ?? null
  if (review !== undefined && versionInSheet !== null && versionInSheet !== review.version) {
    const conflict = versionConflict(place, changes, versionInSheet, review)
    return RowOutcome.Conflict({ conflict, problems })
  }
  if (row.key === null && review !== undefined) problems.push(unversionedWarning(row))

  // A column that only differs by what Shift_JIS lost keeps the stored text.
  const changed = new Set(changes.map((change) => change.column))
  const cells = { ...row.cells }
  for (const column of reviewColumns) if (!changed.has(column)) cells[column] = expected.cells[column]
  const built = buildContent({ ...row, cells }, review, fiscalYear)
  const decoded = decodeReviewContent(built.content)
  if (Result.isFailure(decoded)) {
    const invalid = fieldIssuesOf(decoded.failure).map((issue) =>
      problemAt(row, columnOfPath(issue), "error", "invalidContent", issue.ja, issue.en)
    )
    return RowOutcome.Skipped({ problems: [...problems, ...invalid] })
  }
  problems.push(...built.measuresToReview.map((column) => measuresToReviewWarning(row, column)))
  return RowOutcome.Update({
    update: {
      ...place,
      changes,
      content: decoded.success,
      expectedVersion: review?.version ?? null,
      versionInSheet,
      wasApproved: review?.status === "approved",
      measuresToReview: built.measuresToReview
    },
    problems
  })
}
