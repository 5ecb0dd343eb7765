import { Text } from "ink"
import { displayWidth, padEnd, truncate } from "../text/width.ts"
import { Tone } from "./Tone.tsx"

export interface HeadingProps {
  readonly width: number
  /** Right-aligned beside the heading: a column title or a total. */
  readonly right?: string
  readonly children: string
}

/** A section's title line, the full width. */
export const Heading = ({ width, right = "", children }: HeadingProps) => {
  const rightText = truncate(right, Math.max(0, width - displayWidth(children) - 1))
  return (
    <Text>
      <Tone bold color="blue">
        {padEnd(children, width - displayWidth(rightText))}
      </Tone>
      {rightText}
    </Text>
  )
}
