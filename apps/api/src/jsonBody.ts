import type { MiddlewareHandler } from "hono"
import { HttpProblem } from "./problem.ts"

/**
 * The deepest JSON body the API takes. Its own documents nest four or five levels; every later
 * step (validation, the storable-text check, encoding) walks the value recursively, so 100,000
 * nested brackets overflowed the stack there (a 500) although JSON.parse itself copes.
 */
const MAX_JSON_DEPTH = 32

const utf8 = new TextDecoder("utf-8", { fatal: true })

const bodyProblem = (kind: "malformedJson" | "validation", ja: string, en: string) =>
  new HttpProblem(kind, en, [{ path: "(body)", ja, en }])

/** The bytes cannot be read as text at all: malformed, like JSON that does not parse. */
const notUtf8 = () => bodyProblem("malformedJson", "本文が正しい UTF-8 ではありません", "the body is not valid UTF-8")

/** Well-formed JSON no document of the API looks like: invalid, like any schema-invalid body. */
const tooDeep = () =>
  bodyProblem(
    "validation",
    `JSON の入れ子が深すぎます（上限 ${MAX_JSON_DEPTH} 段）`,
    `the JSON is nested more than ${MAX_JSON_DEPTH} levels deep`
  )

/** How deeply arrays and objects nest in a JSON text, counting only brackets outside strings. */
const jsonDepthExceeds = (text: string, limit: number): boolean => {
  let depth = 0
  let inString = false
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (inString) {
      if (code === 0x5c /* \ */) index++
      else if (code === 0x22 /* " */) inString = false
    } else if (code === 0x22) inString = true
    else if (code === 0x5b /* [ */ || code === 0x7b /* { */) {
      if (++depth > limit) return true
    } else if (code === 0x5d /* ] */ || code === 0x7d /* } */) depth--
  }
  return false
}

const isJson = (contentType: string | undefined) =>
  /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(contentType ?? "")

/**
 * Every JSON body is read here once, before any route sees it: decoded as strict UTF-8 (an invalid
 * sequence was silently stored as U+FFFD) and checked for depth, then left in Hono's body cache for
 * the validators. Both refusals are 400 problem+json, on public routes (sign-in) as on the others.
 */
export const guardJsonBody: MiddlewareHandler = async (c, next) => {
  if (!isJson(c.req.header("content-type")) || c.req.raw.body === null) return next()
  const bytes = new Uint8Array(await c.req.arrayBuffer())
  let text: string
  try {
    text = utf8.decode(bytes)
  } catch {
    throw notUtf8()
  }
  if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) throw tooDeep()
  // json() and text() read this cache; the validators call json().
  // (Hono types the cache by the values it resolves to; it holds their promises.)
  ;(c.req.bodyCache as unknown as { text?: Promise<string> }).text = Promise.resolve(text)
  return next()
}
