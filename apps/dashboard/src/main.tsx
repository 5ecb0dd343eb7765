// The sukoyaka-dashboard command. Composition happens here: options, the data source, the screen.
import { YearSummaryView } from "@sukoyaka/core"
import { Schema } from "effect"
import { render } from "ink"
import { App } from "./App.tsx"
import { MessagesProvider } from "./contexts/MessagesContext.tsx"
import { colorFromEnv, ThemeProvider } from "./contexts/ThemeContext.tsx"
import { asSourceError, COVERAGE_PENDING, type DataSource } from "./data/DataSource.ts"
import { httpSource } from "./data/httpSource.ts"
import { renderFrame } from "./Frame.tsx"
import { langOf, parseOptions, usageFor } from "./options.ts"
import { messagesFor } from "./text/messages.ts"

const argv = process.argv.slice(2)
const parsed = parseOptions(argv, process.env)
if (parsed._tag === "Help") {
  process.stdout.write(`${usageFor(langOf(argv, process.env))}\n`)
} else if (parsed._tag === "Invalid") {
  process.stderr.write(`sukoyaka-dashboard: ${parsed.message}\nsee: pnpm dashboard --help\n`)
  process.exitCode = 2
} else {
  const { options } = parsed
  const { lang } = options
  // The local source loads the storage layer and the API's view code: only when it is used.
  const source: DataSource = options.apiUrl
    ? httpSource({ baseUrl: options.apiUrl, token: options.token, lang })
    : (await import("./data/localSource.ts")).localSource(undefined, { lang })
  // Without a terminal on both ends (a pipe, cron) there is nothing to steer: print one frame.
  const interactive = !options.once && !options.json && process.stdin.isTTY === true && process.stdout.isTTY === true
  try {
    if (interactive) {
      const app = render(
        <ThemeProvider value={{ color: colorFromEnv(process.env) }}>
          <MessagesProvider value={messagesFor(lang)}>
            <App
              source={source}
              planId={options.planId}
              fiscalYear={options.fiscalYear}
              refreshSeconds={options.refreshSeconds}
            />
          </MessagesProvider>
        </ThemeProvider>
      )
      await app.waitUntilExit()
    } else {
      const loaded = await source.load(options.planId, options.fiscalYear)
      // One frame only: it waits for the coverage the interactive dashboard fills in after its first.
      const data =
        loaded.coverage === COVERAGE_PENDING && !options.json
          ? { ...loaded, coverage: await source.coverage(options.planId, loaded.summary.fiscalYear) }
          : loaded
      const columns = options.width ?? (process.stdout.isTTY && process.stdout.columns ? process.stdout.columns : 80)
      process.stdout.write(
        options.json
          ? `${JSON.stringify(Schema.encodeSync(YearSummaryView)(data.summary), null, 2)}\n`
          : `${renderFrame(data, source.label, columns, lang)}\n`
      )
    }
  } catch (error) {
    process.stderr.write(`sukoyaka-dashboard: ${asSourceError(error).message}\n`)
    process.exitCode = 1
  } finally {
    await source.close()
  }
}
