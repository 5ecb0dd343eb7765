import type { YearSummaryView } from "@sukoyaka/core"
import { Box, Text } from "ink"
import { useMessages } from "../contexts/MessagesContext.tsx"
import type { Messages } from "../text/messages.ts"
import { padEnd } from "../text/width.ts"
import { Heading } from "./Heading.tsx"
import { listWindow } from "./listWindow.ts"
import { Tone } from "./Tone.tsx"

type AttentionItem = YearSummaryView["attention"][number]

export const reasonsText = (item: AttentionItem, m: Messages): string =>
  item.reasons.map(m.attentionReason).join(m.attentionReasonSeparator)

export interface AttentionListProps {
  readonly attention: ReadonlyArray<AttentionItem>
  readonly width: number
  /** Lines available, heading included; undefined: every item. */
  readonly height?: number | undefined
  /** The row Enter opens; undefined when the list does not have the focus. */
  readonly selected?: number | undefined
}

/** The initiatives the secretariat should look at: behind (Ｃ・Ｄ), missing, or inconsistent. */
export const AttentionList = ({ attention, width, height, selected }: AttentionListProps) => {
  const m = useMessages()
  const room = height === undefined ? attention.length : Math.max(0, height - 1)
  const { start, end } = listWindow(attention.length, selected ?? 0, room)
  const reasons = Math.min(28, Math.max(10, Math.floor((width - 12) * 0.4)))
  const name = Math.max(4, width - 1 - 2 - 7 - 3 - 1 - reasons)
  return (
    <Box flexDirection="column">
      <Heading width={width - 1} right={attention.length > room ? `${start + 1}–${end} / ${attention.length}` : ""}>
        {m.attentionTitle(attention.length)}
      </Heading>
      {attention.length === 0 ? <Text>{m.attentionEmpty}</Text> : null}
      {attention.slice(start, end).map((item, offset) => {
        const isSelected = selected === start + offset
        return (
          <Text key={item.initiativeNo}>
            <Tone inverse={isSelected}>
              {isSelected ? "› " : "  "}
              {padEnd(`No.${item.initiativeNo}`, 7)}
              {padEnd(item.selfRating === null ? "―" : m.ratingLetter(item.selfRating), 3)}
              {padEnd(item.name, name)}{" "}
            </Tone>
            <Tone color="yellow">{padEnd(reasonsText(item, m), reasons)}</Tone>
          </Text>
        )
      })}
    </Box>
  )
}
