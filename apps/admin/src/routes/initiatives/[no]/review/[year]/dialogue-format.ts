import type { Locale } from "@sukoyaka/core"

/** A moment as the city reads it: Japan's time, in the user's language. */
export const dateTime = (iso: string, locale: Locale): string =>
  new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Asia/Tokyo"
  }).format(new Date(iso))

/** A file's size in the unit that reads best. */
export const fileSize = (bytes: number): string =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
      ? `${Math.round(bytes / 1024)} KB`
      : `${(bytes / 1024 / 1024).toFixed(1)} MB`
