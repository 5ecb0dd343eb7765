import { comparatorFromText, type Measure, plannedUnitOf } from "@sukoyaka/core"

/**
 * Structured measures on import. The measures of the seed were curated by hand (which figures pair
 * up, labels taken from column J, units that differ), so they are never re-parsed from scratch:
 *
 * - text unchanged → the current measures are kept as they are;
 * - only figures changed (the text is the same once every number is blanked out, full-width
 *   digits and 以上/以下/程度 words aside) → each figure a measure was read from is updated in
 *   place, matched by its old value and its unit written after it;
 * - anything else → the current measures are kept and the column is reported for review, so that
 *   the secretariat fixes the measures by hand rather than the system guessing.
 */
export type FigureUpdate = "unchanged" | "updated" | "needsReview"

interface FigureToken {
  readonly value: number
  /** What follows the number, NFKC, up to the line's end: 「人」「件（延べ件数）」「社以上」. */
  readonly tail: string
  readonly line: string
}

const NUMBER = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/g
const COMPARATOR_WORDS = /以下|未満|以上|超|程度|概ね|おおむね|予定|予想|見込|約|前後/g

const tokensOf = (text: string): ReadonlyArray<FigureToken> => {
  const normal = text.normalize("NFKC")
  return [...normal.matchAll(NUMBER)].map((match) => {
    const end = match.index + match[0].length
    const lineStart = normal.lastIndexOf("\n", match.index) + 1
    const lineEnd = normal.indexOf("\n", end)
    return {
      value: Number(match[0].replace(/,/g, "")),
      tail: normal.slice(end, lineEnd < 0 ? undefined : lineEnd),
      line: normal.slice(lineStart, lineEnd < 0 ? undefined : lineEnd)
    }
  })
}

const skeletonOf = (text: string): string =>
  text.normalize("NFKC").replace(NUMBER, "#").replace(COMPARATOR_WORDS, "").replace(/\s+/g, "")

const unitMatches = (token: FigureToken, unit: string): boolean => token.tail.startsWith(unit.normalize("NFKC"))

export interface CarriedMeasures {
  readonly measures: ReadonlyArray<Measure>
  readonly update: FigureUpdate
}

/**
 * Carries `measures` over a change of the text they were read from. `field` is the side of the
 * measure that text holds: G holds actuals, H and L planned figures.
 */
export const carryMeasures = (
  measures: ReadonlyArray<Measure>,
  before: string,
  after: string,
  field: "actual" | "planned"
): CarriedMeasures => {
  if (before === after) return { measures, update: "unchanged" }
  const affected = measures.some((measure) => measure[field] !== undefined)
  if (!affected) return { measures, update: "unchanged" }
  if (skeletonOf(before) !== skeletonOf(after)) return { measures, update: "needsReview" }
  const oldTokens = tokensOf(before)
  const newTokens = tokensOf(after)
  let ambiguous = false
  const carried = measures.map((measure): Measure => {
    const current = measure[field]
    if (current === undefined) return measure
    const unit = field === "actual" ? measure.unit : plannedUnitOf(measure)
    const sources = oldTokens.flatMap((token, index) =>
      token.value === current && unitMatches(token, unit) ? [index] : []
    )
    const candidates = new Set(sources.map((index) => newTokens[index]!.value))
    if (candidates.size === 0) return measure // not written in this text: nothing to carry
    if (candidates.size > 1) {
      ambiguous = true
      return measure
    }
    const [value] = candidates as Set<number>
    const source = sources[0]!
    const next: Measure = { ...measure, [field]: value }
    if (field === "planned") {
      // 以上 / 以下 / 程度 may have been added or removed next to the figure.
      const wasFromLine = comparatorFromText(oldTokens[source]!.line) === measure.comparator
      const comparator = comparatorFromText(newTokens[source]!.line)
      if (wasFromLine && comparator !== measure.comparator) return { ...next, comparator }
    }
    return next
  })
  if (ambiguous) return { measures, update: "needsReview" }
  return { measures: carried, update: "updated" }
}
