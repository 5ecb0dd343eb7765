import type { RequestEvent } from "@sveltejs/kit"
import { apiUrl, SESSION_COOKIE } from "./config.ts"

/**
 * POSTs a multipart form to the API as the signed-in user (its session cookie and CSRF token). The
 * typed client's form helper only sends strings, so the uploads (a workbook, a review's file) are
 * this one plain fetch.
 */
export const postMultipart = (
  event: Pick<RequestEvent, "cookies" | "locals">,
  path: string,
  body: FormData,
  /** More headers: the If-Match of a versioned replacement (a framework's measures sheet). */
  headers: Record<string, string> = {}
): Promise<Response> =>
  fetch(`${apiUrl()}/api/v1${path}`, {
    method: "POST",
    headers: {
      ...headers,
      cookie: `${SESSION_COOKIE}=${event.cookies.get(SESSION_COOKIE) ?? ""}`,
      "x-csrf-token": event.locals.csrfToken ?? ""
    },
    body
  })
