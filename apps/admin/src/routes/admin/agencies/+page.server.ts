import { AgencyCreate, AgencyPatch } from "@sukoyaka/core"
import { fail, type RequestEvent } from "@sveltejs/kit"
import { Result } from "effect"
import { m } from "#lib/paraglide/messages.js"
import type { FieldError } from "#lib/review-form.ts"
import { ok } from "#lib/server/api.ts"
import { requireRole } from "#lib/server/guard.ts"
import { bilingual } from "#lib/server/messages.ts"
import { currentPlan, orFail } from "#lib/server/plan.ts"
import { decodeBody, ifMatch, integerOf, statusOf, structureErrorsOf, textOf, yearsOf } from "#lib/server/structure.ts"
import type { Actions, PageServerLoad } from "./$types"

export const load: PageServerLoad = async (event) => {
  requireRole(event, "admin")
  return orFail(
    (async () => {
      const plan = await currentPlan(event.locals.api, event.url)
      // The API lists them in their order: position, reading (よみ), name.
      const agencies = await ok(event.locals.api.plans[":planId"].agencies.$get({ param: { planId: plan.id } }))
      return { plan, agencies }
    })()
  )
}

/** Errors of the form `key`, their paths made that form's field ids. */
const failWith = (status: number, key: string, action: string, errors: ReadonlyArray<FieldError>, form: FormData) =>
  fail(status, {
    key,
    action,
    errors: errors.map((error) => ({ ...error, path: error.path === "" ? "" : `${key}.${error.path}` })),
    values: Object.fromEntries([...form.entries()].map(([name, value]) => [name, String(value)]))
  })

const begin = async (event: RequestEvent) => {
  requireRole(event, "admin")
  const form = await event.request.formData()
  const plan = await currentPlan(event.locals.api, event.url)
  return { form, planId: plan.id }
}

/** What the create and edit forms share: name, reading, kind and position (blank: unchanged, or last). */
const fieldsOf = (form: FormData) => {
  const position = integerOf(textOf(form, "position"))
  return {
    name: textOf(form, "name"),
    reading: textOf(form, "reading"),
    kind: textOf(form, "kind"),
    ...(position !== undefined ? { position } : {})
  }
}

/** A PATCH of one agency at the version the person saw. */
const change = async (
  event: RequestEvent,
  action: string,
  bodyOf: (form: FormData, errors: Array<FieldError>) => Record<string, unknown>
) => {
  const { form, planId } = await begin(event)
  const agencyId = textOf(form, "id")
  const key = `agency-${agencyId}`
  const errors: Array<FieldError> = []
  const candidate = bodyOf(form, errors)
  if (errors.length > 0) return failWith(400, key, action, errors, form)
  const body = decodeBody(AgencyPatch, candidate)
  if (Result.isFailure(body)) return failWith(400, key, action, body.failure, form)
  try {
    await ok(
      event.locals.api.plans[":planId"].agencies[":agencyId"].$patch(
        { param: { planId, agencyId }, json: body.success },
        ifMatch(textOf(form, "version"))
      )
    )
  } catch (e) {
    return failWith(statusOf(e), key, action, structureErrorsOf(e), form)
  }
  return { key, done: action }
}

export const actions: Actions = {
  create: async (event) => {
    const { form, planId } = await begin(event)
    const key = "new-agency"
    const errors: Array<FieldError> = []
    const candidate = { id: textOf(form, "id"), ...fieldsOf(form), ...yearsOf(form, ["since", "until"], errors) }
    if (errors.length > 0) return failWith(400, key, "create", errors, form)
    const body = decodeBody(AgencyCreate, candidate)
    if (Result.isFailure(body)) return failWith(400, key, "create", body.failure, form)
    try {
      await ok(event.locals.api.plans[":planId"].agencies.$post({ param: { planId }, json: body.success }))
    } catch (e) {
      return failWith(statusOf(e), key, "create", structureErrorsOf(e), form)
    }
    return { key, done: "create" }
  },
  update: (event) =>
    change(event, "update", (form, errors) => ({ ...fieldsOf(form), ...yearsOf(form, ["since"], errors) })),
  retire: (event) =>
    change(event, "retire", (form, errors) => {
      const years = yearsOf(form, ["until"], errors)
      if (errors.length === 0 && years.until == null)
        errors.push({ path: "until", ...bilingual(m.structure_until_required) })
      return years
    }),
  reinstate: (event) => change(event, "reinstate", () => ({ until: null }))
}
