import { parseArgs } from "node:util"
import { planId as defaultPlanId } from "@sukoyaka/data-tomakomai"
import { isLang, type Lang, messagesFor } from "./text/messages.ts"

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
  /** The language of every word shown (`--lang`, SUKOYAKA_LANG); data stays as the city wrote it. */
  readonly lang: Lang
}

export type ParsedArgs =
  | { readonly _tag: "Run"; readonly options: Options }
  | { readonly _tag: "Help" }
  | { readonly _tag: "Invalid"; readonly message: string }

/** `--help` in the language asked for. */
export const usageFor = (lang: Lang): string => messagesFor(lang).usage(defaultPlanId)

/** `--help` in Japanese. */
export const usage = usageFor("ja")

/**
 * The language to speak in before the options are checked (for --help and for the complaint about
 * another option): --lang if it names one, else SUKOYAKA_LANG if it does, else Japanese.
 */
export const langOf = (argv: ReadonlyArray<string>, env: NodeJS.ProcessEnv): Lang => {
  for (let i = argv.length - 1; i >= 0; i -= 1) {
    const arg = argv[i]!
    const value = arg === "--lang" ? argv[i + 1] : arg.startsWith("--lang=") ? arg.slice(7) : undefined
    if (value !== undefined && isLang(value)) return value
  }
  const fromEnv = env.SUKOYAKA_LANG
  return fromEnv !== undefined && isLang(fromEnv) ? fromEnv : "ja"
}

/** Said in both languages: whoever mistyped the language may read either. */
const badLang = (name: string, value: string): string =>
  `${messagesFor("ja").optionLang(name)}（${messagesFor("en").optionLang(name)}）: ${value}`

/** The command line and the environment, checked; nothing here reads the network or the disk. */
export const parseOptions = (argv: ReadonlyArray<string>, env: NodeJS.ProcessEnv): ParsedArgs => {
  const m = messagesFor(langOf(argv, env))
  const integer = (value: string | undefined, name: string, min: number, max: number): number | string | undefined => {
    if (value === undefined) return undefined
    const parsed = Number(value)
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) return m.optionInteger(name, min, max)
    return parsed
  }
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
        lang: { type: "string" },
        help: { type: "boolean", short: "h" }
      },
      strict: true,
      allowPositionals: false
    }).values
  } catch (error) {
    return { _tag: "Invalid", message: error instanceof Error ? error.message : String(error) }
  }
  const langValue = values.lang ?? (env.SUKOYAKA_LANG || undefined)
  if (langValue !== undefined && !isLang(langValue))
    return {
      _tag: "Invalid",
      message: badLang(values.lang === undefined ? "SUKOYAKA_LANG" : "--lang", langValue)
    }
  if (values.help) return { _tag: "Help" }
  const fiscalYear = integer(values["fiscal-year"], "--fiscal-year", 2000, 2100)
  const refresh = integer(values.refresh, "--refresh", 0, 86_400)
  const width = integer(values.width, "--width", 40, 1000)
  for (const checked of [fiscalYear, refresh, width])
    if (typeof checked === "string") return { _tag: "Invalid", message: checked }
  const apiUrl = values["api-url"] ?? (env.SUKOYAKA_API_URL || undefined)
  if (apiUrl !== undefined && !/^https?:\/\/[^/\s]+/.test(apiUrl))
    return { _tag: "Invalid", message: m.optionApiUrl(apiUrl) }
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
      width: width as number | undefined,
      lang: langValue ?? "ja"
    }
  }
}
