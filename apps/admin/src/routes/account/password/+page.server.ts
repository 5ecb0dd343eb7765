import type { Language } from "@sukoyaka/core"
import { fail, redirect } from "@sveltejs/kit"
import { type ApiProblem, problemOf } from "#lib/server/api.ts"
import { SESSION_COOKIE } from "#lib/server/config.ts"
import { requireUser } from "#lib/server/guard.ts"
import { formErrorsOf } from "#lib/server/problems.ts"
import type { Actions, PageServerLoad } from "./$types"

export const load: PageServerLoad = (event) => {
  requireUser(event)
}

export const actions: Actions = {
  /** The language of one's notifications and mails; anything but en or ja is the API's 400, shown at the field. */
  language: async (event) => {
    requireUser(event)
    const form = await event.request.formData()
    const language = String(form.get("language") ?? "") as Language
    const response = await event.locals.api.session.language.$put({ json: { language } })
    if (!response.ok) {
      const problem: ApiProblem = await problemOf(response)
      return fail(problem.status, { errors: formErrorsOf(problem) })
    }
    return { languageSaved: true }
  },
  /** The API checks the current password and signs out every session: sign in again. */
  password: async (event) => {
    requireUser(event)
    const form = await event.request.formData()
    const currentPassword = String(form.get("currentPassword") ?? "")
    const newPassword = String(form.get("newPassword") ?? "")
    const response = await event.locals.api.session.password.$put({ json: { currentPassword, newPassword } })
    if (!response.ok) {
      const problem: ApiProblem = await problemOf(response)
      return fail(problem.status, { errors: formErrorsOf(problem) })
    }
    event.cookies.delete(SESSION_COOKIE, { path: "/" })
    redirect(303, "/login?notice=passwordChanged")
  }
}
