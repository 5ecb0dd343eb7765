import { attachmentDefaults } from "@sukoyaka/core"

/** Where the API listens: the admin's server side is its only caller from this app. */
export const apiUrl = (): string => (process.env.API_URL ?? "http://127.0.0.1:8787").replace(/\/$/, "")

/** The API names its session cookie; this server relays it under the same name. */
export { SESSION_COOKIE } from "@sukoyaka/api/client"
export const LOCALE_COOKIE = "sukoyaka_locale"

/**
 * The secret shared with the API (`serve` makes one at each start): with it, the API believes the
 * browser address this server names for a sign-in (the limiter's key). Unset: the API sees this
 * server's own address, as for any client.
 */
export const internalSecret = (): string | undefined => process.env.SUKOYAKA_INTERNAL_SECRET || undefined

/** Cookies get `Secure` behind TLS: said by SUKOYAKA_SECURE_COOKIES (a TLS proxy in front), or seen in the URL. */
export const secureCookies = (url: URL): boolean =>
  process.env.SUKOYAKA_SECURE_COOKIES === "true" || url.protocol === "https:"

/**
 * The largest file a review may have attached, as the API is configured (the same variable; `serve`
 * passes its environment on): what the upload form says. The API enforces it either way.
 */
export const attachmentMaxBytes = (): number => {
  const configured = Number(process.env.SUKOYAKA_ATTACHMENT_MAX_BYTES)
  return Number.isInteger(configured) && configured > 0 ? configured : attachmentDefaults.maxBytes
}
