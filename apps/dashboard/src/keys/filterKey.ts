import type { Key } from "ink"

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
  if (key.ctrl || key.meta || key.tab || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow)
    return { _tag: "Ignore" }
  const typed = input.replace(/\p{Cc}/gu, "")
  return typed === "" ? { _tag: "Ignore" } : { _tag: "Edit", value: value + typed }
}
