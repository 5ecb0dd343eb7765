import { refuse, type WorkbookRefused } from "./WorkbookRefused.ts"

export interface CsvText {
  readonly text: string
  /** utf-8: Sukoyaka's export, Excel's 「CSV UTF-8」; shift_jis: Excel's plain 「CSV」 on Japanese Windows. */
  readonly encoding: "utf-8" | "shift_jis"
}

const saveAsUtf8 = {
  ja: "Excelで「CSV UTF-8 (コンマ区切り) (*.csv)」として保存し直してください。",
  en: 'Save it from Excel as "CSV UTF-8 (Comma delimited) (*.csv)".'
}

const undecodable = (ja: string, en: string) => refuse("encoding", `${ja}${saveAsUtf8.ja}`, `${en} ${saveAsUtf8.en}`)

type Decoder = InstanceType<typeof TextDecoder>

/** A decoder that fails on a byte sequence the encoding does not allow, instead of a U+FFFD. */
const strictDecoder = (encoding: string): Decoder | undefined => {
  try {
    return new TextDecoder(encoding, { fatal: true })
  } catch {
    return undefined // only a Node built without full ICU lacks Shift_JIS
  }
}

const decodeStrictly = (decoder: Decoder, bytes: Uint8Array): string | undefined => {
  try {
    return decoder.decode(bytes) // a leading BOM is dropped (ignoreBOM is false)
  } catch {
    return undefined
  }
}

/**
 * The text of a CSV file. UTF-8 (with or without a BOM) is tried first: valid UTF-8 is almost never
 * Shift_JIS text by accident, while Japanese Shift_JIS is almost never valid UTF-8. Anything else,
 * UTF-16 included (Excel's 「Unicode テキスト」, which is tab-separated anyway), is refused.
 */
export const decodeCsvText = (bytes: Uint8Array): CsvText | WorkbookRefused => {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return undecodable("UTF-16 のファイルは読み込めません。", "UTF-16 files cannot be read.")
  }
  const utf8 = decodeStrictly(new TextDecoder("utf-8", { fatal: true }), bytes)
  if (utf8 !== undefined) return { text: utf8, encoding: "utf-8" }
  const shiftJisDecoder = strictDecoder("shift_jis")
  if (shiftJisDecoder === undefined) {
    return undecodable(
      "このサーバーでは Shift_JIS のファイルを読み込めません。",
      "This server cannot read Shift_JIS files."
    )
  }
  const shiftJis = decodeStrictly(shiftJisDecoder, bytes)
  if (shiftJis !== undefined) return { text: shiftJis, encoding: "shift_jis" }
  return undecodable(
    "文字コードが UTF-8 でも Shift_JIS でもないため読み込めません（テキストではないファイルかもしれません）。",
    "The file is neither UTF-8 nor Shift_JIS text (it may not be a text file at all)."
  )
}
