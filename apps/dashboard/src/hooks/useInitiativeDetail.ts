import { useEffect, useState } from "react"
import type { DataSource, InitiativeDetailView } from "../data/DataSource.ts"

/**
 * The opened initiative with its reviews of every year. The detail screen draws from the list
 * at once and adds the history when this arrives; a failure only leaves the history out.
 */
export const useInitiativeDetail = (
  source: DataSource,
  planId: string,
  no: number | undefined
): InitiativeDetailView | null => {
  const [detail, setDetail] = useState<InitiativeDetailView | null>(null)
  useEffect(() => {
    setDetail(null)
    if (no === undefined) return
    let current = true
    source.initiative(planId, no).then(
      (found) => {
        if (current) setDetail(found)
      },
      () => {}
    )
    return () => {
      current = false
    }
  }, [source, planId, no])
  return detail
}
