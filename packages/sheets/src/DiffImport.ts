import {
  type Actor,
  type Agency,
  canEditReview,
  type FieldIssue,
  fieldIssuesOf,
  type FiscalYear,
  formatRatingCell,
  type Initiative,
  nextFiscalYear,
  type Review,
  ReviewContent,
  type SheetColumn
} from "@sukoyaka/core"
import { Either, Schema } from "effect"
import { codePointLabel } from "./CellText.ts"
import { sheetRowOf } from "./ExportInput.ts"
import { carryMeasures } from "./Figures.ts"
import type { Problem } from "./Problem.ts"
import type { ParsedRow, ParsedWorkbook } from "./ParsedWorkbook.ts"
import { KEY_COLUMN } from "./RowKey.ts"
import { charactersOutsideShiftJis, sameThroughShiftJis } from "./ShiftJis.ts"

/** The data the sheet is compared with, as the caller read it from storage. */
export interface CurrentData {
  readonly initiatives: ReadonlyArray<Initiative>
  readonly reviews: ReadonlyArray<Review>
  /** Names for column E; without them E is not compared. */
  readonly agencies?: ReadonlyArray<Agency>
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

export interface ImportDiff {
  readonly fiscalYear: number | null
  readonly updates: ReadonlyArray<ReviewUpdate>
  readonly unchanged: ReadonlyArray<RowPlace>
  /** Rows whose No. is not an initiative of the plan: initiatives are added by the secretariat. */
  readonly newRows: ReadonlyArray<RowPlace>
  /** Initiatives the sheet should hold (all, or the agency's) that it does not. */
  readonly missingRows: ReadonlyArray<number>
  readonly conflicts: ReadonlyArray<VersionConflict>
  readonly problems: ReadonlyArray<Problem>
  /** True when there is nothing in the way of applying `updates`: no error and no conflict. */
  readonly canApply: boolean
}

const reviewColumns = ["F", "G", "H", "I", "J", "K", "L"] as const
const planColumns = ["A", "C", "D", "E"] as const

/** Which column a path into ReviewContent came from, for the problem's place. */
const columnOfPath = (issue: FieldIssue): SheetColumn => {
  const [head, sub] = issue.path
  switch (head) {
    case "actions":
      return "F"
    case "resultText":
    case "measures":
      return "G"
    case "plannedText":
      return "H"
    case "selfRating":
      return "I"
    case "ratingReason":
      return "J"
    case "next":
      return sub === "actions" ? "K" : "L"
    default:
      return "F"
  }
}

const decodeContent = Schema.decodeUnknownEither(ReviewContent)

/**
 * How a sheet's cell is compared with the stored text. Exactly, except for a CSV saved as Shift_JIS:
 * Excel replaces the characters Shift_JIS lacks (U+2003, the em space of the seed, among them) with
 * 「?」 or a look-alike, and that is not an edit.
 */
const sameTextFor =
  (parsed: ParsedWorkbook) =>
  (stored: string, inSheet: string): boolean =>
    stored === inSheet ||
    (parsed.lossyEncoding === "shift_jis" && sameThroughShiftJis(stored, inSheet))

/**
 * Compares a parsed workbook with the current data: the cells that changed, the review content to
 * write with the version to write it with, the conflicts, the new and the missing rows. Pure: it
 * applies nothing.
 */
export const diffImport = (parsed: ParsedWorkbook, current: CurrentData): ImportDiff => {
  const problems: Array<Problem> = [...parsed.problems]
  const fiscalYear =
    current.fiscalYear ??
    parsed.meta?.fiscalYear ??
    parsed.rows.find((row) => row.key !== null)?.key?.fiscalYear ??
    null
  if (
    parsed.meta !== null &&
    parsed.meta.fiscalYear !== null &&
    fiscalYear !== null &&
    parsed.meta.fiscalYear !== fiscalYear
  ) {
    problems.push({
      severity: "error",
      code: "wrongYear",
      sheet: parsed.meta.sheet,
      row: parsed.meta.yearPlace?.row ?? 3,
      column: parsed.meta.yearPlace?.column ?? "B",
      ja: `このブックは${parsed.meta.fiscalYear}年度用です（取り込み先は${fiscalYear}年度）`,
      en: `this workbook is for FY${parsed.meta.fiscalYear}, not FY${fiscalYear}`
    })
  }
  const rowsWithErrors = new Set(
    problems
      .filter((problem) => problem.severity === "error")
      .map((problem) => `${problem.sheet}\u0000${problem.row}`)
  )
  const updates: Array<ReviewUpdate> = []
  const unchanged: Array<RowPlace> = []
  const newRows: Array<RowPlace> = []
  const conflicts: Array<VersionConflict> = []
  const sameText = sameTextFor(parsed)

  for (const row of parsed.rows) {
    const place: RowPlace = { no: row.no, sheet: row.sheet, row: row.row }
    const problem = (
      column: string,
      severity: Problem["severity"],
      code: string,
      ja: string,
      en: string
    ) => problems.push({ severity, code, sheet: row.sheet, row: row.row, column, ja, en })
    const initiative = current.initiatives.find((candidate) => candidate.no === row.no)
    if (initiative === undefined) {
      newRows.push(place)
      problem(
        "B",
        "warning",
        "newRow",
        `Ｎｏ.${row.no} は計画にない事業です。新しい事業は事務局が登録します。`,
        `No. ${row.no} is not an initiative of the plan; the secretariat adds new initiatives`
      )
      continue
    }
    if (
      row.key !== null &&
      (row.key.planId !== initiative.planId ||
        (fiscalYear !== null && row.key.fiscalYear !== fiscalYear))
    ) {
      problem(
        KEY_COLUMN,
        "error",
        "wrongKey",
        `この行は別の計画または年度（${row.key.planId} ${row.key.fiscalYear}年度）から出力されたものです`,
        `the row was exported for another plan or year (${row.key.planId}, FY${row.key.fiscalYear})`
      )
      continue
    }
    const sheetAgency = parsed.meta?.agencyId ?? null
    if (sheetAgency !== null && !initiative.agencies.some((id) => id === sheetAgency)) {
      problem(
        "B",
        "error",
        "otherAgency",
        `Ｎｏ.${row.no} はこのシートの実施機関（${sheetAgency}）の事業ではありません`,
        `No. ${row.no} is not an initiative of the agency this sheet was made for (${sheetAgency})`
      )
      continue
    }
    const review = current.reviews.find(
      (candidate) =>
        candidate.planId === initiative.planId &&
        candidate.initiativeNo === row.no &&
        candidate.fiscalYear === fiscalYear
    )
    const expected = sheetRowOf(initiative, review, current.agencies ?? [])
    for (const column of planColumns) {
      if (column === "E" && current.agencies === undefined) continue
      if (!sameText(expected.cells[column], row.cells[column])) {
        problem(
          column,
          "warning",
          "planColumnChanged",
          "この列（計画の内容）は取り込みません。変更は事務局に依頼してください。",
          "this column belongs to the plan and is not imported; ask the secretariat to change it"
        )
      }
    }
    if (rowsWithErrors.has(`${row.sheet}\u0000${row.row}`)) continue

    const changes = reviewColumns.flatMap((column): Array<CellChange> => {
      const before = expected.cells[column]
      const after = column === "I" ? formatRatingCell(row.selfRating) : row.cells[column]
      return sameText(before, after) ? [] : [{ column, before, after }]
    })
    if (changes.length === 0) {
      unchanged.push(place)
      continue
    }
    if (parsed.lossyEncoding === "shift_jis") {
      const lost = changes.flatMap((change) => {
        const chars = charactersOutsideShiftJis(change.before)
        return chars.length === 0 ? [] : [{ column: change.column, chars }]
      })
      for (const { column, chars } of lost) {
        const codes = chars.map(codePointLabel).join(", ")
        problem(
          column,
          "error",
          "lostInShiftJis",
          `この列の文章には Shift_JIS で保存できない文字（${codes}）があり、このファイルでは失われています。変更を取り込むには、Excelで「CSV UTF-8 (コンマ区切り) (*.csv)」として保存し直してください。`,
          `the stored text has characters Shift_JIS cannot hold (${codes}), lost in this file; to import the change, save it as "CSV UTF-8 (Comma delimited) (*.csv)"`
        )
      }
      if (lost.length > 0) continue
    }
    if (
      current.actor !== undefined &&
      !canEditReview(current.actor, initiative, review?.status ?? "draft")
    ) {
      problem(
        "B",
        "error",
        "notAllowed",
        `Ｎｏ.${row.no} を更新する権限がありません（提出・承認後の行は事務局が差し戻すまで変更できません）`,
        `you may not change No. ${row.no} (a submitted or approved row changes only after the secretariat returns it)`
      )
      continue
    }
    if (review === undefined && current.actor !== undefined && current.actor.role !== "admin") {
      // A review that does not exist opens its year for everyone (the summary's latest year, the
      // next rollover): that is the secretariat's decision, made by a rollover, never by a sheet.
      problem(
        "B",
        "error",
        "noReview",
        `Ｎｏ.${row.no} の${fiscalYear}年度の評価はまだありません。新しい年度の評価は事務局が作成します（年度の開始）。`,
        `No. ${row.no} has no review for FY${fiscalYear} yet; only the secretariat creates a year's reviews (by opening the year)`
      )
      continue
    }
    const versionInSheet = row.key?.reviewVersion ?? null
    if (review !== undefined && versionInSheet !== null && versionInSheet !== review.version) {
      conflicts.push({
        ...place,
        changes,
        versionInSheet,
        currentVersion: review.version,
        ja: `Ｎｏ.${row.no} はこのシートの出力後に更新されています（シートは版${versionInSheet}、現在は版${review.version}）。最新のシートを出力し直して記入してください。`,
        en: `No. ${row.no} was changed after this sheet was exported (sheet: version ${versionInSheet}, now ${review.version}). Export a fresh sheet and fill it in again.`
      })
      continue
    }
    if (row.key === null && review !== undefined) {
      problem(
        "B",
        "warning",
        "unversioned",
        "この行には版の情報がないため、出力後の他の更新を上書きする可能性があります。",
        "the row carries no version, so edits made since the export may be overwritten"
      )
    }
    // A column that only differs by what Shift_JIS lost keeps the stored text.
    const changed = new Set(changes.map((change) => change.column))
    const cells = { ...row.cells }
    for (const column of reviewColumns)
      if (!changed.has(column)) cells[column] = expected.cells[column]
    const built = buildContent({ ...row, cells }, review, fiscalYear)
    const decoded = decodeContent(built.content)
    if (Either.isLeft(decoded)) {
      for (const issue of fieldIssuesOf(decoded.left))
        problem(columnOfPath(issue), "error", "invalidContent", issue.ja, issue.en)
      continue
    }
    for (const column of built.measuresToReview) {
      problem(
        column,
        "warning",
        "measuresToReview",
        "数値の書き方が変わったため、指標（集計用の数値）を自動で更新できませんでした。事務局で確認してください。",
        "the figures were rewritten in a way the structured measures cannot follow; the secretariat should check them"
      )
    }
    updates.push({
      ...place,
      changes,
      content: decoded.right,
      expectedVersion: review?.version ?? null,
      versionInSheet,
      measuresToReview: built.measuresToReview
    })
  }

  const found = new Set(parsed.rows.map((row) => row.no))
  const agencyId = parsed.meta?.agencyId ?? null
  const missingRows = current.initiatives
    .filter((initiative) => agencyId === null || initiative.agencies.some((id) => id === agencyId))
    .filter((initiative) => !found.has(initiative.no))
    .map((initiative) => initiative.no)
    .sort((a, b) => a - b)

  return {
    fiscalYear,
    updates,
    unchanged,
    newRows,
    missingRows,
    conflicts,
    problems,
    canApply: conflicts.length === 0 && problems.every((problem) => problem.severity !== "error")
  }
}

const buildContent = (row: ParsedRow, review: Review | undefined, fiscalYear: number | null) => {
  const g = carryMeasures(review?.measures ?? [], review?.resultText ?? "", row.cells.G, "actual")
  const h = carryMeasures(g.measures, review?.plannedText ?? "", row.cells.H, "planned")
  const l = carryMeasures(
    review?.next.measures ?? [],
    review?.next.plannedText ?? "",
    row.cells.L,
    "planned"
  )
  const measuresToReview = (
    [
      ["G", g],
      ["H", h],
      ["L", l]
    ] as const
  ).flatMap(([column, carried]) => (carried.update === "needsReview" ? [column] : []))
  const content = {
    actions: row.cells.F,
    resultText: row.cells.G,
    plannedText: row.cells.H,
    measures: h.measures,
    selfRating: row.selfRating,
    ratingReason: row.cells.J,
    next: {
      fiscalYear:
        review?.next.fiscalYear ??
        (fiscalYear === null ? null : nextFiscalYear(fiscalYear as FiscalYear)),
      actions: row.cells.K,
      plannedText: row.cells.L,
      measures: l.measures
    }
  }
  return { content, measuresToReview }
}
