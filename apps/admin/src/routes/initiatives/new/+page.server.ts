import { InitiativeCreate } from "@sukoyaka/core"
import { fail, redirect } from "@sveltejs/kit"
import { Result } from "effect"
import type { FieldError } from "#lib/review-form.ts"
import { ok } from "#lib/server/api.ts"
import { requireRole } from "#lib/server/guard.ts"
import { initiativeCandidateOf, initiativeField, initiativeValuesOf } from "#lib/server/initiative-form.ts"
import { currentPlan, orFail } from "#lib/server/plan.ts"
import { decodeBody, onePerField, statusOf, structureErrorsOf } from "#lib/server/structure.ts"
import type { Actions, PageServerLoad } from "./$types"

export const load: PageServerLoad = async (event) => {
  requireRole(event, "admin")
  return orFail(
    (async () => {
      const plan = await currentPlan(event.locals.api, event.url)
      const agencies = await ok(event.locals.api.plans[":planId"].agencies.$get({ param: { planId: plan.id } }))
      return { plan, agencies }
    })()
  )
}

export const actions: Actions = {
  /** A new initiative under an objective; it joins the cycle of every open year it is in effect in. */
  default: async (event) => {
    requireRole(event, "admin")
    const form = await event.request.formData()
    const plan = await currentPlan(event.locals.api, event.url)
    const values = initiativeValuesOf(form)
    const errors: Array<FieldError> = []
    const candidate = initiativeCandidateOf(form, values, errors)
    const refuse = (status: number, found: ReadonlyArray<FieldError>) =>
      fail(status, {
        values,
        errors: onePerField(found.map((e) => ({ ...e, path: e.path && initiativeField(e.path) })))
      })
    if (errors.length > 0) return refuse(400, errors)
    const body = decodeBody(InitiativeCreate, candidate)
    if (Result.isFailure(body)) return refuse(400, body.failure)
    try {
      await ok(event.locals.api.plans[":planId"].initiatives.$post({ param: { planId: plan.id }, json: body.success }))
    } catch (e) {
      return refuse(statusOf(e), structureErrorsOf(e))
    }
    redirect(303, `/initiatives/${body.success.no}?notice=created`)
  }
}
