import { Box, Text } from "ink"
import type { RatingTrendsView } from "@sukoyaka/core"
import { useMessages } from "../contexts/MessagesContext.tsx"
import { percent } from "../text/labels.ts"
import { padEnd, padStart, truncate } from "../text/width.ts"
import { Heading } from "./Heading.tsx"
import { Sparkline } from "./Sparkline.tsx"

const SPARK_WIDTH = 8
const SHARE_WIDTH = 5

/** The shares on track of a series, the years with nothing rated left out (a draft year has no share yet). */
export const sharesOf = (points: RatingTrendsView["plan"]): ReadonlyArray<number> =>
  points.flatMap((point) => (point.onTrackShare === null ? [] : [point.onTrackShare]))

export const policyTrendsHeight = (trends: RatingTrendsView): number => 1 + 1 + trends.byPolicy.length

/**
 * The share on track per year as a small sparkline, for the whole plan and each basic policy, with
 * the latest year that has ratings: whether the policies are going up or down, at a glance.
 */
export const PolicyTrends = ({ trends, width }: { readonly trends: RatingTrendsView; readonly width: number }) => {
  const m = useMessages()
  const label = Math.max(6, width - 1 - (1 + SPARK_WIDTH + 1 + SHARE_WIDTH))
  const rows = [
    { key: "all", name: m.allObjectives, points: trends.plan },
    ...trends.byPolicy.map((policy) => ({
      key: String(policy.policyNo),
      name: m.policyName(policy.policyNo, policy.title),
      points: policy.points
    }))
  ]
  return (
    <Box flexDirection="column">
      <Heading width={width - 1} right={m.policyTrendsColumns}>
        {m.policyTrendsTitle}
      </Heading>
      {rows.map((row) => {
        const shares = sharesOf(row.points)
        return (
          <Text key={row.key}>
            {padEnd(truncate(row.name, label), label)} <Sparkline values={shares} width={SPARK_WIDTH} color="green" />{" "}
            {padStart(percent(shares.at(-1) ?? null), SHARE_WIDTH)}
          </Text>
        )
      })}
    </Box>
  )
}
