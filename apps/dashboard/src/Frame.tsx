import { Box, renderToString, Text } from "ink"
import { Header } from "./components/Header.tsx"
import { Overview } from "./components/Overview.tsx"
import { ThemeProvider } from "./contexts/ThemeContext.tsx"
import type { DashboardData } from "./data/DataSource.ts"
import { padEnd } from "./text/width.ts"

const stamp = (date: Date): string =>
  date.toLocaleString("ja-JP", { dateStyle: "medium", timeStyle: "medium", hour12: false })

/**
 * `--once`: the overview as plain text, every list in full, for a cron mail. No colour and no
 * escape sequence whatever the terminal says: a mail client shows them as garbage.
 */
export const renderFrame = (data: DashboardData, source: string, columns: number): string =>
  renderToString(
    <ThemeProvider value={{ color: false }}>
      <Box flexDirection="column" width={columns}>
        <Header
          planTitle={data.plan.title}
          fiscalYear={data.summary.fiscalYear}
          source={source}
          width={columns}
        />
        <Overview data={data} width={columns} />
        <Text>{padEnd(`${stamp(data.loadedAt)} 時点`, columns - 1)}</Text>
      </Box>
    </ThemeProvider>,
    { columns }
  )
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
