import { describe, expect, it } from "vitest"
import { contextWith, expectIgnored, K, press, pressAll, typed, ui } from "../../test/keys.ts"
import type { Screen } from "./dashboardKeys.ts"

const detailFrom = (back: "overview" | "list"): Screen => ({ name: "detail", no: 66, back })

const SCREENS: ReadonlyArray<[string, Screen]> = [
  ["overview", { name: "overview" }],
  ["list", { name: "list" }],
  ["detail", detailFrom("list")]
]

describe("the keys that work on every screen", () => {
  it.each(SCREENS)("q quits from the %s and from the help, changing nothing", (_, screen) => {
    for (const state of [ui({ screen }), ui({ screen, mode: "help" })]) {
      const outcome = press(state, typed("q"))
      expect(outcome.command).toBe("Quit")
      expect(outcome.state).toBe(state)
    }
  })

  it.each(SCREENS)("r reads again from the %s, changing nothing", (_, screen) => {
    const state = ui({ screen, listRow: 2 })
    const outcome = press(state, typed("r"))
    expect(outcome.command).toBe("Refresh")
    expect(outcome.state).toBe(state)
  })

  it.each(SCREENS)("? opens the help over the %s; ? or Esc closes it", (_, screen) => {
    const help = press(ui({ screen }), typed("?")).state
    expect(help).toEqual(ui({ screen, mode: "help" }))
    expect(press(help, typed("?"))).toEqual({ state: ui({ screen }) })
    expect(press(help, K.escape)).toEqual({ state: ui({ screen }) })
  })

  it("the help takes every other key and does nothing with it", () => {
    const help = ui({ mode: "help" })
    for (const key of [typed("r"), typed("y"), typed("/"), typed("j"), K.tab, K.enter, K.down]) expectIgnored(help, key)
  })

  it("y opens the year line at the year shown, else the year asked for, else this year", () => {
    expect(press(ui({ year: 2023 }), typed("y")).state).toEqual(ui({ year: 2023, mode: "year", pickedYear: 2024 }))
    const nothingLoaded = contextWith({ loadedYear: undefined })
    expect(press(ui({ year: 2023 }), typed("y"), nothingLoaded).state.pickedYear).toBe(2023)
    expect(press(ui(), typed("y"), nothingLoaded).state.pickedYear).toBe(2026)
  })

  it.each(SCREENS)("/ goes from the %s to the list's first row, typing the filter", (_, screen) => {
    const outcome = press(ui({ screen, listRow: 4, filter: "支援" }), typed("/"))
    expect(outcome).toEqual({
      state: ui({ screen: { name: "list" }, listRow: 0, filter: "支援", mode: "filter" })
    })
  })

  it("Tab switches between the overview and the list, and from a detail to the overview", () => {
    expect(press(ui(), K.tab).state.screen).toEqual({ name: "list" })
    expect(press(ui({ screen: { name: "list" } }), K.tab).state.screen).toEqual({
      name: "overview"
    })
    expect(press(ui({ screen: detailFrom("list") }), K.tab).state.screen).toEqual({
      name: "overview"
    })
  })
})

describe("the overview's attention list", () => {
  it("j and ↓ move down, k and ↑ up, and no further than its ends", () => {
    expect(press(ui(), typed("j")).state.attentionRow).toBe(1)
    expect(press(ui(), K.down).state.attentionRow).toBe(1)
    expect(pressAll(ui(), [K.down, K.down, K.down, typed("j")]).state.attentionRow).toBe(2)
    expect(press(ui({ attentionRow: 2 }), typed("k")).state.attentionRow).toBe(1)
    expect(press(ui({ attentionRow: 2 }), K.up).state.attentionRow).toBe(1)
    expect(pressAll(ui({ attentionRow: 1 }), [K.up, typed("k")]).state.attentionRow).toBe(0)
    expect(press(ui(), K.down, contextWith({ attention: [] })).state.attentionRow).toBe(0)
  })

  it("Enter opens the selected initiative, to come back to the overview", () => {
    expect(press(ui({ attentionRow: 1, scroll: 5 }), K.enter).state).toEqual(
      ui({ attentionRow: 1, scroll: 0, screen: { name: "detail", no: 66, back: "overview" } })
    )
    // The list got shorter since the row was chosen: the last row is the one selected.
    expect(press(ui({ attentionRow: 9 }), K.enter).state.screen).toEqual({
      name: "detail",
      no: 71,
      back: "overview"
    })
    const empty = ui()
    expect(press(empty, K.enter, contextWith({ attention: [] })).state).toBe(empty)
  })

  it("ignores the keys it has no use for", () => {
    const state = ui({ attentionRow: 1 })
    for (const key of [typed("h"), typed("x"), K.escape, K.left, K.right, K.pageDown, K.backspace])
      expectIgnored(state, key)
  })
})

describe("the initiative list", () => {
  const list = (overrides = {}) => ui({ screen: { name: "list" }, ...overrides })

  it("j and ↓ move down, k and ↑ up, within the rows the filter leaves", () => {
    expect(pressAll(list(), [typed("j"), K.down]).state.listRow).toBe(2)
    expect(pressAll(list({ listRow: 2 }), [typed("k"), K.up, K.up]).state.listRow).toBe(0)
    expect(press(list({ listRow: 10 }), K.down).state.listRow).toBe(10)
    // "No.10" leaves only No.108.
    expect(press(list({ filter: "No.10" }), typed("j")).state.listRow).toBe(0)
  })

  it("PageDown and PageUp move a page (the body's height less three rows), no further than the ends", () => {
    expect(press(list(), K.pageDown).state.listRow).toBe(7)
    expect(pressAll(list(), [K.pageDown, K.pageDown]).state.listRow).toBe(10)
    expect(press(list({ listRow: 9 }), K.pageUp).state.listRow).toBe(2)
    expect(press(list({ listRow: 5 }), K.pageUp).state.listRow).toBe(0)
    // A body too low for a page still moves a row.
    expect(press(list(), K.pageDown, contextWith({ bodyHeight: 2 })).state.listRow).toBe(1)
  })

  it("Enter opens the selected initiative of the filtered rows, to come back to the list", () => {
    expect(press(list({ listRow: 2, scroll: 3 }), K.enter).state).toEqual(
      list({ listRow: 2, scroll: 0, screen: { name: "detail", no: 59, back: "list" } })
    )
    expect(press(list({ filter: "No.10", listRow: 4 }), K.enter).state.screen).toEqual({
      name: "detail",
      no: 108,
      back: "list"
    })
    const nothingMatches = list({ filter: "none" })
    expect(press(nothingMatches, K.enter).state).toBe(nothingMatches)
  })

  it("Esc drops a kept filter first, then goes back to the overview", () => {
    const filtered = list({ filter: "No.6", listRow: 1 })
    const unfiltered = press(filtered, K.escape).state
    expect(unfiltered).toEqual(list({ filter: "", listRow: 1 }))
    expect(press(unfiltered, K.escape).state).toEqual(ui({ listRow: 1 }))
  })

  it("←, Backspace, Delete and h go back to the overview, keeping a filter", () => {
    for (const key of [K.left, K.backspace, K.delete, typed("h")])
      expect(press(list({ filter: "No.6" }), key).state).toEqual(ui({ filter: "No.6" }))
  })

  it("ignores the keys it has no use for", () => {
    const state = list({ listRow: 3 })
    for (const key of [typed("l"), typed("x"), K.right]) expectIgnored(state, key)
  })
})

describe("an initiative's detail", () => {
  const detail = (overrides = {}) => ui({ screen: detailFrom("overview"), ...overrides })

  it("j and ↓ scroll down as far as it goes, k and ↑ back up to the top", () => {
    expect(pressAll(detail(), [typed("j"), K.down]).state.scroll).toBe(2)
    expect(press(detail({ scroll: 20 }), typed("j")).state.scroll).toBe(20)
    expect(pressAll(detail({ scroll: 2 }), [typed("k"), K.up, K.up]).state.scroll).toBe(0)
    // Scrolled past a limit that shrank (a narrower terminal): up starts from the limit.
    expect(press(detail({ scroll: 30 }), K.up).state.scroll).toBe(19)
  })

  it("does not scroll while the detail is not loaded", () => {
    const loading = contextWith({ detailScrollLimit: 0 })
    expect(press(detail(), typed("j"), loading).state.scroll).toBe(0)
    expect(press(detail(), K.pageDown, loading).state.scroll).toBe(0)
  })

  it("PageDown and PageUp scroll a page (the body's height less two rows)", () => {
    expect(press(detail(), K.pageDown).state.scroll).toBe(8)
    expect(pressAll(detail(), [K.pageDown, K.pageDown, K.pageDown]).state.scroll).toBe(20)
    expect(press(detail({ scroll: 10 }), K.pageUp).state.scroll).toBe(2)
    expect(press(detail({ scroll: 5 }), K.pageUp).state.scroll).toBe(0)
  })

  it("Esc, ←, Backspace, Delete and h go back where it was opened from", () => {
    for (const key of [K.escape, K.left, K.backspace, K.delete, typed("h")]) {
      expect(press(detail({ scroll: 4 }), key).state).toEqual(ui({ scroll: 4 }))
      expect(press(ui({ screen: detailFrom("list") }), key).state.screen).toEqual({ name: "list" })
    }
  })

  it("ignores the keys it has no use for", () => {
    const state = detail({ scroll: 3 })
    for (const key of [K.enter, K.right, typed("l"), typed("x")]) expectIgnored(state, key)
  })
})
