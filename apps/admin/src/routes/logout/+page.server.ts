import { redirect } from "@sveltejs/kit"
import { SESSION_COOKIE } from "#lib/server/config.ts"
import type { Actions, PageServerLoad } from "./$types"

export const load: PageServerLoad = () => redirect(303, "/")

export const actions: Actions = {
  /** Ends the session at the API (with the CSRF token) and forgets the cookie. */
  default: async ({ locals, cookies }) => {
    if (locals.user) await locals.api.session.$delete().catch(() => undefined)
    cookies.delete(SESSION_COOKIE, { path: "/" })
    redirect(303, "/login?notice=signedOut")
  }
}
