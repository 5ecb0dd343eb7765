import type { SheetColumn } from "@sukoyaka/core"
import { compact, type KeyColumns } from "./CsvColumns.ts"
import { columnLetter, CSV_SHEET, type CsvRowKeyField } from "./CsvFormat.ts"
import type { CsvRecord } from "./CsvRecords.ts"
import type { WorkbookMetaFound } from "./ParsedWorkbook.ts"
import { readNo, type ReportProblem } from "./RowCollector.ts"
import { KEY_COLUMN_INDEX, parseRowKey, type RowKey } from "./RowKey.ts"

// What the key columns of a CSV say: each row's key, the agency the file was made for, and the
// plan and year of the whole file.

/**
 * How rows carry their keys: all three key columns (a version check needs 版), or, without any key
 * column, the hidden column M of the exported workbook when one of its sheets was saved as CSV.
 */
export type KeySource =
  | { readonly kind: "columns"; readonly columns: Record<CsvRowKeyField, number> }
  | { readonly kind: "workbookKey" }
  | { readonly kind: "none" }

export const keySourceOf = (found: KeyColumns, heading: CsvRecord, problem: ReportProblem): KeySource => {
  const { planId, fiscalYear, reviewVersion } = found
  if (planId !== undefined && fiscalYear !== undefined && reviewVersion !== undefined)
    return { kind: "columns", columns: { planId, fiscalYear, reviewVersion } }
  const present = [planId, fiscalYear, reviewVersion].filter((index) => index !== undefined)
  if (present.length === 0) return { kind: "workbookKey" }
  problem(
    { sheet: CSV_SHEET, row: heading.row, column: columnLetter(Math.min(...present)) },
    "warning",
    "keyColumnsMissing",
    "行キーの列（計画ID・年度・版）の一部がないため、行キーを使わずＮｏ.で照合します（版の確認はできません）",
    "some of the key columns (planId, fiscalYear, reviewVersion) are missing, so rows are matched by their No. without a version check"
  )
  return { kind: "none" }
}

/**
 * The row's key: plan, year and version as exported, and the No. typed in B (a CSV has no other).
 * null for a typed row; an unreadable key is a warning and the row is matched by its No.
 */
export const readKey = (
  record: CsvRecord,
  cells: Record<SheetColumn, string>,
  source: KeySource,
  problem: ReportProblem
): RowKey | null => {
  if (source.kind === "none") return null
  if (source.kind === "workbookKey") {
    const text = record.fields[KEY_COLUMN_INDEX - 1] ?? ""
    return text.startsWith("sukoyaka:") ? (parseRowKey(text) ?? null) : null
  }
  const fieldOf = (field: CsvRowKeyField) => compact(record.fields[source.columns[field]] ?? "")
  const planId = fieldOf("planId")
  const year = fieldOf("fiscalYear")
  const version = fieldOf("reviewVersion")
  if (planId === "" && year === "" && version === "") return null
  const no = readNo(cells.B)
  if (no === undefined) return null // the collector reports a row without a No.
  const bad = (field: CsvRowKeyField): null => {
    problem(
      { sheet: CSV_SHEET, row: record.row, column: columnLetter(source.columns[field]) },
      "warning",
      "badKey",
      "行キー（計画ID・年度・版）が読めないため、Ｎｏ.で照合します",
      "the row key (planId, fiscalYear, reviewVersion) is unreadable; the row is matched by its No."
    )
    return null
  }
  if (planId === "") return bad("planId")
  if (!/^\d+$/.test(year)) return bad("fiscalYear")
  if (version !== "" && !/^\d+$/.test(version)) return bad("reviewVersion")
  return {
    planId,
    fiscalYear: Number(year),
    no,
    reviewVersion: version === "" ? null : Number(version)
  }
}

/**
 * The agency a per-agency export was made for: the id its 実施機関ID column holds on every row.
 * Rows left empty there (typed or pasted ones) do not count; a row naming another agency is an
 * error, since the file then holds two agencies' rows and cannot say which it should hold.
 */
export const agencyReader = (column: number | undefined, problem: ReportProblem) => {
  let first: { readonly id: string; readonly row: number } | undefined
  let mixed = false
  return {
    read: (record: CsvRecord): void => {
      if (column === undefined) return
      const id = compact(record.fields[column] ?? "")
      if (id === "") return
      if (first === undefined) first = { id, row: record.row }
      else if (id !== first.id) {
        mixed = true
        problem(
          { sheet: CSV_SHEET, row: record.row, column: columnLetter(column) },
          "error",
          "agencyMixed",
          `実施機関IDが他の行と違います（この行「${id}」、${first.row}行目「${first.id}」）。一つの機関のCSVには、その機関の行だけを入れてください。`,
          `the agency id differs from the other rows' ("${id}" here, "${first.id}" in row ${first.row}): one agency's CSV holds only that agency's rows`
        )
      }
    },
    /** The one agency when every row that names one agrees; null otherwise. */
    agencyId: (): string | null => (mixed ? null : (first?.id ?? null))
  }
}

/** Plan and year from the rows' keys when they all agree (null where they do not), and the agency. */
export const metaOf = (
  keyed: ReadonlyArray<{ key: RowKey; row: number }>,
  source: KeySource,
  agencyId: string | null
): WorkbookMetaFound | null => {
  const first = keyed[0]
  if (first === undefined)
    return agencyId === null ? null : { sheet: CSV_SHEET, planId: null, fiscalYear: null, agencyId }
  const only = <A>(values: ReadonlyArray<A>): A | null => (new Set(values).size === 1 ? values[0]! : null)
  return {
    sheet: CSV_SHEET,
    planId: only(keyed.map(({ key }) => key.planId)),
    fiscalYear: only(keyed.map(({ key }) => key.fiscalYear)),
    agencyId,
    yearPlace: {
      row: first.row,
      column: columnLetter(source.kind === "columns" ? source.columns.fiscalYear : KEY_COLUMN_INDEX - 1)
    }
  }
}
