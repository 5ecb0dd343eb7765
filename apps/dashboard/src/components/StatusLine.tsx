import { Text } from "ink"
import type { SourceError } from "../data/DataSource.ts"
import { timeOfDay } from "../text/labels.ts"
import { displayWidth, padEnd, truncate } from "../text/width.ts"
import { Tone } from "./Tone.tsx"

export interface StatusLineProps {
  readonly loading: boolean
  readonly error: SourceError | null
  /** When the data on screen was read; undefined: nothing read yet. */
  readonly loadedAt: Date | undefined
  readonly refreshSeconds: number
  readonly width: number
  /** Shown on the right: the keys that matter now. */
  readonly hint?: string
}

/** What the status line says: the last refresh, or why the data on screen is stale. */
export const statusText = ({
  loading,
  error,
  loadedAt,
  refreshSeconds
}: Omit<StatusLineProps, "width" | "hint">): string => {
  const polling = refreshSeconds > 0 ? `・${refreshSeconds}秒ごとに自動更新` : ""
  // The stale mark first: on a narrow line the reason may be cut, the warning must not be.
  if (error !== null && loadedAt !== undefined)
    return `！${timeOfDay(loadedAt)} 時点の古いデータ　${error.message}`
  if (error !== null) return `！${error.message}`
  if (loadedAt === undefined) return "読み込み中…"
  return `${timeOfDay(loadedAt)} 更新${polling}${loading ? "　更新中…" : ""}`
}

/** The last line: the refresh state, errors (unreachable API, refused token) and the stale mark. */
export const StatusLine = (props: StatusLineProps) => {
  const hint = props.hint ?? "? キー一覧"
  const text = statusText(props)
  const room = Math.max(0, props.width - 1 - displayWidth(hint) - 1)
  const color = props.error === null ? undefined : props.loadedAt === undefined ? "red" : "yellow"
  return (
    <Text>
      <Tone color={color} bold={props.error !== null}>
        {padEnd(truncate(text, room), room)}
      </Tone>{" "}
      <Tone dim>{truncate(hint, props.width - 1)}</Tone>
    </Text>
  )
}
