import { Box } from "ink"
import type { DashboardData } from "../data/DataSource.ts"
import { AgencyCompletion } from "./AgencyCompletion.tsx"
import { AttentionList } from "./AttentionList.tsx"
import { COVERAGE_PANEL_HEIGHT, CoveragePanel } from "./CoveragePanel.tsx"
import { LatePanel, latePanelHeight } from "./LatePanel.tsx"
import { ObjectiveBars, objectiveBarsHeight } from "./ObjectiveBars.tsx"
import { PolicyTrends, policyTrendsHeight } from "./PolicyTrends.tsx"
import { Targets, targetsHeight } from "./Targets.tsx"

/** From this width the overview puts the lists beside the ratings instead of under them. */
export const WIDE_COLUMNS = 140

/** The lines the lists keep, stacked under the ratings, before the years' sparklines may join them. */
const MIN_LIST_ROOM = 10

export interface OverviewProps {
  readonly data: DashboardData
  readonly width: number
  /** Lines available; undefined (the `--once` frame): as many as needed, every list and title in full. */
  readonly height?: number | undefined
  /** The selected row of the attention list. */
  readonly selected?: number | undefined
}

/** Splits the lines left for the two lists: the attention list first, each at least its heading and a row. */
const splitLists = (room: number | undefined): { attention: number | undefined; agencies: number | undefined } => {
  if (room === undefined) return { attention: undefined, agencies: undefined }
  const attention = Math.max(2, Math.ceil(room * 0.55))
  return { attention, agencies: Math.max(2, room - attention) }
}

/** The year at a glance: ratings per objective, targets, the share on track across years, the attention list, completion per agency. */
export const Overview = ({ data, width, height, selected }: OverviewProps) => {
  const { plan, summary, targets, trends } = data
  const ratings = (columnWidth: number, withTrends: boolean) => (
    <>
      <ObjectiveBars plan={plan} summary={summary} width={columnWidth} titleLines={height === undefined} />
      <Targets targets={targets} width={columnWidth} />
      {withTrends ? <PolicyTrends trends={trends} width={columnWidth} /> : null}
    </>
  )
  const lists = (columnWidth: number, room: number | undefined) => {
    // The late panel (an open cycle only) takes its lines first: at most a third of the room.
    const lateLines =
      data.late === null
        ? 0
        : Math.min(latePanelHeight(data.late), room === undefined ? Infinity : Math.floor(room / 3))
    // The coverage panel (a loaded national package only) when the lists keep room for themselves.
    const coverage = data.coverage ?? null
    const coverageLines =
      coverage !== null && (room === undefined || room - lateLines - COVERAGE_PANEL_HEIGHT >= 4)
        ? COVERAGE_PANEL_HEIGHT
        : 0
    const split = splitLists(room === undefined ? undefined : room - lateLines - coverageLines)
    return (
      <>
        {data.late === null ? null : (
          <LatePanel late={data.late} width={columnWidth} height={room === undefined ? undefined : lateLines} />
        )}
        {coverage !== null && coverageLines > 0 ? <CoveragePanel coverage={coverage} width={columnWidth} /> : null}
        <AttentionList attention={summary.attention} width={columnWidth} height={split.attention} selected={selected} />
        <AgencyCompletion summary={summary} width={columnWidth} height={split.agencies} />
      </>
    )
  }
  if (width >= WIDE_COLUMNS) {
    // The ratings side wide enough for the objectives' full titles, the lists get the rest.
    const left = Math.max(Math.floor(width / 2), Math.min(width - 60, 90))
    return (
      <Box flexDirection="row">
        <Box flexDirection="column" width={left}>
          {ratings(left, true)}
        </Box>
        <Box flexDirection="column" width={width - left}>
          {lists(width - left, height)}
        </Box>
      </Box>
    )
  }
  // Stacked, the years' sparklines come only when the lists keep room for themselves under them
  // (MIN_LIST_ROOM lines): in 80×24 the attention list and completion matter more.
  const fixedWithout = objectiveBarsHeight(summary) + targetsHeight(targets)
  const withTrends = height === undefined || height - fixedWithout - policyTrendsHeight(trends) >= MIN_LIST_ROOM
  const fixed = fixedWithout + (withTrends ? policyTrendsHeight(trends) : 0)
  return (
    <Box flexDirection="column">
      {ratings(width, withTrends)}
      {lists(width, height === undefined ? undefined : Math.max(4, height - fixed))}
    </Box>
  )
}
