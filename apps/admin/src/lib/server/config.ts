/** Where the API listens: the admin's server side is its only caller from this app. */
export const apiUrl = (): string => (process.env.API_URL ?? "http://127.0.0.1:8787").replace(/\/$/, "")

export const SESSION_COOKIE = "sukoyaka_session"
export const LOCALE_COOKIE = "sukoyaka_locale"
