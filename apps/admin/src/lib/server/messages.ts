import type { Bilingual } from "@sukoyaka/core"

/** A catalogue message in both languages, for errors carried as `{ ja, en }` (FieldError) like the API's. */
export const bilingual = (
  message: (inputs: Record<string, never>, options: { locale: "ja" | "en" }) => string
): Bilingual => ({
  ja: message({}, { locale: "ja" }),
  en: message({}, { locale: "en" })
})
