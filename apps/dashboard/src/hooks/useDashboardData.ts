import { useCallback, useEffect, useRef, useState } from "react"
import { asSourceError, type DashboardData, type DataSource, type SourceError } from "../data/DataSource.ts"

export interface DashboardState {
  /** The last data read successfully: kept when a later read fails. */
  readonly data: DashboardData | null
  /** Why the last read failed; null after a success. */
  readonly error: SourceError | null
  readonly loading: boolean
  /** The data on screen is older than the last attempt (which failed). */
  readonly stale: boolean
  readonly refresh: () => void
}

/**
 * Reads the year's data now, whenever the year changes, on `refresh()`, and every `refreshMs`.
 * A failed read keeps the last data and marks it stale; an answer that arrives after a newer
 * request was made is dropped, so a slow old year never overwrites the year just chosen. The timer
 * skips its turn while a read is still out: an API slower than the interval would otherwise have
 * every answer overtaken by the next request and dropped.
 */
export const useDashboardData = (
  source: DataSource,
  planId: string,
  fiscalYear: number | undefined,
  refreshMs: number
): DashboardState => {
  const [state, setState] = useState<Omit<DashboardState, "refresh" | "stale">>({
    data: null,
    error: null,
    loading: true
  })
  const latest = useRef(0)
  const pending = useRef(false)

  const load = useCallback(() => {
    const request = ++latest.current
    pending.current = true
    setState((current) => ({ ...current, loading: true }))
    source.load(planId, fiscalYear).then(
      (data) => {
        if (request !== latest.current) return
        pending.current = false
        setState({ data, error: null, loading: false })
      },
      (error: unknown) => {
        if (request !== latest.current) return
        pending.current = false
        setState((current) => ({
          data: current.data,
          error: asSourceError(error),
          loading: false
        }))
      }
    )
  }, [source, planId, fiscalYear])

  useEffect(load, [load])

  useEffect(() => {
    if (refreshMs <= 0) return
    const timer = setInterval(() => {
      if (!pending.current) load()
    }, refreshMs)
    return () => clearInterval(timer)
  }, [load, refreshMs])

  return { ...state, stale: state.error !== null && state.data !== null, refresh: load }
}
