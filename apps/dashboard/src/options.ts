import { parseArgs } from "node:util"
import { planId as defaultPlanId } from "@sukoyaka/data-tomakomai"

export interface Options {
  readonly apiUrl: string | undefined
  readonly token: string | undefined
  readonly planId: string
  readonly fiscalYear: number | undefined
  readonly once: boolean
  readonly json: boolean
  readonly refreshSeconds: number
  /** The `--once` frame's width; undefined: the terminal's, else 80. */
  readonly width: number | undefined
}

export type ParsedArgs =
  | { readonly _tag: "Run"; readonly options: Options }
  | { readonly _tag: "Help" }
  | { readonly _tag: "Invalid"; readonly message: string }

export const usage = `sukoyaka-dashboard: すこやかの運用ダッシュボード（端末）

  pnpm dashboard [オプション]

  --api-url URL       APIから読む（既定: SUKOYAKA_API_URL）。なければローカルDB（SUKOYAKA_DB / DATABASE_URL）
  --token TOKEN       APIトークン（既定: SUKOYAKA_TOKEN。プロセス一覧に出ないよう環境変数を勧めます）
  --plan ID           計画ID（既定: ${defaultPlanId}）
  --fiscal-year YEAR  年度（例: 2024 = 令和６年度。既定: 評価のある最新の年度）
  --refresh SECONDS   自動更新の間隔（既定: 30。0 で自動更新しない）
  --once              概要を1画面分のテキストで出力して終了（cronメール向け）
  --json              年度のまとめをJSONで出力して終了
  --width COLUMNS     --once の幅（既定: 端末の幅、なければ 80）
  -h, --help          この説明

キー: ↑↓/jk 移動  Enter 開く  Esc 戻る  Tab 概要/一覧  / 絞り込み  y 年度  r 更新  ? キー一覧  q 終了
環境変数 NO_COLOR を設定すると色を使いません。`

const integer = (
  value: string | undefined,
  name: string,
  min: number,
  max: number
): number | string | undefined => {
  if (value === undefined) return undefined
  const parsed = Number(value)
  if (!Number.isInteger(parsed) || parsed < min || parsed > max)
    return `${name} は ${min}〜${max} の整数で指定してください`
  return parsed
}

/** The command line and the environment, checked; nothing here reads the network or the disk. */
export const parseOptions = (argv: ReadonlyArray<string>, env: NodeJS.ProcessEnv): ParsedArgs => {
  let values
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        "api-url": { type: "string" },
        token: { type: "string" },
        plan: { type: "string" },
        "fiscal-year": { type: "string" },
        refresh: { type: "string" },
        once: { type: "boolean" },
        json: { type: "boolean" },
        width: { type: "string" },
        help: { type: "boolean", short: "h" }
      },
      strict: true,
      allowPositionals: false
    }).values
  } catch (error) {
    return { _tag: "Invalid", message: error instanceof Error ? error.message : String(error) }
  }
  if (values.help) return { _tag: "Help" }
  const fiscalYear = integer(values["fiscal-year"], "--fiscal-year", 2000, 2100)
  const refresh = integer(values.refresh, "--refresh", 0, 86_400)
  const width = integer(values.width, "--width", 40, 1000)
  for (const checked of [fiscalYear, refresh, width])
    if (typeof checked === "string") return { _tag: "Invalid", message: checked }
  const apiUrl = values["api-url"] ?? (env.SUKOYAKA_API_URL || undefined)
  if (apiUrl !== undefined && !/^https?:\/\/[^/\s]+/.test(apiUrl))
    return {
      _tag: "Invalid",
      message: `--api-url は http:// か https:// で始まるURLです: ${apiUrl}`
    }
  return {
    _tag: "Run",
    options: {
      apiUrl,
      token: values.token ?? (env.SUKOYAKA_TOKEN || undefined),
      planId: values.plan ?? defaultPlanId,
      fiscalYear: fiscalYear as number | undefined,
      once: values.once ?? false,
      json: values.json ?? false,
      refreshSeconds: (refresh as number | undefined) ?? 30,
      width: width as number | undefined
    }
  }
}
