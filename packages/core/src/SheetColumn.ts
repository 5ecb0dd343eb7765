import { Schema } from "effect"
import type { Bilingual } from "./Bilingual.ts"
import { type FiscalYear, fiscalYearLabelJa, nextFiscalYear } from "./FiscalYear.ts"
import { toFullWidth } from "./FullWidth.ts"

/** The columns A–L of the city's sheet: one row per initiative per review year. */
export const sheetColumns = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L"] as const
export const SheetColumn = Schema.Literals(sheetColumns).annotate({ identifier: "SheetColumn" })
export type SheetColumn = typeof SheetColumn.Type

/** 「Ａ列」… as printed above the headings in the seed, so people can say which column they mean. */
export const columnLetterLabel = (column: SheetColumn): string => `${toFullWidth(column)}列`

/**
 * The heading of each column for a review of `year`. The year labels are computed (令和６年度 for
 * FY2024), which is what the seed's headings are; the seed itself shows the city typed them by hand.
 */
export const sheetHeadings = (year: FiscalYear): Record<SheetColumn, Bilingual> => {
  const current = fiscalYearLabelJa(year)
  const next = fiscalYearLabelJa(nextFiscalYear(year))
  return {
    A: { ja: "ライフステージ", en: "Life stage" },
    B: { ja: "Ｎｏ.", en: "No." },
    C: { ja: "政策・事業", en: "Initiative" },
    D: { ja: "内容", en: "Content" },
    E: { ja: "実施機関", en: "Agencies" },
    F: { ja: `${current}実施結果`, en: `FY${year} actions` },
    G: { ja: `${current}参加者数等結果`, en: `FY${year} results` },
    H: { ja: `${current}参加者数等予定数`, en: `FY${year} planned figures` },
    I: { ja: "自己評価", en: "Self-rating" },
    J: { ja: "自己評価の理由", en: "Reason for the rating" },
    K: { ja: `${next}実施計画`, en: `FY${year + 1} plan` },
    L: { ja: `${next}参加者等予定数`, en: `FY${year + 1} planned figures` }
  }
}
