import { Box, type Key, Text, useApp } from "ink"
import { useMemo, useRef, useState } from "react"
import { FilterInput, filterKey } from "./components/FilterInput.tsx"
import { Header } from "./components/Header.tsx"
import { HelpOverlay } from "./components/HelpOverlay.tsx"
import { detailScrollLimit, InitiativeDetail } from "./components/InitiativeDetail.tsx"
import { InitiativeList, matchesFilter } from "./components/InitiativeList.tsx"
import { Overview } from "./components/Overview.tsx"
import { StatusLine } from "./components/StatusLine.tsx"
import { YearPicker, yearKey } from "./components/YearPicker.tsx"
import type { DataSource } from "./data/DataSource.ts"
import { useDashboardData } from "./hooks/useDashboardData.ts"
import { useInitiativeDetail } from "./hooks/useInitiativeDetail.ts"
import { useMessages } from "./contexts/MessagesContext.tsx"
import { useKeys } from "./hooks/useKeys.ts"
import { useTerminalSize } from "./hooks/useTerminalSize.ts"

export interface AppProps {
  readonly source: DataSource
  readonly planId: string
  /** The year to show first; undefined: the latest year with reviews. */
  readonly fiscalYear?: number | undefined
  /** Seconds between refreshes; 0: only on `r`. */
  readonly refreshSeconds: number
}

type Screen =
  | { readonly name: "overview" | "list" }
  | { readonly name: "detail"; readonly no: number; readonly back: "overview" | "list" }

/** What has the keyboard: the screens, or the filter / year line / help over them. */
type Mode = "normal" | "filter" | "year" | "help"

/** Everything the keys change. */
interface UiState {
  readonly year: number | undefined
  readonly screen: Screen
  readonly mode: Mode
  readonly filter: string
  readonly attentionRow: number
  readonly listRow: number
  readonly scroll: number
  readonly pickedYear: number
}

const initialUi: UiState = {
  year: undefined,
  screen: { name: "overview" },
  mode: "normal",
  filter: "",
  attentionRow: 0,
  listRow: 0,
  scroll: 0,
  pickedYear: 0
}

/**
 * The UI state, with an update that applies at once: the next key's update starts from this one's
 * result even when React has not rendered it yet (React's own updater would too, but the handler
 * also needs the new state to decide, e.g. whether Enter ends the filter or opens a row).
 */
const useUiState = (initial: UiState) => {
  const current = useRef(initial)
  const [shown, setShown] = useState(initial)
  const update = (change: (state: UiState) => UiState) => {
    const next = change(current.current)
    if (next === current.current) return
    current.current = next
    setShown(next)
  }
  return [shown, update] as const
}

const isUp = (input: string, key: Key) => key.upArrow || input === "k"
const isDown = (input: string, key: Key) => key.downArrow || input === "j"
const isBack = (input: string, key: Key) =>
  key.escape || key.leftArrow || key.backspace || key.delete || input === "h"

/** The dashboard: overview, initiative list and detail over one data source, refreshed on a timer. */
export const App = ({ source, planId, fiscalYear, refreshSeconds }: AppProps) => {
  const { exit } = useApp()
  const m = useMessages()
  const { columns, rows } = useTerminalSize()
  const [ui, update] = useUiState({ ...initialUi, year: fiscalYear })
  const { year, screen, mode, filter, attentionRow, listRow, scroll, pickedYear } = ui
  const state = useDashboardData(source, planId, year, refreshSeconds * 1000)

  const data = state.data
  const agencyNames = useMemo(
    () => new Map((data?.summary.byAgency ?? []).map((row) => [row.agencyId as string, row.name])),
    [data]
  )
  const itemsFor = (text: string) =>
    (data?.initiatives ?? []).filter((item) => matchesFilter(item, text, agencyNames))
  const items = useMemo(() => itemsFor(filter), [data, filter, agencyNames])
  const attention = data?.summary.attention ?? []
  const openNo = screen.name === "detail" ? screen.no : undefined
  const detail = useInitiativeDetail(source, planId, openNo)
  const openItem =
    openNo === undefined ? undefined : data?.initiatives.find((item) => item.no === openNo)

  // One line for the header, one for the status; the filter or year line takes one more. The last
  // terminal row stays empty: a frame as tall as the terminal would scroll it on every redraw.
  const height = Math.max(3, rows - 1)
  const bodyHeight = Math.max(1, height - 2 - (mode === "filter" || mode === "year" ? 1 : 0))
  const detailInput =
    openItem && data
      ? { item: openItem, detail, plan: data.plan, agencyNames, width: columns, messages: m }
      : undefined

  // One handler for every key, whatever has the keyboard: a component that subscribed to keys
  // only once it is shown would miss a key typed right after it appeared. It reads and writes the
  // UI state through `update`, never through this render's values: keys typed faster than frames
  // are drawn (a paste, a busy machine) each see what the key before them did.
  useKeys((input, key) =>
    update((s) => {
      if (s.mode === "filter") {
        const result = filterKey(s.filter, input, key)
        if (result._tag === "Edit") return { ...s, filter: result.value, listRow: 0 }
        if (result._tag === "Submit") return { ...s, mode: "normal" }
        if (result._tag === "Cancel") return { ...s, filter: "", mode: "normal" }
        return s
      }
      if (s.mode === "year") {
        const result = yearKey(s.pickedYear, input, key)
        if (result._tag === "Step") return { ...s, pickedYear: result.year }
        if (result._tag === "Submit") return { ...s, year: s.pickedYear, mode: "normal" }
        if (result._tag === "Cancel") return { ...s, mode: "normal" }
        return s
      }
      if (input === "q") {
        exit()
        return s
      }
      if (s.mode === "help") return input === "?" || key.escape ? { ...s, mode: "normal" } : s
      if (input === "?") return { ...s, mode: "help" }
      if (input === "r") {
        state.refresh()
        return s
      }
      if (input === "y") {
        const shown = data?.summary.fiscalYear ?? s.year ?? new Date().getFullYear()
        return { ...s, pickedYear: shown, mode: "year" }
      }
      if (input === "/") return { ...s, screen: { name: "list" }, listRow: 0, mode: "filter" }
      if (key.tab)
        return {
          ...s,
          screen: s.screen.name === "overview" ? { name: "list" } : { name: "overview" }
        }
      const open = (no: number | undefined, back: "overview" | "list"): UiState =>
        no === undefined ? s : { ...s, scroll: 0, screen: { name: "detail", no, back } }
      if (s.screen.name === "overview") {
        const last = Math.max(0, attention.length - 1)
        if (isUp(input, key)) return { ...s, attentionRow: Math.max(0, s.attentionRow - 1) }
        if (isDown(input, key)) return { ...s, attentionRow: Math.min(last, s.attentionRow + 1) }
        if (key.return)
          return open(attention[Math.min(s.attentionRow, last)]?.initiativeNo, "overview")
        return s
      }
      if (s.screen.name === "list") {
        const shown = itemsFor(s.filter)
        const last = Math.max(0, shown.length - 1)
        const page = Math.max(1, bodyHeight - 3)
        if (isUp(input, key)) return { ...s, listRow: Math.max(0, s.listRow - 1) }
        if (isDown(input, key)) return { ...s, listRow: Math.min(last, s.listRow + 1) }
        if (key.pageUp) return { ...s, listRow: Math.max(0, s.listRow - page) }
        if (key.pageDown) return { ...s, listRow: Math.min(last, s.listRow + page) }
        if (key.return) return open(shown[Math.min(s.listRow, last)]?.no, "list")
        if (key.escape && s.filter !== "") return { ...s, filter: "" }
        if (isBack(input, key)) return { ...s, screen: { name: "overview" } }
        return s
      }
      const limit = detailInput ? detailScrollLimit(detailInput, bodyHeight) : 0
      if (isUp(input, key)) return { ...s, scroll: Math.max(0, Math.min(limit, s.scroll) - 1) }
      if (isDown(input, key)) return { ...s, scroll: Math.min(limit, s.scroll + 1) }
      if (key.pageUp) return { ...s, scroll: Math.max(0, s.scroll - (bodyHeight - 2)) }
      if (key.pageDown) return { ...s, scroll: Math.min(limit, s.scroll + (bodyHeight - 2)) }
      if (isBack(input, key) && s.screen.name === "detail")
        return { ...s, screen: { name: s.screen.back } }
      return s
    })
  )

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
