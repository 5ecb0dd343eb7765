import { describe, expect, it } from "@effect/vitest"
import { Option } from "effect"
import { countRatings, formatRatingCell, parseRatingCell, ratings } from "../src/index.ts"

describe("rating cells", () => {
  it("reads what people type into column I", () => {
    expect(parseRatingCell("Ａ　順調")).toEqual(Option.some("A"))
    expect(parseRatingCell("Ａ\n　\n順\n調")).toEqual(Option.some("A"))
    expect(parseRatingCell("ｂ")).toEqual(Option.some("B"))
    expect(parseRatingCell("C")).toEqual(Option.some("C"))
    expect(parseRatingCell("やや順調")).toEqual(Option.some("B"))
    expect(parseRatingCell("遅れている")).toEqual(Option.some("D"))
    expect(parseRatingCell("やや遅れている")).toEqual(Option.some("C"))
  })

  it("reads nothing from an empty or foreign cell", () => {
    expect(parseRatingCell("")).toEqual(Option.none())
    expect(parseRatingCell("E")).toEqual(Option.none())
    expect(parseRatingCell("Ａ　遅れている")).toEqual(Option.none())
  })

  it("writes the cell the way the city does and reads it back", () => {
    for (const rating of ratings) expect(parseRatingCell(formatRatingCell(rating))).toEqual(Option.some(rating))
    expect(formatRatingCell("C")).toBe("Ｃ　やや遅れている")
  })

  it("counts ratings with the unrated ones", () => {
    expect(countRatings(["A", "A", null, "D"])).toEqual({ A: 2, B: 0, C: 0, D: 1, unrated: 1 })
  })
})
