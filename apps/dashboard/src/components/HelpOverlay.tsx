import { Box, Text } from "ink"
import { useMessages } from "../contexts/MessagesContext.tsx"
import type { Messages } from "../text/messages.ts"
import { padEnd, truncate } from "../text/width.ts"
import { Heading } from "./Heading.tsx"

/** Every key and what it does, in the language of `m`. */
export const keyBindings = (
  refreshSeconds: number,
  m: Messages
): ReadonlyArray<readonly [keys: string, what: string]> => m.keyBindings(refreshSeconds)

/** `?`: every key and what it does. */
export const HelpOverlay = ({ width, refreshSeconds }: { readonly width: number; readonly refreshSeconds: number }) => {
  const m = useMessages()
  return (
    <Box flexDirection="column">
      <Heading width={width - 1} right={m.helpClose}>
        {m.helpTitle}
      </Heading>
      {keyBindings(refreshSeconds, m).map(([keys, what]) => (
        <Text key={keys}>{truncate(`  ${padEnd(keys, 12)}${what}`, width - 1)}</Text>
      ))}
    </Box>
  )
}
