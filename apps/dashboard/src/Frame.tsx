import { Box, renderToString, Text } from "ink"
import { Header } from "./components/Header.tsx"
import { Overview } from "./components/Overview.tsx"
import { MessagesProvider } from "./contexts/MessagesContext.tsx"
import { ThemeProvider } from "./contexts/ThemeContext.tsx"
import type { DashboardData } from "./data/DataSource.ts"
import { type Lang, messagesFor } from "./text/messages.ts"
import { padEnd } from "./text/width.ts"

/**
 * `--once`: the overview as plain text, every list in full, for a cron mail. No colour and no
 * escape sequence whatever the terminal says: a mail client shows them as garbage.
 */
export const renderFrame = (data: DashboardData, source: string, columns: number, lang: Lang = "ja"): string => {
  const m = messagesFor(lang)
  return renderToString(
    <ThemeProvider value={{ color: false }}>
      <MessagesProvider value={m}>
        <Box flexDirection="column" width={columns}>
          <Header planTitle={data.plan.title} fiscalYear={data.summary.fiscalYear} source={source} width={columns} />
          <Overview data={data} width={columns} />
          <Text>{padEnd(m.asOf(data.loadedAt), columns - 1)}</Text>
        </Box>
      </MessagesProvider>
    </ThemeProvider>,
    { columns }
  )
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
}
