import { Result } from "effect"
import type { Bilingual } from "./Bilingual.ts"
import { type FiscalYear, fiscalYearLabelJa } from "./FiscalYear.ts"

/**
 * The eras a city's documents use for years, with the Gregorian year before each one's 元年 and the
 * last year it numbers (a fiscal year begun under an era keeps its number: 平成31年度 = FY2019).
 * Letters are the ones forms print beside the kanji (R7, H30, S63).
 */
const eras: ReadonlyArray<{ readonly names: ReadonlyArray<string>; readonly offset: number; readonly last: number }> = [
  { names: ["令和", "R"], offset: 2018, last: 99 },
  { names: ["平成", "H"], offset: 1988, last: 31 },
  { names: ["昭和", "S"], offset: 1925, last: 64 }
]

export const yearInputError: Bilingual = {
  ja: "年度は「2025」「令和7」「R7年度」「FY2025」のように入力してください",
  en: "enter a year such as 2025, 令和7, R7年度 or FY2025"
}

const gregorian = /^(?:FY)?(\d{4})$/
const era = /^(\D+?)(\d{1,2}|元)$/

/**
 * Reads a year as people type it in Japan: 西暦 (`2025`, `２０２５`, `2025年度`, `FY2025`) or 和暦
 * (`令和7`, `令和７年度`, `令和元年`, `R7`, `平成30`, `H30`). Full-width digits and letters, spaces and
 * a trailing 年度 or 年 are accepted; anything else is an error that says what to type. The number
 * is the year as written (a fiscal year by its starting calendar year); whether it is in range is
 * the schema's to say.
 */
export const parseYearInput = (text: string): Result.Result<number, Bilingual> => {
  const plain = text
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/年度?$/, "")
    .toUpperCase()
  const western = gregorian.exec(plain)
  if (western) return Result.succeed(Number(western[1]))
  const japanese = era.exec(plain)
  if (japanese) {
    const [, name, digits] = japanese
    const found = eras.find((candidate) => candidate.names.includes(name!))
    const number = digits === "元" ? 1 : Number(digits)
    if (found && number >= 1 && number <= found.last) return Result.succeed(found.offset + number)
  }
  return Result.fail(yearInputError)
}

/** 「令和7年度 (2025)」: a year read back in both calendars, so a typo in either shows. */
export const yearInputLabel = (year: number): string => `${fiscalYearLabelJa(year as FiscalYear, "ascii")} (${year})`
