import { FiscalYear } from "@sukoyaka/core"
import { type Key, Text } from "ink"
import { useMessages } from "../contexts/MessagesContext.tsx"
import { displayWidth, truncate } from "../text/width.ts"
import { yearText } from "./Header.tsx"
import { Tone } from "./Tone.tsx"

const MIN = 2000
const MAX = 2100

export type YearKeyResult =
  | { readonly _tag: "Step"; readonly year: number }
  | { readonly _tag: "Submit" }
  | { readonly _tag: "Cancel" }
  | { readonly _tag: "Ignore" }

/** ← → (h l, ↓ ↑, j k) step through the fiscal years, Enter shows the chosen one, Esc or y keeps the current. */
export const yearKey = (year: number, input: string, key: Key): YearKeyResult => {
  if (key.return) return { _tag: "Submit" }
  if (key.escape || input === "y") return { _tag: "Cancel" }
  const step =
    key.leftArrow || key.downArrow || input === "h" || input === "j"
      ? -1
      : key.rightArrow || key.upArrow || input === "l" || input === "k"
        ? 1
        : 0
  return step === 0
    ? { _tag: "Ignore" }
    : { _tag: "Step", year: Math.min(MAX, Math.max(MIN, year + step)) }
}

export interface YearPickerProps {
  readonly year: number
  readonly width: number
}

/** `y`: the year being chosen (the keys reach it through yearKey). */
export const YearPicker = ({ year, width }: YearPickerProps) => {
  const m = useMessages()
  const label = yearText(FiscalYear.make(year), m)
  const hint = truncate(
    m.yearHint,
    Math.max(0, width - 1 - displayWidth(`${m.yearLabel} < ${label} >`))
  )
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
