import type { YearSummaryView } from "@sukoyaka/core"
import { Box, Text } from "ink"
import { useMessages } from "../contexts/MessagesContext.tsx"
import { percent } from "../text/labels.ts"
import type { Messages } from "../text/messages.ts"
import { padEnd, padStart } from "../text/width.ts"
import { Heading } from "./Heading.tsx"
import { Tone } from "./Tone.tsx"

type Completion = YearSummaryView["completion"]
type AgencyRow = YearSummaryView["byAgency"][number]

const BAR_WIDTH = 10
const statusGlyphs = [
  ["approved", "█", "green"],
  ["submitted", "▓", "cyan"],
  ["draft", "░", "yellow"],
  ["missing", "·", "red"]
] as const

/** Approved out of all: the review is done when the secretariat has approved it. */
export const doneShare = (completion: Completion): number | null =>
  completion.total === 0 ? null : completion.byStatus.approved / completion.total

/** Agencies that are furthest behind first: those are the ones to chase. */
export const byCompletion = (rows: ReadonlyArray<AgencyRow>): ReadonlyArray<AgencyRow> =>
  rows
    .map((row, index) => ({ row, index, share: doneShare(row.completion) ?? 1 }))
    .sort((a, b) => a.share - b.share || a.index - b.index)
    .map(({ row }) => row)

const CompletionBar = ({ completion }: { readonly completion: Completion }) => {
  let used = 0
  const parts = statusGlyphs.map(([status, glyph, color]) => {
    const cells = completion.total === 0 ? 0 : Math.round((completion.byStatus[status] / completion.total) * BAR_WIDTH)
    const width = Math.min(cells, BAR_WIDTH - used)
    used += width
    return { status, glyph, color, width }
  })
  return (
    <Text>
      {parts.map((part) => (
        <Tone key={part.status} color={part.color}>
          {part.glyph.repeat(part.width)}
        </Tone>
      ))}
      {" ".repeat(BAR_WIDTH - used)}
    </Text>
  )
}

const remaining = (completion: Completion, m: Messages): string =>
  m.completionRemaining(completion.byStatus.submitted, completion.byStatus.draft, completion.byStatus.missing)

export interface AgencyCompletionProps {
  readonly summary: YearSummaryView
  readonly width: number
  /** Lines available, heading included; undefined: every agency. */
  readonly height?: number | undefined
}

/** Completion of the year's reviews per agency (実施機関), least complete first. */
export const AgencyCompletion = ({ summary, width, height }: AgencyCompletionProps) => {
  const m = useMessages()
  const rows = byCompletion(summary.byAgency)
  const room = height === undefined ? rows.length : Math.max(0, height - 1)
  const shown = rows.length > room ? rows.slice(0, Math.max(0, room - 1)) : rows
  const hidden = rows.slice(shown.length)
  const total = summary.completion
  const numbers = 8
  const name = Math.max(6, width - 1 - (1 + BAR_WIDTH + 1 + numbers + 1 + 5 + 1 + 14))
  return (
    <Box flexDirection="column">
      <Heading
        width={width - 1}
        right={m.completionTotal(total.byStatus.approved, total.total, percent(doneShare(total)))}
      >
        {m.completionTitle}
      </Heading>
      {shown.map((row) => (
        <Text key={row.agencyId}>
          {padEnd(row.name, name)} <CompletionBar completion={row.completion} />{" "}
          {padStart(`${row.completion.byStatus.approved}/${row.completion.total}`, numbers)}
          {padStart(percent(doneShare(row.completion)), 6)} {padEnd(remaining(row.completion, m), 14)}
        </Text>
      ))}
      {hidden.length > 0 && room > 0 ? (
        <Text>
          <Tone dim>
            {padEnd(
              m.completionMore(
                hidden.length,
                hidden.every((row) => row.completion.byStatus.approved === row.completion.total)
              ),
              width - 1
            )}
          </Tone>
        </Text>
      ) : null}
    </Box>
  )
}
