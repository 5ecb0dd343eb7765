import type { FiscalYear } from "@sukoyaka/core"
import { Box, Text } from "ink"
import { useMessages } from "../contexts/MessagesContext.tsx"
import type { LateReviews } from "../data/DataSource.ts"
import { padEnd } from "../text/width.ts"
import { Heading } from "./Heading.tsx"
import { Tone } from "./Tone.tsx"

/** Lines the panel needs in full: its heading and a line per late agency (or the "none" line). */
export const latePanelHeight = (late: LateReviews): number => 1 + Math.max(1, late.agencies.length)

export interface LatePanelProps {
  readonly late: LateReviews
  readonly width: number
  /** Lines available, heading included; undefined: every agency. */
  readonly height?: number | undefined
}

/** The open cycle's late reviews per agency, most late first: the agencies to chase today. */
export const LatePanel = ({ late, width, height }: LatePanelProps) => {
  const m = useMessages()
  const room = height === undefined ? late.agencies.length : Math.max(0, height - 1)
  const shown = late.agencies.slice(0, room)
  const figures = 26
  const name = Math.max(6, width - 1 - 2 - figures)
  return (
    <Box flexDirection="column">
      <Heading width={width - 1} right={late.agencies.length > room ? `${room} / ${late.agencies.length}` : ""}>
        {m.lateTitle(m.fiscalYear(late.fiscalYear as FiscalYear), late.late, late.today)}
      </Heading>
      {late.agencies.length === 0 ? <Text>{m.lateEmpty}</Text> : null}
      {shown.map((agency) => (
        <Text key={agency.agencyId}>
          {"  "}
          {padEnd(agency.name, name)}
          <Tone color="red">{padEnd(m.lateRow(agency.late, agency.total, agency.dueDate), figures)}</Tone>
        </Text>
      ))}
    </Box>
  )
}
