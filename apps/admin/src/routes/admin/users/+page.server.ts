import { PasswordSetupLink, type Role, type UserCreate, UserCreated, type UserPatch, UserView } from "@sukoyaka/core"
import { fail } from "@sveltejs/kit"
import { Schema } from "effect"
import { ApiProblem, decoded, ok } from "#lib/server/api.ts"
import { requireRole } from "#lib/server/guard.ts"
import { currentPlan, orFail } from "#lib/server/plan.ts"
import { bilingual } from "#lib/server/messages.ts"
import { formErrorsOf } from "#lib/server/problems.ts"
import { m } from "#lib/paraglide/messages.js"
import type { Actions, PageServerLoad, RequestEvent } from "./$types"

/** What the admin passes on to the user: the link to this app's setup page, with the secret shown once. */
const setupFor = (event: RequestEvent, email: string, link: PasswordSetupLink) => ({
  email,
  url: `${event.url.origin}/account/setup?token=${encodeURIComponent(link.token)}`,
  expiresAt: link.expiresAt
})

export const load: PageServerLoad = async (event) => {
  requireRole(event, "admin")
  return orFail(
    (async () => {
      const plan = await currentPlan(event.locals.api, event.url)
      const [users, agencies] = await Promise.all([
        decoded(Schema.Array(UserView), event.locals.api.users.$get()),
        ok(event.locals.api.plans[":planId"].agencies.$get({ param: { planId: plan.id } }))
      ])
      return { users, agencies }
    })()
  )
}

const roleOf = (value: FormDataEntryValue | null): Role =>
  value === "admin" || value === "editor" || value === "viewer" ? value : "viewer"

export const actions: Actions = {
  create: async (event) => {
    requireRole(event, "admin")
    const form = await event.request.formData()
    const values: typeof UserCreate.Encoded = {
      email: String(form.get("email") ?? "").trim(),
      displayName: String(form.get("displayName") ?? "").trim(),
      role: roleOf(form.get("role")),
      agencies: form.getAll("agencies").map(String)
    }
    try {
      const user = await decoded(UserCreated, event.locals.api.users.$post({ json: values }))
      return { created: true, setup: user.passwordSetup && setupFor(event, user.email, user.passwordSetup) }
    } catch (e) {
      return fail(e instanceof ApiProblem ? e.status : 500, { createErrors: formErrorsOf(e), values })
    }
  },
  /** A new link for a user who lost theirs or forgot their password; their earlier links end. */
  issueLink: async (event) => {
    requireRole(event, "admin")
    const form = await event.request.formData()
    const id = String(form.get("id") ?? "")
    const email = String(form.get("email") ?? "")
    try {
      const link = await decoded(
        PasswordSetupLink,
        event.locals.api.users[":id"]["password-setup"].$post({ param: { id } })
      )
      return { setup: setupFor(event, email, link) }
    } catch (e) {
      return fail(e instanceof ApiProblem ? e.status : 500, { updateErrors: formErrorsOf(e), updated: id })
    }
  },
  update: async (event) => {
    requireRole(event, "admin")
    const form = await event.request.formData()
    const id = String(form.get("id") ?? "")
    const password = String(form.get("password") ?? "")
    const patch: typeof UserPatch.Encoded = {
      role: roleOf(form.get("role")),
      agencies: form.getAll("agencies").map(String),
      disabled: form.get("disabled") === "on",
      ...(password ? { password } : {})
    }
    try {
      await ok(event.locals.api.users[":id"].$patch({ param: { id }, json: patch }))
    } catch (e) {
      if (e instanceof ApiProblem && e.problem.type === "urn:sukoyaka:problem:lastAdmin") {
        return fail(409, { updateErrors: [{ path: "", ...bilingual(m.users_last_admin) }], updated: id })
      }
      return fail(e instanceof ApiProblem ? e.status : 500, { updateErrors: formErrorsOf(e), updated: id })
    }
    return { updated: id }
  }
}
