import type { FiscalYear } from "@sukoyaka/core"
import { Text } from "ink"
import { useMessages } from "../contexts/MessagesContext.tsx"
import type { Messages } from "../text/messages.ts"
import { displayWidth, padEnd, truncate } from "../text/width.ts"
import { Tone } from "./Tone.tsx"

export interface HeaderProps {
  readonly planTitle: string | undefined
  readonly fiscalYear: FiscalYear | undefined
  /** Where the data comes from: the API's address or the database. */
  readonly source: string
  readonly width: number
  /** The last read failed: what is shown is older than it looks. */
  readonly stale?: boolean
}

export const yearText = (year: FiscalYear, m: Messages): string => m.yearText(year)

/** すこやか, the plan, the year shown and the source, on one line. */
export const Header = ({ planTitle, fiscalYear, source, width, stale = false }: HeaderProps) => {
  const m = useMessages()
  const year = fiscalYear === undefined ? "" : yearText(fiscalYear, m)
  const left = `${m.appName} ${year}${stale ? m.staleMark : ""}`
  const right = truncate(source, Math.max(0, Math.floor((width - 1) / 3)))
  const middle = Math.max(0, width - 1 - displayWidth(left) - displayWidth(right) - 2)
  return (
    <Text>
      <Tone bold color={stale ? "yellow" : "magenta"}>
        {left}
      </Tone>{" "}
      {padEnd(planTitle ?? "", middle)} <Tone dim>{right}</Tone>
    </Text>
  )
}
