import { type Key, useInput } from "ink"
import { useLayoutEffect, useRef } from "react"

/**
 * useInput with the latest handler. Ink subscribes the handler in a passive effect, which runs some
 * time after the frame is drawn: a key typed in between would reach the previous render's handler
 * and act on stale state (a selection on an empty list, a filter without the last character). The
 * handler here is read from a ref that is updated when the render commits.
 */
export const useKeys = (
  handler: (input: string, key: Key) => void,
  options: { readonly isActive?: boolean } = {}
) => {
  const latest = useRef(handler)
  useLayoutEffect(() => {
    latest.current = handler
  })
  useInput((input, key) => latest.current(input, key), options)
}
