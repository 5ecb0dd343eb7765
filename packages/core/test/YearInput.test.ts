import { describe, expect, it } from "@effect/vitest"
import { Result } from "effect"
import { parseYearInput, yearInputError, yearInputLabel } from "../src/index.ts"

const read = (text: string) => Result.getOrUndefined(parseYearInput(text))

describe("parseYearInput", () => {
  it.each([
    ["2025", 2025],
    ["２０２５", 2025],
    ["2025年度", 2025],
    ["2025年", 2025],
    ["FY2025", 2025],
    ["fy2025", 2025],
    ["ＦＹ２０２５", 2025],
    [" 2025 ", 2025],
    ["令和7", 2025],
    ["令和７年度", 2025],
    ["令和 7 年度", 2025],
    ["令和元年度", 2019],
    ["R7", 2025],
    ["r7", 2025],
    ["Ｒ７", 2025],
    ["R7年度", 2025],
    ["R07", 2025],
    ["平成30", 2018],
    ["平成31年度", 2019],
    ["H30", 2018],
    ["昭和63年度", 1988],
    ["S60", 1985]
  ])("reads %s as %i", (text, year) => {
    expect(read(text)).toBe(year)
  })

  it.each([
    "",
    "年度",
    "令和",
    "令和0",
    "平成32",
    "昭和65",
    "大正5",
    "X7",
    "20250",
    "25",
    "2025/26",
    "令和7.5",
    "2025-04"
  ])("refuses %j with a message in both languages", (text) => {
    const result = parseYearInput(text)
    expect(Result.isFailure(result) && result.failure).toEqual(yearInputError)
    expect(yearInputError.ja).toContain("令和7")
    expect(yearInputError.en).toContain("FY2025")
  })

  it("reads a year back in both calendars", () => {
    expect(yearInputLabel(2025)).toBe("令和7年度 (2025)")
    expect(yearInputLabel(2019)).toBe("令和元年度 (2019)")
    expect(yearInputLabel(2018)).toBe("平成30年度 (2018)")
  })
})
