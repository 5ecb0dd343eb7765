import { fieldIssueParseOptions, fieldIssuesOf, Role, type TokenCreate, TokenCreated, TokenView } from "@sukoyaka/core"
import { fail } from "@sveltejs/kit"
import { Result, Schema } from "effect"
import { ApiProblem, decoded, ok } from "#lib/server/api.ts"
import { requireRole } from "#lib/server/guard.ts"
import { currentPlan, orFail } from "#lib/server/plan.ts"
import { formErrorsOf } from "#lib/server/problems.ts"
import type { Actions, PageServerLoad } from "./$types"

export const load: PageServerLoad = async (event) => {
  requireRole(event, "admin")
  return orFail(
    (async () => {
      const plan = await currentPlan(event.locals.api, event.url)
      const [tokens, agencies] = await Promise.all([
        decoded(Schema.Array(TokenView), event.locals.api.tokens.$get()),
        ok(event.locals.api.plans[":planId"].agencies.$get({ param: { planId: plan.id } }))
      ])
      return { tokens, agencies }
    })()
  )
}

export const actions: Actions = {
  create: async (event) => {
    requireRole(event, "admin")
    const form = await event.request.formData()
    const expires = String(form.get("expiresAt") ?? "")
    // The role is the one field a typed body cannot carry as text: refused here as the API would.
    const role = Schema.decodeUnknownResult(Role, fieldIssueParseOptions)(String(form.get("role") ?? "viewer"))
    if (Result.isFailure(role))
      return fail(400, {
        errors: fieldIssuesOf(role.failure).map((issue) => ({ path: "role", ja: issue.ja, en: issue.en }))
      })
    const body: typeof TokenCreate.Encoded = {
      name: String(form.get("name") ?? "").trim(),
      role: role.success,
      agencies: form.getAll("agencies").map(String),
      ...(expires ? { expiresAt: new Date(`${expires}T23:59:59+09:00`).toISOString() } : {})
    }
    try {
      const created = await decoded(TokenCreated, event.locals.api.tokens.$post({ json: body }))
      return { created: { name: created.name, token: created.token } }
    } catch (e) {
      return fail(e instanceof ApiProblem ? e.status : 500, { errors: formErrorsOf(e) })
    }
  },
  revoke: async (event) => {
    requireRole(event, "admin")
    const form = await event.request.formData()
    const response = await event.locals.api.tokens[":id"].$delete({ param: { id: String(form.get("id") ?? "") } })
    if (!response.ok)
      return fail(response.status, { errors: [{ path: "", ja: "失効できませんでした", en: "could not revoke" }] })
    return { revoked: true }
  }
}
