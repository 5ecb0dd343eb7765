import { describe, expect, it } from "@effect/vitest"
import fc from "fast-check"
import { decimalDown, defaultRatingThresholds, percentDown } from "../src/index.ts"

describe("percentDown: never rounded across a threshold (issue 15)", () => {
  it("0.949 is 94 %, not the 95 % of the Ａ line; likewise just under 65 % and 50 %", () => {
    expect(percentDown(0.949)).toBe("94%")
    expect(percentDown(0.6499)).toBe("64%")
    expect(percentDown(0.4999)).toBe("49%")
    expect(percentDown(0.95)).toBe("95%")
    expect(percentDown(0.29)).toBe("29%")
    expect(percentDown(1.05)).toBe("105%")
  })

  it("cuts towards zero with digits: −4.96 % is −4.9 %, not the −5.0 % that is a change", () => {
    expect(percentDown(-0.0496, 1)).toBe("-4.9%")
    expect(percentDown(0.1234, 1)).toBe("12.3%")
    expect(percentDown(-0.0001)).toBe("0%")
  })

  // fast-check directly: @effect/vitest 4 takes only Schemas and effect's own Arbitraries.
  it("a ratio below a threshold never shows the threshold's figure", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.values(defaultRatingThresholds)),
        fc.double({ min: 1e-6, max: 0.01, noNaN: true }),
        (threshold, gap) => {
          const shown = Number.parseFloat(percentDown(threshold - gap))
          expect(shown).toBeLessThan(threshold * 100)
        }
      )
    )
  })
})

describe("decimalDown", () => {
  it("shows Open SDG's 0.947 as 0.94, below the 0.95 of 「目標年までに達成する見込み」", () => {
    expect(decimalDown(0.947, 2)).toBe("0.94")
    expect(decimalDown(-196.549, 1)).toBe("-196.5")
    expect(decimalDown(0.95, 2)).toBe("0.95")
  })
})
