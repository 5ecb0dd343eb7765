import { describe, expect, it } from "vitest"
import { expectIgnored, K, press, pressAll, typed, ui } from "../../test/keys.ts"

/** The filter line and the year line: while open they take every key. */
describe("the filter line (/)", () => {
  const typing = (overrides = {}) => ui({ screen: { name: "list" }, mode: "filter", ...overrides })

  it("appends what is typed, a paste or an IME's text at once, and starts the list at its top", () => {
    expect(press(typing({ listRow: 3 }), typed("ひとり")).state).toEqual(typing({ filter: "ひとり", listRow: 0 }))
    expect(pressAll(typing(), [typed("ひとり"), typed("親")]).state.filter).toBe("ひとり親")
  })

  it("types the keys that mean something elsewhere: q r ? y / h j k", () => {
    const keys = ["q", "r", "?", "y", "/", "h", "j", "k"].map(typed)
    const outcome = pressAll(typing(), keys)
    expect(outcome).toEqual({ state: typing({ filter: "qr?y/hjk" }) })
  })

  it("drops control characters from what is typed, and ignores a key that is only one", () => {
    expect(press(typing({ filter: "No" }), typed(".1\u0007\u00010")).state.filter).toBe("No.10")
    expectIgnored(typing({ filter: "No" }), typed("\u0007"))
  })

  it("Backspace and Delete remove the last character, a whole grapheme", () => {
    expect(press(typing({ filter: "ひとり親", listRow: 2 }), K.backspace).state).toEqual(
      typing({ filter: "ひとり", listRow: 0 })
    )
    // か + the combining voiced mark is one character on screen.
    expect(press(typing({ filter: "がか\u3099" }), K.delete).state.filter).toBe("が")
    expect(press(typing(), K.backspace).state.filter).toBe("")
  })

  it("Enter closes the line and keeps the filter", () => {
    expect(press(typing({ filter: "支援", listRow: 2 }), K.enter)).toEqual({
      state: ui({ screen: { name: "list" }, filter: "支援", listRow: 2 })
    })
  })

  it("Esc closes the line and clears the filter", () => {
    expect(press(typing({ filter: "支援" }), K.escape)).toEqual({
      state: ui({ screen: { name: "list" }, filter: "" })
    })
  })

  it("ignores the arrows, Tab, and Ctrl or Alt with a key", () => {
    for (const key of [K.up, K.down, K.left, K.right, K.tab, K.ctrlA, K.metaX])
      expectIgnored(typing({ filter: "支援", listRow: 1 }), key)
  })
})

describe("the year line (y)", () => {
  const choosing = (pickedYear = 2024, overrides = {}) => ui({ year: 2024, mode: "year", pickedYear, ...overrides })

  it("← h ↓ j go a year back, → l ↑ k a year on", () => {
    for (const key of [K.left, typed("h"), K.down, typed("j")])
      expect(press(choosing(), key)).toEqual({ state: choosing(2023) })
    for (const key of [K.right, typed("l"), K.up, typed("k")])
      expect(press(choosing(), key)).toEqual({ state: choosing(2025) })
  })

  it("stays within 2000 and 2100", () => {
    expect(press(choosing(2000), K.left).state.pickedYear).toBe(2000)
    expect(press(choosing(2100), K.right).state.pickedYear).toBe(2100)
  })

  it("Enter shows the year chosen", () => {
    expect(press(choosing(2026), K.enter)).toEqual({ state: ui({ year: 2026, pickedYear: 2026 }) })
  })

  it("Esc or y again keeps the year shown", () => {
    for (const key of [K.escape, typed("y")])
      expect(press(choosing(2026), key)).toEqual({ state: ui({ year: 2024, pickedYear: 2026 }) })
  })

  it("ignores every other key, q and r included", () => {
    for (const key of [typed("q"), typed("r"), typed("?"), typed("/"), K.tab, K.pageDown])
      expectIgnored(choosing(), key)
  })
})
