// The dashboard's keys as a pure function (no React, no terminal), so that every key is tested
// without drawing a frame: the component gathers what a key acts on, keeps the new state and runs
// the command.
import type { Key } from "ink"
import { filterKey } from "./filterKey.ts"
import { yearKey } from "./yearKey.ts"

export type Screen =
  | { readonly name: "overview" | "list" }
  | { readonly name: "detail"; readonly no: number; readonly back: "overview" | "list" }

/** What has the keyboard: the screens, or the filter / year line / help over them. */
export type Mode = "normal" | "filter" | "year" | "help"

/** Everything the keys change. */
export interface UiState {
  /** The year asked for; undefined: the latest year with reviews. */
  readonly year: number | undefined
  readonly screen: Screen
  readonly mode: Mode
  readonly filter: string
  readonly attentionRow: number
  readonly listRow: number
  readonly scroll: number
  /** The year on the year line while it is being chosen. */
  readonly pickedYear: number
}

export const initialUi: UiState = {
  year: undefined,
  screen: { name: "overview" },
  mode: "normal",
  filter: "",
  attentionRow: 0,
  listRow: 0,
  scroll: 0,
  pickedYear: 0
}

/** What a key acts on besides the UI state: the data shown and the frame's layout. */
export interface KeyContext {
  /** The fiscal year of the data shown; undefined before the first load. */
  readonly loadedYear: number | undefined
  /** The calendar year now: where the year line starts when no year is loaded or asked for. */
  readonly thisYear: number
  /** The attention list's initiative numbers, top to bottom. */
  readonly attention: ReadonlyArray<number>
  /** The initiative numbers the list shows under a filter, top to bottom. */
  readonly listed: (filter: string) => ReadonlyArray<number>
  /** The rows between the header and the status line. */
  readonly bodyHeight: number
  /** How far the open detail can scroll; 0 while it is not loaded. */
  readonly detailScrollLimit: number
}

/** What the key asks of the world outside the UI state. */
export type KeyCommand = "Quit" | "Refresh"

export interface KeyOutcome {
  /** The same object when the key changes nothing. */
  readonly state: UiState
  readonly command?: KeyCommand
}

const isUp = (input: string, key: Key) => key.upArrow || input === "k"
const isDown = (input: string, key: Key) => key.downArrow || input === "j"
const isBack = (input: string, key: Key) => key.escape || key.leftArrow || key.backspace || key.delete || input === "h"

const lastIndex = (list: ReadonlyArray<unknown>) => Math.max(0, list.length - 1)

const open = (s: UiState, no: number | undefined, back: "overview" | "list"): UiState =>
  no === undefined ? s : { ...s, scroll: 0, screen: { name: "detail", no, back } }

const filterMode = (s: UiState, input: string, key: Key): UiState => {
  const result = filterKey(s.filter, input, key)
  if (result._tag === "Edit") return { ...s, filter: result.value, listRow: 0 }
  if (result._tag === "Submit") return { ...s, mode: "normal" }
  if (result._tag === "Cancel") return { ...s, filter: "", mode: "normal" }
  return s
}

const yearMode = (s: UiState, input: string, key: Key): UiState => {
  const result = yearKey(s.pickedYear, input, key)
  if (result._tag === "Step") return { ...s, pickedYear: result.year }
  if (result._tag === "Submit") return { ...s, year: s.pickedYear, mode: "normal" }
  if (result._tag === "Cancel") return { ...s, mode: "normal" }
  return s
}

const overviewKey = (s: UiState, input: string, key: Key, context: KeyContext): UiState => {
  const last = lastIndex(context.attention)
  if (isUp(input, key)) return { ...s, attentionRow: Math.max(0, s.attentionRow - 1) }
  if (isDown(input, key)) return { ...s, attentionRow: Math.min(last, s.attentionRow + 1) }
  if (key.return) return open(s, context.attention[Math.min(s.attentionRow, last)], "overview")
  return s
}

const listKey = (s: UiState, input: string, key: Key, context: KeyContext): UiState => {
  const shown = context.listed(s.filter)
  const last = lastIndex(shown)
  const page = Math.max(1, context.bodyHeight - 3)
  if (isUp(input, key)) return { ...s, listRow: Math.max(0, s.listRow - 1) }
  if (isDown(input, key)) return { ...s, listRow: Math.min(last, s.listRow + 1) }
  if (key.pageUp) return { ...s, listRow: Math.max(0, s.listRow - page) }
  if (key.pageDown) return { ...s, listRow: Math.min(last, s.listRow + page) }
  if (key.return) return open(s, shown[Math.min(s.listRow, last)], "list")
  // Esc first drops a kept filter; only on an unfiltered list does it go back.
  if (key.escape && s.filter !== "") return { ...s, filter: "" }
  if (isBack(input, key)) return { ...s, screen: { name: "overview" } }
  return s
}

const detailKey = (
  s: UiState,
  screen: Extract<Screen, { name: "detail" }>,
  input: string,
  key: Key,
  context: KeyContext
): UiState => {
  const limit = context.detailScrollLimit
  const page = context.bodyHeight - 2
  if (isUp(input, key)) return { ...s, scroll: Math.max(0, Math.min(limit, s.scroll) - 1) }
  if (isDown(input, key)) return { ...s, scroll: Math.min(limit, s.scroll + 1) }
  if (key.pageUp) return { ...s, scroll: Math.max(0, s.scroll - page) }
  if (key.pageDown) return { ...s, scroll: Math.min(limit, s.scroll + page) }
  if (isBack(input, key)) return { ...s, screen: { name: screen.back } }
  return s
}

const normalKey = (s: UiState, input: string, key: Key, context: KeyContext): UiState => {
  if (input === "?") return { ...s, mode: "help" }
  if (input === "y") {
    const shown = context.loadedYear ?? s.year ?? context.thisYear
    return { ...s, pickedYear: shown, mode: "year" }
  }
  if (input === "/") return { ...s, screen: { name: "list" }, listRow: 0, mode: "filter" }
  if (key.tab) return { ...s, screen: s.screen.name === "overview" ? { name: "list" } : { name: "overview" } }
  const { screen } = s
  if (screen.name === "detail") return detailKey(s, screen, input, key, context)
  return screen.name === "overview" ? overviewKey(s, input, key, context) : listKey(s, input, key, context)
}

/**
 * What one key does to the UI state, and what it asks of the world. The filter line and the year
 * line take every key while they are open: there `q` and `r` are letters, not commands. Otherwise
 * `q` quits; the help takes every other key but `?` and Esc, which close it; `r`, `?`, `y`, `/`
 * and Tab work on every screen, and the other keys act on the screen shown.
 */
export const dashboardKey = (s: UiState, input: string, key: Key, context: KeyContext): KeyOutcome => {
  if (s.mode === "filter") return { state: filterMode(s, input, key) }
  if (s.mode === "year") return { state: yearMode(s, input, key) }
  if (input === "q") return { state: s, command: "Quit" }
  if (s.mode === "help") return { state: input === "?" || key.escape ? { ...s, mode: "normal" } : s }
  if (input === "r") return { state: s, command: "Refresh" }
  return { state: normalKey(s, input, key, context) }
}
