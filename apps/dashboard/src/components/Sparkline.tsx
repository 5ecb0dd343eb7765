import { Tone } from "./Tone.tsx"

const LEVELS = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] as const

/**
 * Values as a row of block characters, lowest ▁ to highest █, one per value (the last `width`).
 * A flat series sits in the middle; no values at all is a dash, so the column keeps its width.
 */
export const sparkline = (values: ReadonlyArray<number>, width: number): string => {
  const shown = values.slice(-width)
  if (shown.length === 0) return "―".padEnd(width, " ")
  const min = Math.min(...shown)
  const max = Math.max(...shown)
  const line = shown
    .map((value) =>
      max === min ? LEVELS[3] : LEVELS[Math.round(((value - min) / (max - min)) * (LEVELS.length - 1))]!
    )
    .join("")
  return line.padEnd(width, " ")
}

export interface SparklineProps {
  readonly values: ReadonlyArray<number>
  readonly width: number
  readonly color?: string | undefined
}

export const Sparkline = ({ values, width, color }: SparklineProps) => (
  <Tone color={color}>{sparkline(values, width)}</Tone>
)
