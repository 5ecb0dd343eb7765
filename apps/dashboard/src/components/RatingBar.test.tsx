import { describe, expect, it } from "vitest"
import { barSegments } from "./RatingBar.tsx"
import { sparkline } from "./Sparkline.tsx"

const widths = (counts: Parameters<typeof barSegments>[0], width: number) =>
  Object.fromEntries(barSegments(counts, width).map((s) => [s.key, s.width]))

describe("the rating bar", () => {
  it("splits the columns in proportion and always fills the width", () => {
    expect(widths({ A: 45, B: 5, C: 4, D: 0, unrated: 1 }, 55)).toEqual({
      A: 45,
      B: 5,
      C: 4,
      unrated: 1
    })
    for (const width of [1, 7, 10, 14, 35]) {
      expect(barSegments({ A: 45, B: 5, C: 4, D: 0, unrated: 1 }, width).reduce((sum, s) => sum + s.width, 0)).toBe(
        width
      )
    }
  })

  it("keeps one column for every rating that occurs, however few", () => {
    expect(widths({ A: 45, B: 5, C: 4, D: 0, unrated: 1 }, 10)).toEqual({
      A: 7,
      B: 1,
      C: 1,
      unrated: 1
    })
  })

  it("draws an empty year as all unrated", () => {
    expect(barSegments({ A: 0, B: 0, C: 0, D: 0, unrated: 0 }, 6)).toEqual([{ key: "unrated", width: 6 }])
  })
})

describe("the sparkline", () => {
  it("scales the values from ▁ to █ and keeps its width", () => {
    expect(sparkline([17.6, 15.2, 12.1], 8)).toBe("█▅▁     ")
    expect(sparkline([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 4)).toBe("▁▃▆█")
    expect(sparkline([5, 5], 3)).toBe("▄▄ ")
    expect(sparkline([], 3)).toBe("―  ")
  })
})
