import {
  type FiscalYear,
  fiscalYearLabelEn,
  fiscalYearLabelJa,
  type Locale,
  percentDown,
  type Rating,
  ratingLabel,
  ratingLetter
} from "@sukoyaka/core"

/** A ratio as a percentage, cut towards zero (core's percentDown): 0.949 never shows as the Ａ line's 95 %. */
export const percent = (ratio: number | null | undefined, digits = 0): string =>
  ratio === null || ratio === undefined || !Number.isFinite(ratio) ? "―" : percentDown(ratio, digits)

export const yearLabel = (year: number, locale: Locale): string =>
  locale === "ja" ? fiscalYearLabelJa(year as FiscalYear) : fiscalYearLabelEn(year as FiscalYear)

export const ratingText = (rating: Rating | null | undefined, locale: Locale): string =>
  rating ? `${ratingLetter[rating]} ${ratingLabel[rating][locale]}` : locale === "ja" ? "未評価" : "Unrated"

/** Colours of the ratings from the DADS palette, each with AA contrast against white text or black. */
export const ratingColor: Record<Rating | "unrated", string> = {
  A: "#197a4b",
  B: "#0066be",
  C: "#a34a00",
  D: "#ce0000",
  unrated: "#767676"
}

/** A target's figure as every page shows it: a share with its %, other units named in the column. */
export const targetFigure = (value: number, unit: string): string =>
  unit === "％" || unit === "%" ? `${value}%` : String(value)
