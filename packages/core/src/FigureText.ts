import type { Measure } from "./Measure.ts"

/**
 * The sheet keeps each year's figures twice: as the city's text (G 参加者数等結果, H and L 予定数)
 * and as the figures table the ratings are computed from. The report prints the text, the rating
 * uses the table, so the two must agree. These rules find a figure the text does not mention and
 * write the text from the table in the city's own layout (「・産業保健指導：48回」 per line).
 */
export type FigureSide = "actual" | "planned"

const formatted = (value: number) => String(value)

/** The text as numbers compare: full-width digits folded, thousands separators dropped. */
const comparable = (text: string) => text.normalize("NFKC").replace(/(\d),(?=\d{3})/g, "$1")

const mentions = (text: string, value: number) =>
  new RegExp(`(?<![\\d.])${formatted(value).replace(".", "\\.")}(?![\\d]|\\.\\d)`).test(comparable(text))

/** The measures whose figure on `side` the text does not mention (none when the table has none). */
export const figuresMissingFromText = (
  text: string,
  measures: ReadonlyArray<Pick<Measure, "label" | "actual" | "planned">>,
  side: FigureSide
): ReadonlyArray<string> =>
  measures.flatMap((measure) => {
    const value = measure[side]
    return value === undefined || mentions(text, value) ? [] : [measure.label]
  })

/** The text written from the table: one 「・label：figure unit」 line per measure that has a figure. */
export const figuresText = (
  measures: ReadonlyArray<Pick<Measure, "label" | "unit" | "actual" | "planned">>,
  side: FigureSide
): string =>
  measures
    .flatMap((measure) => {
      const value = measure[side]
      return value === undefined ? [] : [`・${measure.label}：${formatted(value)}${measure.unit}`]
    })
    .join("\n")
