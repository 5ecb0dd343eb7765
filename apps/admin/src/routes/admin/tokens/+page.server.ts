import { fail } from "@sveltejs/kit"
import { ApiProblem, ok } from "#lib/server/api.ts"
import { requireRole } from "#lib/server/guard.ts"
import { currentPlan, orFail } from "#lib/server/plan.ts"
import { formErrorsOf } from "#lib/server/problems.ts"
import type { Actions, PageServerLoad } from "./$types"

export const load: PageServerLoad = async (event) => {
  requireRole(event, "admin")
  return orFail(
    (async () => {
      const plan = await currentPlan(event.locals.api, event.url)
      const [tokens, agencies] = await Promise.all([ok(event.locals.api.tokens.$get()), ok(event.locals.api.plans[":planId"].agencies.$get({ param: { planId: plan.id } }))])
      return { tokens, agencies }
    })()
  )
}

export const actions: Actions = {
  create: async (event) => {
    requireRole(event, "admin")
    const form = await event.request.formData()
    const expires = String(form.get("expiresAt") ?? "")
    const body = {
      name: String(form.get("name") ?? "").trim(),
      role: String(form.get("role") ?? "viewer"),
      agencies: form.getAll("agencies").map(String),
      ...(expires ? { expiresAt: new Date(`${expires}T23:59:59+09:00`).toISOString() } : {})
    }
    try {
      const created = await ok(event.locals.api.tokens.$post({ json: body as never }))
      return { created: { name: created.name, token: created.token } }
    } catch (e) {
      return fail(e instanceof ApiProblem ? e.status : 500, { errors: formErrorsOf(e) })
    }
  },
  revoke: async (event) => {
    requireRole(event, "admin")
    const form = await event.request.formData()
    const response = await event.locals.api.tokens[":id"].$delete({ param: { id: String(form.get("id") ?? "") } })
    if (!response.ok) return fail(response.status, { errors: [{ path: "", ja: "失効できませんでした", en: "could not revoke" }] })
    return { revoked: true }
  }
}
