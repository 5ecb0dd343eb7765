import { createContext } from "react"

export interface TerminalSize {
  readonly columns: number
  readonly rows: number
}

/**
 * A fixed size instead of the terminal's: the `--once` frame (a given width, no height limit) and
 * tests (80×24, 60 columns) render through this.
 */
export const TerminalSizeContext = createContext<TerminalSize | null>(null)

export const TerminalSizeProvider = TerminalSizeContext.Provider
