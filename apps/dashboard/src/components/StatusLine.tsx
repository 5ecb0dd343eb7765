import { Text } from "ink"
import type { SourceError } from "../data/DataSource.ts"
import { useMessages } from "../contexts/MessagesContext.tsx"
import { timeOfDay } from "../text/labels.ts"
import type { Messages } from "../text/messages.ts"
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
export const statusText = (
  { loading, error, loadedAt, refreshSeconds }: Omit<StatusLineProps, "width" | "hint">,
  m: Messages
): string => {
  const polling = refreshSeconds > 0 ? m.statusPolling(refreshSeconds) : ""
  // The stale mark first: on a narrow line the reason may be cut, the warning must not be.
  if (error !== null && loadedAt !== undefined) return m.statusStale(timeOfDay(loadedAt), error.message)
  if (error !== null) return m.statusError(error.message)
  if (loadedAt === undefined) return m.loading
  return m.statusUpdated(timeOfDay(loadedAt), polling, loading)
}

/** The last line: the refresh state, errors (unreachable API, refused token) and the stale mark. */
export const StatusLine = (props: StatusLineProps) => {
  const m = useMessages()
  const hint = props.hint ?? m.statusHint
  const text = statusText(props, m)
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
