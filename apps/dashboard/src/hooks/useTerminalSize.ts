import { useStdout } from "ink"
import { useContext, useEffect, useState } from "react"
import { type TerminalSize, TerminalSizeContext } from "../contexts/TerminalSizeContext.tsx"

const FALLBACK: TerminalSize = { columns: 80, rows: 24 }

/** The terminal's columns and rows, updated on resize; a TerminalSizeProvider overrides it. */
export const useTerminalSize = (): TerminalSize => {
  const fixed = useContext(TerminalSizeContext)
  const { stdout } = useStdout()
  const read = (): TerminalSize => ({
    columns: stdout.columns || FALLBACK.columns,
    rows: stdout.rows || FALLBACK.rows
  })
  const [size, setSize] = useState(read)
  useEffect(() => {
    if (fixed) return
    const onResize = () =>
      setSize({ columns: stdout.columns || FALLBACK.columns, rows: stdout.rows || FALLBACK.rows })
    stdout.on("resize", onResize)
    return () => {
      stdout.off("resize", onResize)
    }
  }, [stdout, fixed])
  return fixed ?? size
}
