// The sukoyaka-dashboard command. Composition happens here: options, the data source, the screen.
import { YearSummaryView } from "@sukoyaka/core"
import { Schema } from "effect"
import { render } from "ink"
import { App } from "./App.tsx"
import { colorFromEnv, ThemeProvider } from "./contexts/ThemeContext.tsx"
import { asSourceError, type DataSource } from "./data/DataSource.ts"
import { httpSource } from "./data/httpSource.ts"
import { renderFrame } from "./Frame.tsx"
import { parseOptions, usage } from "./options.ts"

const parsed = parseOptions(process.argv.slice(2), process.env)
if (parsed._tag === "Help") {
  process.stdout.write(`${usage}\n`)
} else if (parsed._tag === "Invalid") {
  process.stderr.write(`sukoyaka-dashboard: ${parsed.message}\nsee: pnpm dashboard --help\n`)
  process.exitCode = 2
} else {
  const { options } = parsed
  // The local source loads the storage layer and the API's view code: only when it is used.
  const source: DataSource = options.apiUrl
    ? httpSource({ baseUrl: options.apiUrl, token: options.token })
    : (await import("./data/localSource.ts")).localSource()
  // Without a terminal on both ends (a pipe, cron) there is nothing to steer: print one frame.
  const interactive =
    !options.once && !options.json && process.stdin.isTTY === true && process.stdout.isTTY === true
  try {
    if (interactive) {
      const app = render(
        <ThemeProvider value={{ color: colorFromEnv(process.env) }}>
          <App
            source={source}
            planId={options.planId}
            fiscalYear={options.fiscalYear}
            refreshSeconds={options.refreshSeconds}
          />
        </ThemeProvider>
      )
      await app.waitUntilExit()
    } else {
      const data = await source.load(options.planId, options.fiscalYear)
      const columns =
        options.width ??
        (process.stdout.isTTY && process.stdout.columns ? process.stdout.columns : 80)
      process.stdout.write(
        options.json
          ? `${JSON.stringify(Schema.encodeSync(YearSummaryView)(data.summary), null, 2)}\n`
          : `${renderFrame(data, source.label, columns)}\n`
      )
    }
  } catch (error) {
    process.stderr.write(`sukoyaka-dashboard: ${asSourceError(error).message}\n`)
    process.exitCode = 1
  } finally {
    await source.close()
  }
}
