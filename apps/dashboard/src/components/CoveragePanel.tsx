import { Box, Text } from "ink"
import { useMessages } from "../contexts/MessagesContext.tsx"
import { COVERAGE_PENDING, type CoverageGlance } from "../data/DataSource.ts"
import { truncate } from "../text/width.ts"
import { Heading } from "./Heading.tsx"
import { Tone } from "./Tone.tsx"

/** The panel's lines: its heading and one line of the empty measures' names. */
export const COVERAGE_PANEL_HEIGHT = 2

/**
 * The national package's coverage at a glance (#24): how many measures are empty or thin, and which
 * are empty. "pending": read after the first frame, the panel keeps its lines and says so.
 */
export const CoveragePanel = ({
  coverage,
  width
}: {
  readonly coverage: CoverageGlance | typeof COVERAGE_PENDING
  readonly width: number
}) => {
  const m = useMessages()
  if (coverage === COVERAGE_PENDING)
    return (
      <Box flexDirection="column">
        <Heading width={width - 1} right="">
          {m.coverageLoadingTitle}
        </Heading>
        <Text>{m.loading}</Text>
      </Box>
    )
  return (
    <Box flexDirection="column">
      <Heading width={width - 1} right="">
        {m.coverageTitle(coverage.frameworkName, coverage.empty.length, coverage.thin, coverage.measures)}
      </Heading>
      {coverage.empty.length === 0 ? (
        <Text>{m.coverageNoneEmpty}</Text>
      ) : (
        <Tone color="red">{truncate(m.coverageEmpty(coverage.empty.join("、")), Math.max(10, width - 2))}</Tone>
      )}
    </Box>
  )
}
