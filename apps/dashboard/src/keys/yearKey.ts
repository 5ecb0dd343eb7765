import type { Key } from "ink"

const MIN = 2000
const MAX = 2100

export type YearKeyResult =
  | { readonly _tag: "Step"; readonly year: number }
  | { readonly _tag: "Submit" }
  | { readonly _tag: "Cancel" }
  | { readonly _tag: "Ignore" }

/** ← → (h l, ↓ ↑, j k) step through the fiscal years, Enter shows the chosen one, Esc or y keeps the current. */
export const yearKey = (year: number, input: string, key: Key): YearKeyResult => {
  if (key.return) return { _tag: "Submit" }
  if (key.escape || input === "y") return { _tag: "Cancel" }
  const step =
    key.leftArrow || key.downArrow || input === "h" || input === "j"
      ? -1
      : key.rightArrow || key.upArrow || input === "l" || input === "k"
        ? 1
        : 0
  return step === 0 ? { _tag: "Ignore" } : { _tag: "Step", year: Math.min(MAX, Math.max(MIN, year + step)) }
}
