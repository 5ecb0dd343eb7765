import { fail, redirect } from "@sveltejs/kit"
import { problemOf } from "#lib/server/api.ts"
import { SESSION_COOKIE } from "#lib/server/config.ts"
import { bilingual } from "#lib/server/messages.ts"
import { formErrorsOf } from "#lib/server/problems.ts"
import { m } from "#lib/paraglide/messages.js"
import type { Actions, PageServerLoad } from "./$types"

/** Open without signing in: the link's secret is the new user's only credential, and the API checks it. */
export const load: PageServerLoad = ({ url }) => ({ token: url.searchParams.get("token") ?? "" })

export const actions: Actions = {
  default: async (event) => {
    const form = await event.request.formData()
    const token = String(form.get("token") ?? "")
    const password = String(form.get("password") ?? "")
    if (password !== String(form.get("confirm") ?? ""))
      return fail(400, { errors: [{ path: "confirm", ...bilingual(m.setup_mismatch) }] })
    const response = await event.locals.api["password-setup"].$post({ json: { token, password } })
    if (!response.ok) return fail(response.status, { errors: formErrorsOf(await problemOf(response)) })
    // Whoever was signed in on this browser is not the user who just chose a password.
    event.cookies.delete(SESSION_COOKIE, { path: "/" })
    redirect(303, "/login?notice=passwordSet")
  }
}
