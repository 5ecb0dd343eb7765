/**
 * What Shift_JIS (as Excel on Japanese Windows writes it, CP932) can hold, read off Node's own
 * WHATWG decoder rather than a copied table: every byte sequence it decodes, inverted.
 */

let table: ReadonlyMap<string, Uint8Array> | undefined

const leadBytes = [...range(0x81, 0x9f), ...range(0xe0, 0xfc)]
const trailBytes = [...range(0x40, 0x7e), ...range(0x80, 0xfc)]

function* range(from: number, to: number): Generator<number> {
  for (let byte = from; byte <= to; byte++) yield byte
}

/**
 * Each character Shift_JIS can hold, with its bytes. Built once, when first needed (some 10,000
 * two-byte sequences, a few tens of milliseconds); where two sequences decode to one character
 * (NEC and IBM duplicates), the first is kept.
 */
export const shiftJisTable = (): ReadonlyMap<string, Uint8Array> => {
  if (table !== undefined) return table
  const decoder = new TextDecoder("shift_jis")
  const found = new Map<string, Uint8Array>()
  const add = (bytes: Uint8Array) => {
    const char = decoder.decode(bytes)
    if (char.length === 1 && char !== "\uFFFD" && !found.has(char)) found.set(char, bytes)
  }
  for (const byte of range(0x00, 0x7f)) add(Uint8Array.of(byte))
  for (const byte of range(0xa1, 0xdf)) add(Uint8Array.of(byte)) // half-width katakana
  for (const lead of leadBytes) for (const trail of trailBytes) add(Uint8Array.of(lead, trail))
  table = found
  return found
}

export const fitsShiftJis = (char: string): boolean => shiftJisTable().has(char)

/** The distinct characters of `text` that Shift_JIS cannot hold, e.g. U+2003 (em space). */
export const charactersOutsideShiftJis = (text: string): ReadonlyArray<string> =>
  [...new Set(text)].filter((char) => !fitsShiftJis(char))

/**
 * True when `after` is `before` as it comes back from a Shift_JIS file: the same characters except
 * where `before` has one Shift_JIS lacks, which Excel replaces with 「?」 or a look-alike.
 */
export const sameThroughShiftJis = (before: string, after: string): boolean => {
  const was = [...before]
  const is = [...after]
  return was.length === is.length && was.every((char, index) => char === is[index] || !fitsShiftJis(char))
}
