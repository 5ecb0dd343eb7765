import type { Key } from "ink"
import { expect } from "vitest"
import { dashboardKey, initialUi, type KeyContext, type KeyOutcome, type UiState } from "../src/keys/dashboardKeys.ts"

/** Ink's Key with nothing pressed. */
const NOTHING: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false
}

/** A key as Ink reports it: the typed text (empty for a special key) and what was pressed. */
export interface Press {
  readonly input: string
  readonly key: Key
}

export const typed = (input: string): Press => ({ input, key: NOTHING })
const special = (pressed: Partial<Key>): Press => ({ input: "", key: { ...NOTHING, ...pressed } })

export const K = {
  up: special({ upArrow: true }),
  down: special({ downArrow: true }),
  left: special({ leftArrow: true }),
  right: special({ rightArrow: true }),
  pageUp: special({ pageUp: true }),
  pageDown: special({ pageDown: true }),
  enter: special({ return: true }),
  escape: special({ escape: true }),
  tab: special({ tab: true }),
  backspace: special({ backspace: true }),
  delete: special({ delete: true }),
  ctrlA: { input: "a", key: { ...NOTHING, ctrl: true } },
  metaX: { input: "x", key: { ...NOTHING, meta: true } }
} as const

/** The initiatives of a small year: the attention list and the list as a filter narrows it. */
export const ALL = [57, 58, 59, 60, 61, 62, 63, 64, 66, 71, 108]

export const contextWith = (overrides: Partial<KeyContext> = {}): KeyContext => ({
  loadedYear: 2024,
  thisYear: 2026,
  attention: [64, 66, 71],
  listed: (filter) => ALL.filter((no) => `No.${no}`.includes(filter)),
  bodyHeight: 10,
  detailScrollLimit: 20,
  ...overrides
})

export const ui = (overrides: Partial<UiState> = {}): UiState => ({ ...initialUi, ...overrides })

/** One key on a state. */
export const press = (state: UiState, { input, key }: Press, context: KeyContext = contextWith()): KeyOutcome =>
  dashboardKey(state, input, key, context)

/** Keys one after the other, each on what the one before left; the last outcome. */
export const pressAll = (state: UiState, keys: ReadonlyArray<Press>, context: KeyContext = contextWith()): KeyOutcome =>
  keys.reduce<KeyOutcome>((outcome, next) => press(outcome.state, next, context), { state })

/** The key changes nothing: the very same state (so nothing is drawn again) and no command. */
export const expectIgnored = (state: UiState, key: Press, context: KeyContext = contextWith()): void => {
  const outcome = press(state, key, context)
  expect(outcome.state).toBe(state)
  expect(outcome.command).toBeUndefined()
}
