import type { Rating, SheetColumn } from "@sukoyaka/core"
import type { Problem } from "./Problem.ts"
import type { RowKey } from "./RowKey.ts"

/** One initiative's row as found in a returned sheet, its cells as text (line breaks as \n). */
export interface ParsedRow {
  readonly sheet: string
  readonly row: number
  readonly no: number
  /** The hidden key of the exported row; null when the row was typed or pasted without it. */
  readonly key: RowKey | null
  readonly cells: Record<SheetColumn, string>
  /** Column I read with core's parseRatingCell; null when empty or unreadable (see problems). */
  readonly selfRating: Rating | null
}

export interface WorkbookMetaFound {
  readonly sheet: string
  readonly planId: string | null
  readonly fiscalYear: number | null
  readonly agencyId: string | null
  /** Where the fiscal year is written, for a problem about it (the meta sheet's B3 by default). */
  readonly yearPlace?: { readonly row: number; readonly column: string }
}

export interface ParsedWorkbook {
  readonly rows: ReadonlyArray<ParsedRow>
  readonly problems: ReadonlyArray<Problem>
  readonly meta: WorkbookMetaFound | null
  /**
   * Set when the text came through an encoding that cannot hold every character (a CSV saved as
   * Shift_JIS): characters it lacks arrive replaced, and diffImport must not take that as an edit.
   */
  readonly lossyEncoding?: "shift_jis"
}
