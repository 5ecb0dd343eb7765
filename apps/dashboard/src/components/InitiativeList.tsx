import { objectiveMark, ReviewStatus } from "@sukoyaka/core"
import { Box, Text } from "ink"
import type { InitiativeItem } from "../data/DataSource.ts"
import { useMessages } from "../contexts/MessagesContext.tsx"
import { reviewStatusText } from "../text/labels.ts"
import type { Messages } from "../text/messages.ts"
import { displayWidth, padEnd } from "../text/width.ts"
import { Heading } from "./Heading.tsx"
import { listWindow } from "./listWindow.ts"
import { Tone } from "./Tone.tsx"

/**
 * What `/` matches: the number, the name, the content and the review's texts, NFKC-folded so that
 * ＡＢＣ and ABC, full- and half-width digits, all find the same rows.
 */
export const matchesFilter = (
  item: InitiativeItem,
  filter: string,
  agencyNames: ReadonlyMap<string, string>
): boolean => {
  const needle = filter.normalize("NFKC").trim().toLowerCase()
  if (needle === "") return true
  const haystack = [
    `no.${item.no}`,
    item.name,
    item.content,
    ...item.agencies.map((id) => agencyNames.get(id) ?? id),
    item.review?.actions ?? "",
    item.review?.ratingReason ?? ""
  ]
    .join("\n")
    .normalize("NFKC")
    .toLowerCase()
  return haystack.includes(needle)
}

/** The columns' widths: the status column as wide as the longest status in the language, and a space. */
const columnsFor = (m: Messages) => {
  const status =
    1 + Math.max(...[...ReviewStatus.literals.map((s) => reviewStatusText(s, m)), m.noReview].map(displayWidth))
  const columns = { marker: 2, no: 7, rating: 5, suggested: 5, status, flag: 2, objective: 5 }
  return { columns, fixed: Object.values(columns).reduce((sum, width) => sum + width, 0) }
}

export interface InitiativeListProps {
  readonly items: ReadonlyArray<InitiativeItem>
  /** All initiatives of the year, before the filter. */
  readonly total: number
  readonly filter: string
  readonly width: number
  readonly height: number
  readonly selected: number
}

/** Every initiative of the year: self-rating, the rules' suggestion, status; ! marks those needing attention. */
export const InitiativeList = ({ items, total, filter, width, height, selected }: InitiativeListProps) => {
  const m = useMessages()
  const { columns: COLUMNS, fixed } = columnsFor(m)
  const heads = m.listColumns
  const room = Math.max(0, height - 2)
  const { start, end } = listWindow(items.length, selected, room)
  const name = Math.max(4, width - 1 - fixed)
  const title = filter === "" ? m.listTitle(total) : m.listTitleFiltered(items.length, total, filter)
  return (
    <Box flexDirection="column">
      <Heading width={width - 1} right={items.length > room ? `${start + 1}–${end} / ${items.length}` : ""}>
        {title}
      </Heading>
      <Text>
        <Tone dim>
          {" ".repeat(COLUMNS.marker)}
          {padEnd("No.", COLUMNS.no)}
          {padEnd(heads.self, COLUMNS.rating)}
          {padEnd(heads.suggested, COLUMNS.suggested)}
          {padEnd(heads.status, COLUMNS.status)}
          {" ".repeat(COLUMNS.flag)}
          {padEnd(heads.objective, COLUMNS.objective)}
          {padEnd(heads.name, name)}
        </Tone>
      </Text>
      {items.length === 0 ? <Text>{m.listEmpty}</Text> : null}
      {items.slice(start, end).map((item, offset) => {
        const isSelected = start + offset === selected
        const review = item.review
        const suggested = review?.evaluation.suggestedRating ?? null
        return (
          <Text key={item.no}>
            <Tone inverse={isSelected}>
              {isSelected ? "› " : "  "}
              {padEnd(`No.${item.no}`, COLUMNS.no)}
              {padEnd(review?.selfRating ? m.ratingLetter(review.selfRating) : "―", COLUMNS.rating)}
              {padEnd(suggested ? m.ratingLetter(suggested) : "―", COLUMNS.suggested)}
              {padEnd(reviewStatusText(review?.status ?? null, m), COLUMNS.status)}
            </Tone>
            <Tone color="yellow">
              {padEnd(
                (review === null && item.status === "active") || review?.evaluation.needsAttention ? "!" : "",
                COLUMNS.flag
              )}
            </Tone>
            <Tone inverse={isSelected}>
              {padEnd(objectiveMark(item.objectiveNo), COLUMNS.objective)}
              {padEnd(item.name, name)}
            </Tone>
          </Text>
        )
      })}
    </Box>
  )
}
