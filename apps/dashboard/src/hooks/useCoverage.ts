import { useEffect, useMemo, useState } from "react"
import { COVERAGE_PENDING, type CoverageGlance, type DashboardData, type DataSource } from "../data/DataSource.ts"

/**
 * The data with its coverage filled in once read: the overview is drawn without it first (the
 * panel says it is loading) rather than wait for the report to be computed (issue #23).
 * A refresh keeps the year's last coverage on screen until the new one comes; an answer for data
 * no longer shown is dropped, and a failed read hides the panel (the overview's own reads
 * report errors in the status line).
 */
export const useCoverage = (source: DataSource, planId: string, data: DashboardData | null): DashboardData | null => {
  const [read, setRead] = useState<{ readonly fiscalYear: number; readonly glance: CoverageGlance | null } | null>(null)

  useEffect(() => {
    if (data?.coverage !== COVERAGE_PENDING) return
    let current = true
    const fiscalYear = data.summary.fiscalYear
    source.coverage(planId, fiscalYear).then(
      (glance) => current && setRead({ fiscalYear, glance }),
      () => current && setRead({ fiscalYear, glance: null })
    )
    return () => {
      current = false
    }
  }, [source, planId, data])

  // This year's last answer (this read's, or the one before a refresh): the same year, the same
  // panel. One object per answer: the App's memos keyed on the data stay valid between renders.
  return useMemo(
    () =>
      data?.coverage === COVERAGE_PENDING && read?.fiscalYear === data.summary.fiscalYear
        ? { ...data, coverage: read.glance }
        : data,
    [data, read]
  )
}
