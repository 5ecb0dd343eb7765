import { appRuntime } from "@sukoyaka/app"
import { planId } from "@sukoyaka/data-tomakomai"
import type { DatabaseConfig } from "@sukoyaka/storage"
import type { Effect, ManagedRuntime } from "effect"
import { render } from "ink-testing-library"
import { copyFileSync, mkdtempSync } from "node:fs"
import { dirname, join } from "node:path"
import type { ReactElement } from "react"
import { inject, vi } from "vitest"
import { MessagesProvider } from "../src/contexts/MessagesContext.tsx"
import { ThemeProvider } from "../src/contexts/ThemeContext.tsx"
import { type TerminalSize, TerminalSizeProvider } from "../src/contexts/TerminalSizeContext.tsx"
import type { DashboardData } from "../src/data/DataSource.ts"
import { localSource } from "../src/data/localSource.ts"
import { type Lang, messagesFor } from "../src/text/messages.ts"
import { displayWidth } from "../src/text/width.ts"

export const PLAN = planId as string
export const SEED_YEAR = 2024

/** The database globalSetup seeded: open it read-only in spirit (tests that write use a copy). */
export const seededDatabase = (): DatabaseConfig => ({
  _tag: "Sqlite",
  filename: inject("seededDatabase")
})

/** A private copy of the seeded database, for a test that changes data. */
export const seededCopy = (): DatabaseConfig & { readonly _tag: "Sqlite" } => {
  const source = inject("seededDatabase")
  const filename = join(mkdtempSync(join(dirname(source), "copy-")), "copy.db")
  copyFileSync(source, filename)
  return { _tag: "Sqlite", filename }
}

/** The FY2024 data as the dashboard reads it: the real local source over the seeded database. */
export const loadSeedData = async (fiscalYear = SEED_YEAR): Promise<DashboardData> => {
  const source = localSource(seededDatabase())
  try {
    return await source.load(PLAN, fiscalYear)
  } finally {
    await source.close()
  }
}

/** Runs a storage program on a database (what another user or the secretariat would change). */
export const runOn = async <A, E>(
  config: DatabaseConfig,
  program: Effect.Effect<A, E, ManagedRuntime.ManagedRuntime.Services<ReturnType<typeof appRuntime>>>
): Promise<A> => {
  const runtime = appRuntime(config)
  try {
    return await runtime.runPromise(program)
  } finally {
    await runtime.dispose()
  }
}

export const ROWS_24: TerminalSize = { columns: 80, rows: 24 }

/**
 * ink-testing-library's render at a fixed terminal size; colour off unless asked (NO_COLOR), in
 * Japanese unless asked (`--lang en`). Its
 * stdout says 100 columns: the size is set on the instance and the tree rendered again, so that
 * Ink itself lays out (and would wrap) at that width, as a real terminal of that size would.
 */
export const renderAt = (
  tree: ReactElement,
  size: TerminalSize = ROWS_24,
  options: { readonly color?: boolean; readonly lang?: Lang } = {}
) => {
  const wrapped = (
    <ThemeProvider value={{ color: options.color ?? false }}>
      <MessagesProvider value={messagesFor(options.lang ?? "ja")}>
        <TerminalSizeProvider value={size}>{tree}</TerminalSizeProvider>
      </MessagesProvider>
    </ThemeProvider>
  )
  const rendered = render(wrapped)
  Object.defineProperty(rendered.stdout, "columns", { value: size.columns, configurable: true })
  Object.defineProperty(rendered.stdout, "rows", { value: size.rows, configurable: true })
  rendered.rerender(wrapped)
  return rendered
}

export type Rendered = ReturnType<typeof renderAt>

export const frameOf = (rendered: Rendered): string => rendered.lastFrame() ?? ""

/** Waits until the last frame passes the check (Ink renders and reads input asynchronously). */
export const waitForFrame = async (
  rendered: Rendered,
  check: (frame: string) => boolean,
  timeout = 10_000
): Promise<string> =>
  vi.waitFor(
    () => {
      const frame = frameOf(rendered)
      if (!check(frame)) throw new Error(`frame did not match yet:\n${frame}`)
      return frame
    },
    { timeout, interval: 20 }
  )

export const waitForText = (rendered: Rendered, text: string | RegExp, timeout?: number) =>
  waitForFrame(rendered, (frame) => (typeof text === "string" ? frame.includes(text) : text.test(frame)), timeout)

/** Types keys one write at a time, giving Ink a turn between them as a person would. */
export const press = async (rendered: Rendered, ...keys: Array<string>) => {
  for (const key of keys) {
    rendered.stdin.write(key)
    await new Promise((resolve) => setTimeout(resolve, 30))
  }
}

export const KEY = {
  up: "\u001B[A",
  down: "\u001B[B",
  left: "\u001B[D",
  right: "\u001B[C",
  enter: "\r",
  escape: "\u001B",
  tab: "\t",
  backspace: "\u007F"
} as const

// Matching the escape character is the point: it must not occur in a NO_COLOR frame.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001B\[[0-9;]*[A-Za-z]/

export const hasAnsi = (text: string): boolean => ANSI.test(text)

/** Every line fits the width, counted in terminal columns. */
export const widestLine = (frame: string): number => Math.max(0, ...frame.split("\n").map(displayWidth))
