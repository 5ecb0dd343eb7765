import { Box, Text, useApp, useInput } from "ink"
import { useMemo, useRef, useState } from "react"
import { FilterInput } from "./components/FilterInput.tsx"
import { Header } from "./components/Header.tsx"
import { HelpOverlay } from "./components/HelpOverlay.tsx"
import { detailScrollLimit, InitiativeDetail } from "./components/InitiativeDetail.tsx"
import { InitiativeList, matchesFilter } from "./components/InitiativeList.tsx"
import { Overview } from "./components/Overview.tsx"
import { StatusLine } from "./components/StatusLine.tsx"
import { YearPicker } from "./components/YearPicker.tsx"
import type { DataSource } from "./data/DataSource.ts"
import { useCoverage } from "./hooks/useCoverage.ts"
import { useDashboardData } from "./hooks/useDashboardData.ts"
import { useInitiativeDetail } from "./hooks/useInitiativeDetail.ts"
import { useMessages } from "./contexts/MessagesContext.tsx"
import { useTerminalSize } from "./hooks/useTerminalSize.ts"
import { dashboardKey, initialUi, type UiState } from "./keys/dashboardKeys.ts"

export interface AppProps {
  readonly source: DataSource
  readonly planId: string
  /** The year to show first; undefined: the latest year with reviews. */
  readonly fiscalYear?: number | undefined
  /** Seconds between refreshes; 0: only on `r`. */
  readonly refreshSeconds: number
}

/**
 * The UI state, with a setter that applies at once: the next key starts from this one's result
 * even when React has not rendered it yet, and the key's command (quit, refresh) runs right away.
 */
const useUiState = (initial: UiState) => {
  const current = useRef(initial)
  const [shown, setShown] = useState(initial)
  const set = (next: UiState) => {
    if (next === current.current) return
    current.current = next
    setShown(next)
  }
  return [shown, () => current.current, set] as const
}

/** The dashboard: overview, initiative list and detail over one data source, refreshed on a timer. */
export const App = ({ source, planId, fiscalYear, refreshSeconds }: AppProps) => {
  const { exit } = useApp()
  const m = useMessages()
  const { columns, rows } = useTerminalSize()
  const [ui, currentUi, setUi] = useUiState({ ...initialUi, year: fiscalYear })
  const { year, screen, mode, filter, attentionRow, listRow, scroll, pickedYear } = ui
  const state = useDashboardData(source, planId, year, refreshSeconds * 1000)

  const data = useCoverage(source, planId, state.data)
  const agencyNames = useMemo(
    () => new Map((data?.summary.byAgency ?? []).map((row) => [row.agencyId as string, row.name])),
    [data]
  )
  const itemsFor = (text: string) => (data?.initiatives ?? []).filter((item) => matchesFilter(item, text, agencyNames))
  const items = useMemo(() => itemsFor(filter), [data, filter, agencyNames])
  const attention = data?.summary.attention ?? []
  const openNo = screen.name === "detail" ? screen.no : undefined
  const detail = useInitiativeDetail(source, planId, openNo)
  const openItem = openNo === undefined ? undefined : data?.initiatives.find((item) => item.no === openNo)

  // One line for the header, one for the status; the filter or year line takes one more. The last
  // terminal row stays empty: a frame as tall as the terminal would scroll it on every redraw.
  const height = Math.max(3, rows - 1)
  const bodyHeight = Math.max(1, height - 2 - (mode === "filter" || mode === "year" ? 1 : 0))
  const detailInput =
    openItem && data ? { item: openItem, detail, plan: data.plan, agencyNames, width: columns, messages: m } : undefined

  // One handler for every key, whatever has the keyboard: a component that subscribed to keys
  // only once it is shown would miss a key typed right after it appeared. Each key starts from the
  // UI state the key before it left, never from this render's: keys typed faster than frames are
  // drawn (a paste, a busy machine) each see what the key before them did. Ink calls the handler
  // of the latest committed render (useEffectEvent since Ink 7), so the context is current too.
  useInput((input, key) => {
    const { state: next, command } = dashboardKey(currentUi(), input, key, {
      loadedYear: data?.summary.fiscalYear,
      thisYear: new Date().getFullYear(),
      attention: attention.map((row) => row.initiativeNo),
      listed: (text) => itemsFor(text).map((item) => item.no),
      bodyHeight,
      detailScrollLimit: detailInput ? detailScrollLimit(detailInput, bodyHeight) : 0
    })
    setUi(next)
    if (command === "Quit") exit()
    if (command === "Refresh") state.refresh()
  })

  const body = (() => {
    if (mode === "help") return <HelpOverlay width={columns} refreshSeconds={refreshSeconds} />
    if (data === null) return <Text>{state.error ? m.cannotShow : m.loading}</Text>
    if (screen.name === "list") {
      return (
        <InitiativeList
          items={items}
          total={data.initiatives.length}
          filter={filter}
          width={columns}
          height={bodyHeight}
          selected={Math.min(listRow, Math.max(0, items.length - 1))}
        />
      )
    }
    if (screen.name === "detail" && detailInput)
      return <InitiativeDetail {...detailInput} height={bodyHeight} scroll={scroll} />
    if (screen.name === "detail") return <Text>{m.notInYear(screen.no)}</Text>
    return (
      <Overview
        data={data}
        width={columns}
        height={bodyHeight}
        selected={Math.min(attentionRow, Math.max(0, attention.length - 1))}
      />
    )
  })()

  return (
    <Box flexDirection="column" width={columns}>
      <Header
        planTitle={data?.plan.title}
        fiscalYear={data?.summary.fiscalYear}
        source={source.label}
        width={columns}
        stale={state.stale}
      />
      <Box flexDirection="column" height={bodyHeight} overflow="hidden">
        {body}
      </Box>
      {mode === "filter" ? <FilterInput value={filter} width={columns} /> : null}
      {mode === "year" ? <YearPicker year={pickedYear} width={columns} /> : null}
      <StatusLine
        loading={state.loading}
        error={state.error}
        loadedAt={data?.loadedAt}
        refreshSeconds={refreshSeconds}
        width={columns}
      />
    </Box>
  )
}
