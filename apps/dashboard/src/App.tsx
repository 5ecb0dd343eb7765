import { Box, type Key, Text, useApp } from "ink"
import { useMemo, useState } from "react"
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

const isUp = (input: string, key: Key) => key.upArrow || input === "k"
const isDown = (input: string, key: Key) => key.downArrow || input === "j"
const isBack = (input: string, key: Key) =>
  key.escape || key.leftArrow || key.backspace || key.delete || input === "h"

/** The dashboard: overview, initiative list and detail over one data source, refreshed on a timer. */
export const App = ({ source, planId, fiscalYear, refreshSeconds }: AppProps) => {
  const { exit } = useApp()
  const m = useMessages()
  const { columns, rows } = useTerminalSize()
  const [year, setYear] = useState(fiscalYear)
  const state = useDashboardData(source, planId, year, refreshSeconds * 1000)
  const [screen, setScreen] = useState<Screen>({ name: "overview" })
  const [mode, setMode] = useState<Mode>("normal")
  const [filter, setFilter] = useState("")
  const [attentionRow, setAttentionRow] = useState(0)
  const [listRow, setListRow] = useState(0)
  const [scroll, setScroll] = useState(0)
  const [pickedYear, setPickedYear] = useState(0)

  const data = state.data
  const agencyNames = useMemo(
    () => new Map((data?.summary.byAgency ?? []).map((row) => [row.agencyId as string, row.name])),
    [data]
  )
  const items = useMemo(
    () => (data?.initiatives ?? []).filter((item) => matchesFilter(item, filter, agencyNames)),
    [data, filter, agencyNames]
  )
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

  const open = (no: number | undefined, back: "overview" | "list") => {
    if (no === undefined) return
    setScroll(0)
    setScreen({ name: "detail", no, back })
  }

  // One handler for every key, whatever has the keyboard: a component that subscribed to keys
  // only once it is shown would miss a key typed right after it appeared.
  useKeys((input, key) => {
    if (mode === "filter") {
      const result = filterKey(filter, input, key)
      if (result._tag === "Edit") {
        setFilter(result.value)
        setListRow(0)
      } else if (result._tag === "Submit") setMode("normal")
      else if (result._tag === "Cancel") {
        setFilter("")
        setMode("normal")
      }
      return
    }
    if (mode === "year") {
      const result = yearKey(pickedYear, input, key)
      if (result._tag === "Step") setPickedYear(result.year)
      else if (result._tag === "Submit") {
        setYear(pickedYear)
        setMode("normal")
      } else if (result._tag === "Cancel") setMode("normal")
      return
    }
    if (input === "q") return exit()
    if (mode === "help") {
      if (input === "?" || key.escape) setMode("normal")
      return
    }
    if (input === "?") return setMode("help")
    if (input === "r") return state.refresh()
    if (input === "y") {
      setPickedYear(data?.summary.fiscalYear ?? year ?? new Date().getFullYear())
      return setMode("year")
    }
    if (input === "/") {
      setScreen({ name: "list" })
      setListRow(0)
      return setMode("filter")
    }
    if (key.tab)
      return setScreen(screen.name === "overview" ? { name: "list" } : { name: "overview" })
    if (screen.name === "overview") {
      if (isUp(input, key)) setAttentionRow((row) => Math.max(0, row - 1))
      else if (isDown(input, key))
        setAttentionRow((row) => Math.min(Math.max(0, attention.length - 1), row + 1))
      else if (key.return) open(attention[attentionRow]?.initiativeNo, "overview")
      return
    }
    if (screen.name === "list") {
      const page = Math.max(1, bodyHeight - 3)
      if (isUp(input, key)) setListRow((row) => Math.max(0, row - 1))
      else if (isDown(input, key))
        setListRow((row) => Math.min(Math.max(0, items.length - 1), row + 1))
      else if (key.pageUp) setListRow((row) => Math.max(0, row - page))
      else if (key.pageDown)
        setListRow((row) => Math.min(Math.max(0, items.length - 1), row + page))
      else if (key.return) open(items[listRow]?.no, "list")
      else if (key.escape && filter !== "") setFilter("")
      else if (isBack(input, key)) setScreen({ name: "overview" })
      return
    }
    const limit = detailInput ? detailScrollLimit(detailInput, bodyHeight) : 0
    if (isUp(input, key)) setScroll((line) => Math.max(0, Math.min(limit, line) - 1))
    else if (isDown(input, key)) setScroll((line) => Math.min(limit, line + 1))
    else if (key.pageUp) setScroll((line) => Math.max(0, line - (bodyHeight - 2)))
    else if (key.pageDown) setScroll((line) => Math.min(limit, line + (bodyHeight - 2)))
    else if (isBack(input, key) && screen.name === "detail") setScreen({ name: screen.back })
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
