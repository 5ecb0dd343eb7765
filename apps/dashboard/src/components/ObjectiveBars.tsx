import { objectiveMark, objectivesOf, type Plan, type RatingCounts, type YearSummaryView } from "@sukoyaka/core"
import { Box, Text } from "ink"
import { useMessages } from "../contexts/MessagesContext.tsx"
import { percent, ratingKeyLabel, ratingKeys } from "../text/labels.ts"
import type { Messages } from "../text/messages.ts"
import { displayWidth, padEnd, padStart, truncate } from "../text/width.ts"
import { RatingBar } from "./RatingBar.tsx"
import { Heading } from "./Heading.tsx"

/**
 * 「Ａ 45 Ｂ  5 Ｃ  4 Ｄ  0 未評価  1」 (33 columns) or "A 45 B  5 C  4 D  0 Unrated  1" (30): the
 * same width in every row so the numbers line up.
 */
export const formatCounts = (counts: RatingCounts, m: Messages): string =>
  ratingKeys.map((key) => `${ratingKeyLabel(key, m)} ${String(counts[key]).padStart(2)}`).join(" ")

const countsWidth = (m: Messages): number => displayWidth(formatCounts({ A: 0, B: 0, C: 0, D: 0, unrated: 0 }, m))
const SHARE_WIDTH = 5

export interface ObjectiveBarsProps {
  readonly plan: Plan
  readonly summary: YearSummaryView
  readonly width: number
  /**
   * When a title does not fit beside its bar, print it in full on a line of its own (the `--once`
   * frame, where height is free) instead of cutting it.
   */
  readonly titleLines?: boolean
}

/** How many lines ObjectiveBars takes: the heading, 全体, one per objective. */
export const objectiveBarsHeight = (summary: YearSummaryView): number => 2 + summary.byObjective.length

/** Ratings per objective as stacked bars (Ａ█ Ｂ▓ Ｃ▒ Ｄ░ 未評価·) with the counts and the share on track. */
export const ObjectiveBars = ({ plan, summary, width, titleLines = false }: ObjectiveBarsProps) => {
  const m = useMessages()
  const COUNTS_WIDTH = countsWidth(m)
  const titles = new Map(objectivesOf(plan).map((objective) => [objective.no as number, objective.title]))
  const rows = [
    { key: "all", label: m.allObjectives, ratings: summary.ratings, share: summary.onTrackShare },
    ...summary.byObjective.map((row) => ({
      key: `objective-${row.objectiveNo}`,
      label: `${objectiveMark(row.objectiveNo)} ${titles.get(row.objectiveNo) ?? ""}`.trim(),
      ratings: row.ratings,
      share: row.onTrackShare
    }))
  ]
  const room = Math.max(0, width - COUNTS_WIDTH - SHARE_WIDTH - 2)
  const longest = Math.max(...rows.map((row) => displayWidth(row.label)))
  // The titles say more than the bar's length: the bar keeps 10 columns and the titles get the rest.
  const bar = room >= 24 ? 10 : Math.max(0, Math.floor(room * 0.4))
  const separate = titleLines && longest > room - bar - 1
  const label = separate ? displayWidth(m.allObjectives) : Math.min(longest, Math.max(0, room - bar - 1))
  const barWidth = Math.min(40, room - label - 1)
  return (
    <Box flexDirection="column">
      <Heading width={width - 1} right={m.ratingLabel("A")}>
        {m.objectiveBarsTitle}
      </Heading>
      {rows.map((row) => (
        <Box key={row.key} flexDirection="column">
          {separate && row.key !== "all" ? <Text>{truncate(row.label, width - 1)}</Text> : null}
          <Text>
            {padEnd(separate && row.key !== "all" ? "" : row.label, label)}{" "}
            {barWidth > 0 ? <RatingBar counts={row.ratings} width={barWidth} /> : null}
            {barWidth > 0 ? " ".repeat(room - label - barWidth) : ""}
            {formatCounts(row.ratings, m)}
            {padStart(percent(row.share), SHARE_WIDTH)}
          </Text>
        </Box>
      ))}
    </Box>
  )
}
