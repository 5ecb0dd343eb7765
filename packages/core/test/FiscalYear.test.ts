import { describe, expect, it } from "@effect/vitest"
import { Result, Schema } from "effect"
import { FiscalYear, fiscalYear, fiscalYearLabelJa, fiscalYearOf, sheetHeadings } from "../src/index.ts"

describe("FiscalYear", () => {
  it("labels years in the Japanese era as the sheet does", () => {
    expect(fiscalYearLabelJa(fiscalYear(2024))).toBe("令和６年度")
    expect(fiscalYearLabelJa(fiscalYear(2025))).toBe("令和７年度")
    expect(fiscalYearLabelJa(fiscalYear(2024), "ascii")).toBe("令和6年度")
    expect(fiscalYearLabelJa(fiscalYear(2030), "ascii")).toBe("令和12年度")
  })

  it("calls FY2019 令和元年度 and FY2018 平成30年度", () => {
    expect(fiscalYearLabelJa(fiscalYear(2019))).toBe("令和元年度")
    expect(fiscalYearLabelJa(fiscalYear(2018), "ascii")).toBe("平成30年度")
  })

  it("puts a date into the fiscal year that contains it, in Japan time", () => {
    expect(fiscalYearOf(new Date("2025-03-31T14:59:59Z"))).toBe(2024)
    expect(fiscalYearOf(new Date("2025-03-31T15:00:00Z"))).toBe(2025)
  })

  it("computes the sheet's headings from the year", () => {
    const headings = sheetHeadings(fiscalYear(2024))
    expect(headings.F.ja).toBe("令和６年度実施結果")
    expect(headings.K.ja).toBe("令和７年度実施計画")
    expect(headings.L.ja).toBe("令和７年度参加者等予定数")
  })

  it("refuses impossible years", () => {
    for (const value of [1999, 2101, 2024.5, "2024"]) {
      expect(Result.isFailure(Schema.decodeUnknownResult(FiscalYear)(value))).toBe(true)
    }
  })
})
