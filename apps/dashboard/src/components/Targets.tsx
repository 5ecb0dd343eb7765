import type { Observation } from "@sukoyaka/core"
import { Box, Text } from "ink"
import type { TargetItem } from "../data/DataSource.ts"
import { useMessages } from "../contexts/MessagesContext.tsx"
import { figure, targetGradeColor } from "../text/labels.ts"
import { displayWidth, padEnd, padStart } from "../text/width.ts"
import { Heading } from "./Heading.tsx"
import { Sparkline } from "./Sparkline.tsx"
import { Tone } from "./Tone.tsx"

const SPARK_WIDTH = 8
const VALUE_WIDTH = 6

/** The baseline and the observations in year order, one value per year: what the sparkline draws. */
export const seriesOf = (target: TargetItem): ReadonlyArray<Observation> => {
  const byYear = new Map<number, Observation>()
  for (const observation of [...(target.baseline ? [target.baseline] : []), ...target.observations])
    byYear.set(observation.year, observation)
  return [...byYear.values()].sort((a, b) => a.year - b.year)
}

export const targetsHeight = (targets: ReadonlyArray<TargetItem>): number => 1 + Math.max(1, targets.length)

/** The plan's targets: grade, indicator, the observations as a sparkline, the latest value, the target, and which rule gave the grade. */
export const Targets = ({
  targets,
  width
}: {
  readonly targets: ReadonlyArray<TargetItem>
  readonly width: number
}) => {
  const m = useMessages()
  const GRADE_TEXT_WIDTH = Math.max(...Object.values(m.targetGradeShort).map(displayWidth))
  const METHOD_WIDTH = Math.max(...Object.values(m.targetMethodShort).map(displayWidth)) + 2
  const fixed = 3 + 1 + SPARK_WIDTH + 1 + VALUE_WIDTH + 2 + VALUE_WIDTH + 1 + GRADE_TEXT_WIDTH + 1 + METHOD_WIDTH
  const label = Math.max(6, width - 1 - fixed)
  return (
    <Box flexDirection="column">
      <Heading width={width - 1} right={m.targetsColumns}>
        {m.targetsTitle}
      </Heading>
      {targets.length === 0 ? <Text>{m.noTargets}</Text> : null}
      {targets.map((target) => {
        const series = seriesOf(target)
        const latest = series.at(-1)
        const grade = target.evaluation.grade
        // The population first: two targets share an indicator and differ only there (男性／女性).
        const name = m.targetName(target.population, target.indicator)
        return (
          <Text key={target.id}>
            <Tone color={targetGradeColor[grade]} bold>
              {padEnd(m.targetGradeLetter(grade), 3)}
            </Tone>
            {padEnd(name, label)} <Sparkline values={series.map((o) => o.value)} width={SPARK_WIDTH} color="cyan" />{" "}
            {padStart(figure(latest?.value), VALUE_WIDTH)}→{padStart(figure(target.targetValue), VALUE_WIDTH)}{" "}
            {target.evaluation.method === "none" ? (
              <Tone color={targetGradeColor[grade]}>{m.targetGradeShort[grade]}</Tone>
            ) : (
              <>
                <Tone color={targetGradeColor[grade]}>{padEnd(m.targetGradeShort[grade], GRADE_TEXT_WIDTH)}</Tone>{" "}
                <Tone color="gray">{`(${m.targetMethodShort[target.evaluation.method]})`}</Tone>
              </>
            )}
          </Text>
        )
      })}
    </Box>
  )
}
