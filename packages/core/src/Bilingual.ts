/**
 * Japanese first, English on request: every user-facing text the domain defines is a pair.
 * The pair travels as a schema annotation so that forms, OpenAPI and error messages read the
 * same words from the one schema that defines the field.
 */
export interface Bilingual {
  readonly ja: string
  readonly en: string
}

export type Locale = "ja" | "en"

/** Japanese label of a field or value, read by forms and the spreadsheet headings. */
export const LabelJa: unique symbol = Symbol.for("@sukoyaka/core/LabelJa")

/** A validation message in both languages, attached to a refinement or brand. */
export const MessageBilingual: unique symbol = Symbol.for("@sukoyaka/core/MessageBilingual")

export const pick = (text: Bilingual, locale: Locale): string => text[locale]
