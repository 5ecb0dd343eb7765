import { Schema } from "effect"
import { LabelJa, MessageBilingual } from "./Bilingual.ts"
import { toFullWidth } from "./FullWidth.ts"

/**
 * A Japanese fiscal year (年度): FY2024 runs from 1 April 2024 to 31 March 2025.
 * The range keeps typos (FY20240, FY24) out while leaving room for any plan's history.
 */
/** A fiscal year from `minimum` to 2100, refused with `message` outside it. */
const fiscalYearFrom = (minimum: number, message: { readonly ja: string; readonly en: string }) =>
  Schema.Int.check(Schema.isBetween({ minimum, maximum: 2100 }, { [MessageBilingual]: message })).pipe(
    Schema.brand("FiscalYear")
  )

export const FiscalYear = fiscalYearFrom(2000, {
  ja: "年度は2000〜2100の西暦の整数で指定してください（令和6年度 = 2024）",
  en: "fiscal year must be a whole year between 2000 and 2100 (FY2024 = 2024)"
}).annotate({
  identifier: "FiscalYear",
  title: "Fiscal year",
  description: "April to March, named by the calendar year it starts in (FY2024 = 令和6年度)",
  examples: [2024 as never],
  [LabelJa]: "年度"
})
export type FiscalYear = typeof FiscalYear.Type

export const fiscalYear = (year: number): FiscalYear => FiscalYear.make(year)

/**
 * A year with a year before it: what a rollover, and so a review cycle, opens (from the year
 * before). A fiscal year of its own range, not a check on FiscalYear: one minimum in the document.
 */
export const FollowingFiscalYear = fiscalYearFrom(2001, {
  ja: "年度は2001〜2100の西暦で指定してください（2000年度は前の年度がないため開けません）",
  en: "give a fiscal year between 2001 and 2100 (FY2000 has no year before it to roll over from)"
}).annotate({
  title: "Fiscal year to open",
  description: "a fiscal year after FY2000, rolled over from the year before (FY2025 = 令和7年度)",
  [LabelJa]: "年度"
})

export const nextFiscalYear = (year: FiscalYear): FiscalYear => FiscalYear.make(year + 1)

/** The fiscal year a date falls in (Japan Standard Time is what the city means by a date). */
export const fiscalYearOf = (date: Date): FiscalYear => {
  const jst = new Date(date.getTime() + 9 * 60 * 60 * 1000)
  const year = jst.getUTCFullYear()
  return FiscalYear.make(jst.getUTCMonth() >= 3 ? year : year - 1)
}

const eraFormat = new Intl.DateTimeFormat("ja-JP-u-ca-japanese", { era: "long", year: "numeric", timeZone: "UTC" })

/**
 * 「令和６年度」. The era is read at 1 October, inside the fiscal year, so that FY2019 is
 * 令和元年度 as the city writes it (the era changed on 1 May 2019, after the year began) and
 * FY1988 is still 昭和63年度. Intl knows the eras; a hand-written table would go stale.
 */
export const fiscalYearLabelJa = (year: FiscalYear, digits: "fullWidth" | "ascii" = "fullWidth"): string => {
  const parts = eraFormat.formatToParts(new Date(Date.UTC(year, 9, 1)))
  const era = parts.find((part) => part.type === "era")?.value ?? ""
  const raw = parts.find((part) => part.type === "year")?.value ?? String(year)
  const number = raw === "1" || raw === "元" ? "元" : raw
  return `${era}${digits === "fullWidth" ? toFullWidth(number) : number}年度`
}

export const fiscalYearLabelEn = (year: FiscalYear): string => `FY${year}`
