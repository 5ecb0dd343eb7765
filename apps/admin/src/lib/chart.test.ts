import { describe, expect, it } from "vitest"
import { band, linePath, linear, niceTop, ticks } from "./chart.ts"

// The values d3-array's `ticks` and d3-scale's `nice` give for the same input (what LayerChart drew).
describe("the charts' scales and ticks", () => {
  it("gives round ticks of 1, 2 or 5 × a power of ten, without floating-point residue", () => {
    expect(ticks(0, 30, 8)).toEqual([0, 5, 10, 15, 20, 25, 30])
    expect(ticks(0, 1, 4)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1])
    expect(ticks(0, 0.3, 3)).toEqual([0, 0.1, 0.2, 0.3])
    expect(ticks(0, 1.1, 4)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1])
    expect(ticks(0, 2, 2)).toEqual([0, 1, 2])
    expect(ticks(3, 3, 4)).toEqual([3])
  })

  it("widens an axis to the next round tick", () => {
    expect(niceTop(28, 8)).toBe(30)
    expect(niceTop(1, 1)).toBe(1)
    expect(niceTop(0.93, 4)).toBe(1)
  })

  it("maps linearly, bands rows with a quarter step of padding, and draws a polyline", () => {
    const x = linear([0, 10], [0, 200])
    expect(x(5)).toBe(100)
    expect(linear([2, 2], [0, 100])(2)).toBe(50)
    const rows = band(4, [0, 136])
    expect(rows.bandwidth).toBeCloseTo(24)
    expect(rows.at(0)).toBeCloseTo(8)
    expect(rows.at(3) + rows.bandwidth).toBeCloseTo(128)
    expect(
      linePath([
        [0, 1.26],
        [10.04, 2]
      ])
    ).toBe("M0,1.3L10,2")
  })
})
