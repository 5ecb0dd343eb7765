import { type Key, Text } from "ink"
import { useMessages } from "../contexts/MessagesContext.tsx"
import { useTheme } from "../contexts/ThemeContext.tsx"
import { displayWidth, padEnd, truncate } from "../text/width.ts"
import { Tone } from "./Tone.tsx"

export type FilterKeyResult =
  | { readonly _tag: "Edit"; readonly value: string }
  | { readonly _tag: "Submit" }
  | { readonly _tag: "Cancel" }
  | { readonly _tag: "Ignore" }

const segmenter = new Intl.Segmenter("ja", { granularity: "grapheme" })

const withoutLast = (value: string): string =>
  Array.from(segmenter.segment(value), (part) => part.segment)
    .slice(0, -1)
    .join("")

/**
 * What a key does to the filter being typed: Enter keeps it, Esc clears it, Backspace removes the
 * last character (a whole grapheme), anything printable is appended. Pasted or IME-composed text
 * arrives as one string.
 */
export const filterKey = (value: string, input: string, key: Key): FilterKeyResult => {
  if (key.return) return { _tag: "Submit" }
  if (key.escape) return { _tag: "Cancel" }
  if (key.backspace || key.delete) return { _tag: "Edit", value: withoutLast(value) }
  if (
    key.ctrl ||
    key.meta ||
    key.tab ||
    key.upArrow ||
    key.downArrow ||
    key.leftArrow ||
    key.rightArrow
  )
    return { _tag: "Ignore" }
  const typed = input.replace(/\p{Cc}/gu, "")
  return typed === "" ? { _tag: "Ignore" } : { _tag: "Edit", value: value + typed }
}

export interface FilterInputProps {
  readonly value: string
  readonly width: number
}

/** `/`: the filter as it is typed (the keys reach it through filterKey); the list narrows with every key. */
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
      <Tone dim>
        {padEnd(hint, Math.max(0, width - 1 - displayWidth(prompt) - displayWidth(shown) - 1))}
      </Tone>
    </Text>
  )
}
