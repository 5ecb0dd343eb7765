/**
 * The arithmetic of the admin's charts: linear and band scales, round tick values and a line's path.
 * The charts are plain SVG drawn on the server (see StackedRatings, YearChart, Sparkline); these few
 * functions are all they need of a chart library, and they ship in a page's JavaScript for hydration,
 * so they stay small. The tick steps follow d3's (1, 2 or 5 × a power of ten).
 */

export type Scale = (value: number) => number

/** Maps [d0, d1] onto [r0, r1]; a domain of no width maps everything to the middle of the range. */
export const linear =
  ([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]): Scale =>
  (value) =>
    d1 === d0 ? (r0 + r1) / 2 : r0 + ((value - d0) / (d1 - d0)) * (r1 - r0)

/** The step between about `count` round ticks over [start, stop]: 1, 2 or 5 × 10^k (negative: 1 / step). */
const tickIncrement = (start: number, stop: number, count: number): number => {
  const step = (stop - start) / Math.max(1, count)
  const power = Math.floor(Math.log10(step))
  const error = step / 10 ** power
  const factor = error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.sqrt(2) ? 2 : 1
  return power >= 0 ? factor * 10 ** power : -(10 ** -power) / factor
}

/** About `count` round values from start to stop, both included when they are round. */
export const ticks = (start: number, stop: number, count: number): Array<number> => {
  if (!(stop > start) || count <= 0) return stop === start ? [start] : []
  const increment = tickIncrement(start, stop, count)
  // Counting in whole steps (or whole fractions) keeps 0.1 + 0.2 from printing 0.30000000000000004.
  const [scaled, unscale] =
    increment > 0
      ? [(v: number) => v / increment, (i: number) => i * increment]
      : [(v: number) => v * -increment, (i: number) => i / -increment]
  const out: Array<number> = []
  for (let i = Math.ceil(scaled(start)); i <= Math.floor(scaled(stop)); i++) out.push(unscale(i))
  return out
}

/** [0, max] widened to the next round tick, as d3's `nice()`: the axis ends on a labelled value. */
export const niceTop = (max: number, count: number): number => {
  const increment = tickIncrement(0, max, count)
  return increment > 0 ? Math.ceil(max / increment) * increment : Math.ceil(max * -increment) / -increment
}

export interface Band {
  /** the top of row `index` */
  readonly at: (index: number) => number
  readonly bandwidth: number
}

/** `count` rows over [r0, r1] with a quarter of a step between and around them (d3's `scaleBand().padding(0.25)`). */
export const band = (count: number, [r0, r1]: readonly [number, number], padding = 0.25): Band => {
  const step = (r1 - r0) / Math.max(1, count - padding + 2 * padding)
  return { at: (index) => r0 + step * padding + index * step, bandwidth: step * (1 - padding) }
}

/** A polyline through the points, as an SVG path (one `M`, then `L`s), rounded to a tenth of a unit. */
export const linePath = (points: ReadonlyArray<readonly [number, number]>): string =>
  points.map(([x, y], index) => `${index === 0 ? "M" : "L"}${round(x)},${round(y)}`).join("")

export const round = (value: number): number => Math.round(value * 10) / 10
