import { Box, Text } from "ink"
import { padEnd, truncate } from "../text/width.ts"
import { Heading } from "./Heading.tsx"

export const keyBindings = (
  refreshSeconds: number
): ReadonlyArray<readonly [keys: string, what: string]> => [
  ["↑ ↓  j k", "選択を移動（詳細では読み進める）"],
  ["Enter", "政策・事業を開く"],
  ["Esc  ←  h", "戻る"],
  ["Tab", "概要と政策・事業の一覧を切り替える"],
  ["/", "一覧を絞り込む（Enter 決定・Esc 解除）"],
  ["y", "年度を切り替える（← → で選んで Enter）"],
  ["r", refreshSeconds > 0 ? `今すぐ更新（自動更新は ${refreshSeconds} 秒ごと）` : "今すぐ更新"],
  ["?", "このキー一覧を開く・閉じる"],
  ["q", "終了"]
]

/** `?`: every key and what it does. */
export const HelpOverlay = ({
  width,
  refreshSeconds
}: {
  readonly width: number
  readonly refreshSeconds: number
}) => (
  <Box flexDirection="column">
    <Heading width={width - 1} right="? か Esc で閉じる">
      キー一覧
    </Heading>
    {keyBindings(refreshSeconds).map(([keys, what]) => (
      <Text key={keys}>{truncate(`  ${padEnd(keys, 12)}${what}`, width - 1)}</Text>
    ))}
  </Box>
)
