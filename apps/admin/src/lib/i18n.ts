import type { Bilingual } from "@sukoyaka/core"
import { getLocale } from "#lib/paraglide/runtime.js"

export type Locale = "ja" | "en"

export const locale = (): Locale => (getLocale() === "en" ? "en" : "ja")

/** The locale's half of a pair the domain defines (labels, messages from problem+json). */
export const tr = (text: Bilingual): string => text[locale()]
