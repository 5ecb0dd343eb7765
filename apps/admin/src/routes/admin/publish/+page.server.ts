import { PublicationStatus } from "@sukoyaka/core"
import { fail, type RequestEvent } from "@sveltejs/kit"
import { Schema } from "effect"
import { m } from "#lib/paraglide/messages.js"
import { ApiProblem, decoded, ok } from "#lib/server/api.ts"
import { requireRole } from "#lib/server/guard.ts"
import { bilingual } from "#lib/server/messages.ts"
import { currentPlan, orFail } from "#lib/server/plan.ts"
import { ifMatch, structureErrorsOf, textOf } from "#lib/server/structure.ts"
import type { Actions, PageServerLoad } from "./$types"

/** 「公開」: every year with reviews, how many are approved, and whether the public sees it (admin only). */
export const load: PageServerLoad = async (event) => {
  requireRole(event, "admin")
  return orFail(
    (async () => {
      const plan = await currentPlan(event.locals.api, event.url)
      const years = await decoded(
        Schema.Array(PublicationStatus),
        event.locals.api.plans[":planId"]["published-years"].$get({ param: { planId: plan.id } })
      )
      return { plan: { id: plan.id, title: plan.title }, years }
    })()
  )
}

/** Publishes or withdraws the year at the version the page showed: a change made meanwhile says to reload. */
const change = async (event: RequestEvent, publish: boolean) => {
  requireRole(event, "admin")
  const form = await event.request.formData()
  const plan = await currentPlan(event.locals.api, event.url)
  const fiscalYear = textOf(form, "fiscalYear")
  const param = { planId: plan.id, fiscalYear }
  const route = event.locals.api.plans[":planId"]["published-years"][":fiscalYear"]
  try {
    const options = ifMatch(textOf(form, "version"))
    if (publish) await ok(route.$put({ param }, options))
    else {
      const response = await route.$delete({ param }, options)
      if (!response.ok) await ok(Promise.resolve(response))
    }
  } catch (e) {
    const errors =
      e instanceof ApiProblem && e.status === 412 ? [{ path: "", ...bilingual(m.publish_stale) }] : structureErrorsOf(e)
    return fail(e instanceof ApiProblem ? e.status : 400, { errors, fiscalYear })
  }
  return { done: publish ? "publish" : "withdraw", fiscalYear }
}

export const actions: Actions = {
  publish: (event) => change(event, true),
  withdraw: (event) => change(event, false)
}
