import { Text } from "ink"
import { useMessages } from "../contexts/MessagesContext.tsx"
import { useTheme } from "../contexts/ThemeContext.tsx"
import { displayWidth, padEnd, truncate } from "../text/width.ts"
import { Tone } from "./Tone.tsx"

export interface FilterInputProps {
  readonly value: string
  readonly width: number
}

/** `/`: the filter as it is typed (the keys reach it through keys/filterKey.ts); the list narrows with every key. */
export const FilterInput = ({ value, width }: FilterInputProps) => {
  const { color } = useTheme()
  const m = useMessages()
  const prompt = m.filterPrompt
  const hint = m.filterHint
  const room = Math.max(1, width - 1 - displayWidth(prompt) - displayWidth(hint) - 1)
  const shown = displayWidth(value) > room ? truncate(value, room) : value
  return (
    <Text>
      <Tone bold color="cyan">
        {prompt}
      </Tone>
      {shown}
      <Tone inverse>{color ? " " : "_"}</Tone>
      <Tone dim>{padEnd(hint, Math.max(0, width - 1 - displayWidth(prompt) - displayWidth(shown) - 1))}</Tone>
    </Text>
  )
}
