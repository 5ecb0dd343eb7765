import type { FiscalYear } from "@sukoyaka/core"

/**
 * The machine key of an exported row, written into the hidden column M. It travels with the row
 * when people sort, move or copy rows, and it survives renamed sheets, so import matches rows by
 * it and knows which version of the review the sheet was filled in against.
 */
export interface RowKey {
  readonly planId: string
  readonly fiscalYear: number
  readonly no: number
  /** The review's version when exported; null when the initiative had no review yet. */
  readonly reviewVersion: number | null
}

const PREFIX = "sukoyaka:1"

/** The hidden column holding the key: the first column after L. */
export const KEY_COLUMN = "M"
export const KEY_COLUMN_INDEX = 13

/** The very hidden sheet with the workbook's own facts (plan, year, agency, format). */
export const META_SHEET_NAME = "_sukoyaka"

export const formatRowKey = (key: RowKey): string =>
  [PREFIX, key.planId, key.fiscalYear, key.no, key.reviewVersion ?? "-"].join("|")

export const parseRowKey = (text: string): RowKey | undefined => {
  const parts = text.trim().split("|")
  if (parts.length !== 5 || parts[0] !== PREFIX) return undefined
  const [, planId, year, no, version] = parts as [string, string, string, string, string]
  const fiscalYear = Number(year)
  const initiativeNo = Number(no)
  const reviewVersion = version === "-" ? null : Number(version)
  if (!Number.isInteger(fiscalYear) || !Number.isInteger(initiativeNo)) return undefined
  if (reviewVersion !== null && !Number.isInteger(reviewVersion)) return undefined
  return { planId, fiscalYear, no: initiativeNo, reviewVersion }
}

/** The facts of the meta sheet, one per row: name in A, value in B. */
export interface WorkbookMeta {
  readonly format: string
  readonly planId: string
  readonly fiscalYear: FiscalYear | number
  readonly agencyId: string | null
}

export const META_FORMAT = "sukoyaka-sheets/1"
