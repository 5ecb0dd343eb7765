import { Schema } from "effect"

export const RefusalReason = Schema.Literals([
  "notXlsx",
  "tooLarge",
  "zipBomb",
  "encrypted",
  "macros",
  "externalLinks",
  "formulas",
  "tooManyRows",
  "tooManyCells",
  "tooComplex",
  "unreadable",
  "encoding"
])
export type RefusalReason = typeof RefusalReason.Type

/**
 * The whole file is refused before any of it is applied: it is not a workbook this system reads,
 * or it carries something that must never reach the parser or the database.
 */
export class WorkbookRefused extends Schema.TaggedError<WorkbookRefused>()("WorkbookRefused", {
  reason: RefusalReason,
  ja: Schema.String,
  en: Schema.String
}) {
  override get message(): string {
    return `${this.en} / ${this.ja}`
  }
}

export const refuse = (reason: RefusalReason, ja: string, en: string): WorkbookRefused =>
  new WorkbookRefused({ reason, ja, en })

/** 「①こども・若者!G15, CSV!F3 …」: at most five places, so a message stays readable. */
export const placesList = (places: ReadonlyArray<string>): string =>
  places.slice(0, 5).join(", ") + (places.length > 5 ? " …" : "")
