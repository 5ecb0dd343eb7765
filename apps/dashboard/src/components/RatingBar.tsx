import type { RatingCounts } from "@sukoyaka/core"
import { Text } from "ink"
import { type RatingKey, ratingColor, ratingGlyph, ratingKeys } from "../text/labels.ts"
import { Tone } from "./Tone.tsx"

/**
 * Splits `width` columns between the ratings in proportion to their counts (largest remainder).
 * Every non-zero count keeps at least one column, taken from the widest segment if need be: one
 * unrated review among 55 must still show.
 */
export const barSegments = (counts: RatingCounts, width: number): ReadonlyArray<{ key: RatingKey; width: number }> => {
  const total = ratingKeys.reduce((sum, key) => sum + counts[key], 0)
  if (total === 0 || width <= 0) return [{ key: "unrated", width: Math.max(0, width) }]
  const cells = ratingKeys.map((key) => {
    const exact = (counts[key] / total) * width
    return { key, width: Math.floor(exact), rest: exact - Math.floor(exact) }
  })
  let left = width - cells.reduce((sum, cell) => sum + cell.width, 0)
  for (const cell of [...cells].sort((a, b) => b.rest - a.rest)) {
    if (left === 0) break
    if (cell.rest > 0) {
      cell.width += 1
      left -= 1
    }
  }
  for (const cell of cells) {
    if (cell.width > 0 || counts[cell.key] === 0) continue
    const widest = cells.reduce((a, b) => (b.width > a.width ? b : a))
    if (widest.width <= 1) break
    widest.width -= 1
    cell.width = 1
  }
  return cells.filter((cell) => cell.width > 0).map(({ key, width }) => ({ key, width }))
}

export const RatingBar = ({ counts, width }: { readonly counts: RatingCounts; readonly width: number }) => (
  <Text>
    {barSegments(counts, width).map((segment) => (
      <Tone key={segment.key} color={ratingColor[segment.key]}>
        {ratingGlyph[segment.key].repeat(segment.width)}
      </Tone>
    ))}
  </Text>
)
