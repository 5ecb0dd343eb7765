import type { User } from "@sukoyaka/core"
import { type Handle, type HandleServerError, sequence } from "@sveltejs/kit/hooks"
import { paraglideMiddleware } from "#lib/paraglide/server.js"
import { apiFor, ok } from "#lib/server/api.ts"
import { SESSION_COOKIE } from "#lib/server/config.ts"
import { askPlansAhead } from "#lib/server/plan.ts"
import { readsPlans } from "#lib/server/planPrefetch.ts"

/** Japanese first; the locale cookie switches to English. `<html lang>` follows. */
const i18n: Handle = ({ event, resolve }) =>
  // The locale comes from the cookie, never from the path, so the middleware's copy of the request
  // is the same request: the event goes on as it is (SvelteKit 3's event.request is read-only, and
  // a spread copy of the event held up the page refresh after a form action in the browser tests).
  paraglideMiddleware(event.request, ({ locale }) =>
    resolve(event, { transformPageChunk: ({ html }) => html.replace("%lang%", locale) })
  )

/** Asks the API who the session cookie belongs to; the API stays the one authority. */
const auth: Handle = async ({ event, resolve }) => {
  const sessionId = event.cookies.get(SESSION_COOKIE) ?? null
  event.locals.user = null
  event.locals.csrfToken = null
  event.locals.api = apiFor({ sessionId: null, csrfToken: null })
  if (sessionId) {
    const api = apiFor({ sessionId, csrfToken: null })
    // A page's load starts with the plans list: asked beside the session rather than after it (one
    // request in a row fewer on nearly every page, issue #23). Reads only: a form action reads the
    // list after its own writes. Without a valid session the API refuses it too, and it is dropped.
    const plans =
      (event.request.method === "GET" || event.request.method === "HEAD") && readsPlans(event.route.id)
        ? askPlansAhead(api)
        : undefined
    const response = await api.session.$get().catch(() => null)
    if (response?.ok) {
      // The API's JSON as it is (its schema has no transformation), only the user's fields kept: a
      // Schema decode of it on every request cost more than the page it precedes needed (issue #23).
      const session = await ok(Promise.resolve(response))
      const { id, email, displayName, role, agencies, disabled, language } = session.user
      event.locals.user = { id, email, displayName, role, agencies: agencies as User["agencies"], disabled, language }
      event.locals.csrfToken = session.csrfToken
      event.locals.api = apiFor({ sessionId, csrfToken: session.csrfToken })
      plans?.give(event.locals.api)
    } else if (response?.status === 401) {
      event.cookies.delete(SESSION_COOKIE, { path: "/" })
    }
  }
  return resolve(event)
}

/**
 * The headers beside the Content-Security-Policy (csp in vite.config.ts): no MIME sniffing,
 * no framing for browsers without frame-ancestors, and no path or query in the Referer sent away.
 */
const extraHeaders = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "strict-origin-when-cross-origin"
}

const securityHeaders: Handle = async ({ event, resolve }) => {
  const response = await resolve(event)
  try {
    for (const [name, value] of Object.entries(extraHeaders)) response.headers.set(name, value)
    return response
  } catch {
    // A response passed through from fetch has immutable headers: answer with a copy then.
    const copy = new Response(response.body, response)
    for (const [name, value] of Object.entries(extraHeaders)) copy.headers.set(name, value)
    return copy
  }
}

export const handle = sequence(securityHeaders, i18n, auth)

/**
 * Logs what went wrong unexpectedly and answers with a safe message. The pages' own errors
 * (`error(403, …)`, kind "app") keep their message: SvelteKit 3 passes them here too.
 */
export const handleError: HandleServerError = ({ kind, error, event }) => {
  if (kind === "app") return
  console.error(
    JSON.stringify({
      level: "error",
      path: event.url.pathname,
      error: error instanceof Error ? error.message : String(error),
      stack: error instanceof Error ? error.stack?.split("\n").slice(1, 12).join(" | ") : undefined
    })
  )
  return {
    message:
      error instanceof Error && /ECONNREFUSED|fetch failed/.test(error.message)
        ? "API unavailable / API に接続できません"
        : "Internal error / 内部エラー"
  }
}
