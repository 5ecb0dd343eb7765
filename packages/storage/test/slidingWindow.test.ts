import { describe, expect, it } from "vitest"
import { slidingVerdict, type WindowCounts, windowStarts } from "../src/slidingWindow.ts"

const windowSeconds = 60
const length = windowSeconds * 1000
const origin = Date.parse("2026-12-04T10:00:00Z")

/** The counts a further hit at `then` would see, after the counts `counts` seen at `now`. */
const countsAfter = (counts: WindowCounts, now: number, then: number): WindowCounts => {
  const windowNow = windowStarts(now, windowSeconds).start
  const windowThen = windowStarts(then, windowSeconds).start
  if (windowThen === windowNow) return { count: counts.count + 1, previousCount: counts.previousCount }
  return {
    count: 1,
    previousCount: windowThen === windowNow + length ? counts.count : 0
  }
}

const cases = function* () {
  for (const limit of [1, 3, 10, 50])
    for (let count = 1; count <= limit + 3; count++)
      for (let previousCount = 0; previousCount <= limit + 3; previousCount += 1)
        for (const offset of [0, 1_000, 17_500, 30_000, 59_000])
          yield { limit, count, previousCount, now: origin + offset }
}

describe("the sliding-window counter", () => {
  it("counts the previous window in full at its edge and not at all a window later", () => {
    expect(slidingVerdict({ count: 1, previousCount: 9 }, origin, 10, windowSeconds).count).toBe(10)
    expect(slidingVerdict({ count: 1, previousCount: 9 }, origin + length / 2, 10, windowSeconds).count).toBe(6)
    expect(slidingVerdict({ count: 1, previousCount: 9 }, origin + length - 1, 10, windowSeconds).count).toBe(2)
  })

  it("names the first second at which a further hit is allowed, and no earlier one", () => {
    let checked = 0
    for (const { limit, count, previousCount, now } of cases()) {
      const verdict = slidingVerdict({ count, previousCount }, now, limit, windowSeconds)
      expect(verdict.retryAfterSeconds).toBeGreaterThanOrEqual(0)
      expect(verdict.allowed).toBe(verdict.count <= limit)
      const then = now + verdict.retryAfterSeconds * 1000
      const next = countsAfter({ count, previousCount }, now, then)
      expect(
        slidingVerdict(next, then, limit, windowSeconds).allowed,
        JSON.stringify({ limit, count, previousCount, now })
      ).toBe(true)
      if (verdict.retryAfterSeconds >= 1) {
        const before = then - 1000
        expect(
          slidingVerdict(countsAfter({ count, previousCount }, now, before), before, limit, windowSeconds).allowed
        ).toBe(false)
        checked++
      }
    }
    expect(checked).toBeGreaterThan(100)
  })
})
