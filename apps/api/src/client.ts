import { hc } from "hono/client"
import type { AppType } from "./app.ts"

export { SESSION_COOKIE } from "./sessionCookie.ts"

/** The typed client of the API, for the admin UI and the dashboard: `createClient(url).plans.$get()`. */
export const createClient = (baseUrl: string, options?: Parameters<typeof hc>[1]) =>
  hc<AppType>(`${baseUrl.replace(/\/$/, "")}/api/v1`, options)
export type Client = ReturnType<typeof createClient>
