import { useWindowSize } from "ink"
import { useContext } from "react"
import { type TerminalSize, TerminalSizeContext } from "../contexts/TerminalSizeContext.tsx"

/**
 * The terminal's columns and rows, updated on resize; a TerminalSizeProvider overrides it. Ink's
 * own hook reads the size: since Ink 8 the stdout it hands out is a plain writable stream, and
 * Ink falls back to 80×24 where the stream knows no size.
 */
export const useTerminalSize = (): TerminalSize => {
  const fixed = useContext(TerminalSizeContext)
  const size = useWindowSize()
  return fixed ?? size
}
