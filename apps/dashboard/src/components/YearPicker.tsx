import { FiscalYear } from "@sukoyaka/core"
import { Text } from "ink"
import { useMessages } from "../contexts/MessagesContext.tsx"
import { displayWidth, truncate } from "../text/width.ts"
import { yearText } from "./Header.tsx"
import { Tone } from "./Tone.tsx"

export interface YearPickerProps {
  readonly year: number
  readonly width: number
}

/** `y`: the year being chosen (the keys reach it through keys/yearKey.ts). */
export const YearPicker = ({ year, width }: YearPickerProps) => {
  const m = useMessages()
  const label = yearText(FiscalYear.make(year), m)
  const hint = truncate(m.yearHint, Math.max(0, width - 1 - displayWidth(`${m.yearLabel} < ${label} >`)))
  return (
    <Text>
      <Tone bold color="cyan">
        {m.yearLabel}
      </Tone>{" "}
      {"< "}
      <Tone inverse>{label}</Tone>
      {" >"}
      <Tone dim>{hint}</Tone>
    </Text>
  )
}
