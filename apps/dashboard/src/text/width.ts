import stringWidth from "string-width"

/*
 * Terminal columns, not string length: a full-width character (Ａ, 順, ①'s neighbours) takes two
 * columns, so padding by `.length` would push every column after a Japanese name out of line.
 * string-width is what Ink itself measures with, so these agree with Ink's layout.
 */

const segmenter = new Intl.Segmenter("ja", { granularity: "grapheme" })

const graphemes = (text: string): Array<string> => Array.from(segmenter.segment(text), (part) => part.segment)

/** The number of terminal columns the text takes. */
export const displayWidth = (text: string): number => stringWidth(text)

/** Cuts the text to at most `width` columns, ending with … when something was cut. */
export const truncate = (text: string, width: number, ellipsis = "…"): string => {
  if (width <= 0) return ""
  if (displayWidth(text) <= width) return text
  const room = width - displayWidth(ellipsis)
  if (room < 0) return ""
  let used = 0
  let kept = ""
  for (const grapheme of graphemes(text)) {
    const w = displayWidth(grapheme)
    if (used + w > room) break
    kept += grapheme
    used += w
  }
  return kept + ellipsis
}

/** Exactly `width` columns: truncated when longer, spaces after it when shorter. */
export const padEnd = (text: string, width: number): string => {
  const cut = truncate(text, width)
  return cut + " ".repeat(Math.max(0, width - displayWidth(cut)))
}

/** Exactly `width` columns, right-aligned (numbers). */
export const padStart = (text: string, width: number): string => {
  const cut = truncate(text, width)
  return " ".repeat(Math.max(0, width - displayWidth(cut))) + cut
}

/** Breaks the text into lines of at most `width` columns; line breaks in the text are kept. */
export const wrap = (text: string, width: number): Array<string> => {
  if (width <= 0) return []
  const lines: Array<string> = []
  for (const paragraph of text.split(/\r?\n/)) {
    let line = ""
    let used = 0
    for (const grapheme of graphemes(paragraph)) {
      const w = displayWidth(grapheme)
      if (used + w > width) {
        lines.push(line)
        line = ""
        used = 0
        // A wrapped line does not start with the space that caused the break.
        if (grapheme === " ") continue
      }
      line += grapheme
      used += w
    }
    lines.push(line)
  }
  return lines
}
