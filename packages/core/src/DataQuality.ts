import { Schema } from "effect"
import { LabelJa } from "./Bilingual.ts"
import { SheetColumn } from "./SheetColumn.ts"

export const DataQualityKind = Schema.Literals([
  "cutByLayout",
  "pdfArtifact",
  "unitMismatch",
  "missingRating",
  "ambiguous",
  "other"
]).annotate({ identifier: "DataQualityKind", title: "Data-quality kind", [LabelJa]: "データ品質の種別" })
export type DataQualityKind = typeof DataQualityKind.Type

/**
 * What was odd about a cell of the source and how it was recorded. The source is kept as the city
 * wrote it; the note is how the system is honest about it instead of guessing silently.
 */
export const DataQualityNote = Schema.Struct({
  column: SheetColumn,
  kind: DataQualityKind,
  ja: Schema.NonEmptyString,
  en: Schema.NonEmptyString
}).annotate({ identifier: "DataQualityNote", title: "Data-quality note", [LabelJa]: "データ品質メモ" })
export type DataQualityNote = typeof DataQualityNote.Type
