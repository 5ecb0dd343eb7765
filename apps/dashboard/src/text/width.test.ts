import { describe, expect, it } from "vitest"
import { displayWidth, padEnd, padStart, truncate, wrap } from "./width.ts"

describe("display width", () => {
  it("counts full-width characters as two columns", () => {
    expect(displayWidth("No.57")).toBe(5)
    expect(displayWidth("Ａ")).toBe(2)
    expect(displayWidth("健康支援課")).toBe(10)
    expect(displayWidth("NPO法人ウィメンズ結")).toBe(3 + 16)
  })

  it("pads mixed Japanese and ASCII to the same column", () => {
    const rows = ["健康支援課", "NPO法人ウィメンズ結", "警察", "ab"].map((name) => `${padEnd(name, 14)}|`)
    expect(new Set(rows.map(displayWidth))).toEqual(new Set([15]))
    expect(padStart("45", 4)).toBe("  45")
    expect(padStart("１２", 6)).toBe("  １２")
  })

  it("truncates by columns and never splits a wide character", () => {
    expect(truncate("こども・若者への自殺対策の強化", 10)).toBe("こども・…")
    expect(displayWidth(truncate("こども・若者への自殺対策の強化", 10))).toBeLessThanOrEqual(10)
    // An odd width cannot hold half of 若: the cut stops before it.
    expect(truncate("若者", 3)).toBe("若…")
    expect(truncate("short", 10)).toBe("short")
    expect(truncate("anything", 0)).toBe("")
    expect(padEnd("こども・若者への自殺対策の強化", 8)).toBe("こども… ")
  })

  it("wraps by columns and keeps the text's own line breaks", () => {
    expect(wrap("相談支援の充実を図ります", 8)).toEqual(["相談支援", "の充実を", "図ります"])
    expect(wrap("一行目\n二行目", 20)).toEqual(["一行目", "二行目"])
    expect(wrap("ab cd", 2)).toEqual(["ab", "cd"])
  })
})
