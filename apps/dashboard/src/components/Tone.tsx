import { Text } from "ink"
import type { ReactNode } from "react"
import { useTheme } from "../contexts/ThemeContext.tsx"

export interface ToneProps {
  readonly color?: string | undefined
  readonly bold?: boolean
  readonly dim?: boolean
  readonly inverse?: boolean
  readonly children: ReactNode
}

/** Text that is styled only when colour is on: with NO_COLOR it writes no escape sequence at all. */
export const Tone = ({ color, bold = false, dim = false, inverse = false, children }: ToneProps) => {
  const { color: enabled } = useTheme()
  if (!enabled) return <Text>{children}</Text>
  return (
    <Text {...(color ? { color } : {})} bold={bold} dimColor={dim} inverse={inverse}>
      {children}
    </Text>
  )
}
