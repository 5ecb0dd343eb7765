import { describe, expect, it } from "vitest"
import { parseFiscalYearInput } from "./fiscal-year-input.ts"

describe("parseFiscalYearInput", () => {
  it("reads the western year, the Reiwa and Heisei years and the city's 年度 suffix", () => {
    expect(parseFiscalYearInput("2024")).toBe(2024)
    expect(parseFiscalYearInput("２０２４")).toBe(2024)
    expect(parseFiscalYearInput(" FY2025 ")).toBe(2025)
    expect(parseFiscalYearInput("令和6")).toBe(2024)
    expect(parseFiscalYearInput("令和６年度")).toBe(2024)
    expect(parseFiscalYearInput("R7")).toBe(2025)
    expect(parseFiscalYearInput("令和元年度")).toBe(2019)
    expect(parseFiscalYearInput("平成30年度")).toBe(2018)
  })

  it("reads an empty field as no limit and gives back what it cannot read", () => {
    expect(parseFiscalYearInput("")).toBeNull()
    expect(parseFiscalYearInput("  ")).toBeNull()
    expect(parseFiscalYearInput("来年")).toBe("来年")
    expect(parseFiscalYearInput("24")).toBe("24")
    expect(parseFiscalYearInput("令和0")).toBe("令和0")
  })
})
