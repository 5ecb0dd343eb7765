import { objectiveMark, objectivesOf, type Plan } from "@sukoyaka/core"
import { Box, Text } from "ink"
import type { InitiativeDetailView, InitiativeItem } from "../data/DataSource.ts"
import { useMessages } from "../contexts/MessagesContext.tsx"
import { figure, percent, ratingText, reviewStatusText } from "../text/labels.ts"
import type { Messages } from "../text/messages.ts"
import { padEnd, padStart, truncate, wrap } from "../text/width.ts"
import { Tone } from "./Tone.tsx"

/** One line of the detail, already cut to the width; the detail scrolls line by line. */
export interface Line {
  readonly text: string
  readonly color?: string
  readonly bold?: boolean
}

export interface DetailInput {
  readonly item: InitiativeItem
  /** Every year's reviews, fetched when the detail opens; null until then (or when it failed). */
  readonly detail: InitiativeDetailView | null
  readonly plan: Plan
  readonly agencyNames: ReadonlyMap<string, string>
  readonly width: number
  readonly messages: Messages
}

/** The whole detail as lines: review, measures with achievement, consistency flags, texts, history. */
export const detailLines = ({
  item,
  detail,
  plan,
  agencyNames,
  width,
  messages: m
}: DetailInput): ReadonlyArray<Line> => {
  const lines: Array<Line> = []
  const text = (value: string, style: Omit<Line, "text"> = {}) => lines.push({ text: truncate(value, width), ...style })
  const block = (title: string, body: string) => {
    text(title, { bold: true, color: "blue" })
    const trimmed = body.trim()
    for (const line of trimmed === "" ? ["―"] : wrap(trimmed, width - 2)) text(`  ${line}`)
  }
  const objective = objectivesOf(plan).find((o) => o.no === item.objectiveNo)
  text(`No.${item.no} ${item.name}${item.status === "discontinued" ? m.discontinued : ""}`, {
    bold: true
  })
  text(`${m.detailObjective} ${objectiveMark(item.objectiveNo)} ${objective?.title ?? ""}`)
  text(
    `${m.detailLifeStages} ${m.lifeStages(item.lifeStages, item.lifeStagesText)}${m.gap}${m.detailAgencies} ${item.agencies.map((id) => agencyNames.get(id) ?? id).join(m.listSeparator)}`
  )
  const review = item.review
  if (review === null) {
    text(m.detailNoReview, { color: "yellow" })
  } else {
    const evaluation = review.evaluation
    const suggestion =
      evaluation.suggestedRating === null
        ? m.detailNoSuggestion
        : // The policy's mean, each measure capped (at 120 % by default): it can differ from a row's own ratio.
          m.detailSuggestion(
            m.ratingLetter(evaluation.suggestedRating),
            evaluation.measuresUsed,
            percent(evaluation.achievement)
          )
    text(`${m.fiscalYear(review.fiscalYear)}${m.gap}${m.detailStatus} ${reviewStatusText(review.status, m)}`, {
      bold: true,
      color: "blue"
    })
    text(
      `${m.detailSelfRating} ${ratingText(review.selfRating, m)}${m.gap}${suggestion}`,
      evaluation.needsAttention ? { color: "yellow" } : {}
    )
    if (review.ratingReason.trim() !== "")
      for (const line of wrap(`${m.detailReason} ${review.ratingReason.trim()}`, width)) text(line)
    text(m.detailMeasures, { bold: true, color: "blue" })
    if (review.measures.length === 0) text(m.detailNoMeasures)
    const [actualWidth, plannedWidth, ratioWidth] = m.measureWidths
    const labelWidth = Math.max(6, width - 1 - 2 - actualWidth - plannedWidth - ratioWidth - 3)
    const row = (label: string, actual: string, planned: string, ratio: string) =>
      text(
        `  ${padEnd(label, labelWidth)} ${padStart(actual, actualWidth)} ${padStart(planned, plannedWidth)} ${padStart(ratio, ratioWidth)}`
      )
    const columns = m.measureColumns
    if (review.measures.length > 0) row(columns.label, columns.actual, columns.planned, columns.ratio)
    review.measures.forEach((measure, index) => {
      const achievement = evaluation.measures[index]
      const planned =
        measure.planned === undefined
          ? "―"
          : `${figure(measure.planned)}${measure.plannedUnit ?? measure.unit}${m.comparator(measure.comparator)}`
      const ratio =
        achievement === undefined
          ? "―"
          : achievement.ratio !== null
            ? percent(achievement.ratio)
            : achievement.unbounded
              ? m.unboundedRatio
              : m.notComputableRatio(achievement.notComputable ? m.notComputable(achievement.notComputable) : "―")
      const actual = measure.actual === undefined ? "―" : `${figure(measure.actual)}${measure.unit}`
      row(measure.label, actual, planned, ratio)
    })
    text(m.detailConsistency, { bold: true, color: "blue" })
    if (evaluation.flags.length === 0) text(m.detailNoIssues)
    for (const flag of evaluation.flags) text(`${m.detailBullet}${m.consistencyFlag(flag)}`, { color: "yellow" })
    block(m.detailActions(m.fiscalYear(review.fiscalYear)), review.actions)
    block(m.detailResults, review.resultText)
    block(m.detailNextPlan(m.fiscalYear(review.next.fiscalYear)), review.next.actions)
  }
  block(m.detailContent, item.summary)
  if (item.rationale !== "") block(m.detailRationale, item.rationale)
  if (detail !== null && detail.reviews.length > 0) {
    text(m.detailHistory, { bold: true, color: "blue" })
    text(
      `  ${detail.reviews.map((r) => `${m.fiscalYear(r.fiscalYear)} ${r.selfRating === null ? m.unrated : m.ratingLetter(r.selfRating)}`).join(m.gap)}`
    )
  }
  return lines
}

export interface InitiativeDetailProps extends Omit<DetailInput, "messages"> {
  readonly height: number
  /** The first line shown. */
  readonly scroll: number
}

/** One initiative: its review, measures with achievement, consistency flags. j/k scroll. */
export const InitiativeDetail = (props: InitiativeDetailProps) => {
  const m = useMessages()
  const lines = detailLines({ ...props, messages: m })
  const room = Math.max(1, props.height - 1)
  const start = Math.max(0, Math.min(props.scroll, lines.length - room))
  const shown = lines.slice(start, start + room)
  const more = lines.length - (start + shown.length)
  const footer = m.detailFooter(start + 1, start + shown.length, lines.length, more > 0)
  return (
    <Box flexDirection="column">
      {shown.map((line, index) => (
        <Text key={start + index}>
          <Tone {...(line.color ? { color: line.color } : {})} bold={line.bold ?? false}>
            {line.text}
          </Tone>
        </Text>
      ))}
      <Text>
        <Tone dim>{padStart(footer, props.width - 1)}</Tone>
      </Text>
    </Box>
  )
}

export const detailScrollLimit = (input: DetailInput, height: number): number =>
  Math.max(0, detailLines(input).length - Math.max(1, height - 1))
