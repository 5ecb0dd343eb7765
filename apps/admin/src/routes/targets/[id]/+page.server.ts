import { InitiativePage, TargetTrendView, TargetView } from "@sukoyaka/core"
import { error, fail } from "@sveltejs/kit"
import { Result } from "effect"
import { ApiProblem, decoded, ok } from "#lib/server/api.ts"
import { requireUser } from "#lib/server/guard.ts"
import { currentPlan, orFail } from "#lib/server/plan.ts"
import { bilingual } from "#lib/server/messages.ts"
import { formErrorsOf } from "#lib/server/problems.ts"
import { m } from "#lib/paraglide/messages.js"
import { readTargetForm, rowOf, targetUpdateOf, type TargetFormState } from "#lib/target-form.ts"
import type { Actions, PageServerLoad } from "./$types"

export type { ObservationRow } from "#lib/target-form.ts"

export const load: PageServerLoad = async (event) => {
  requireUser(event)
  if (!/^[a-z0-9-]{1,64}$/.test(event.params.id)) error(404, "not found / 見つかりません")
  const api = event.locals.api
  return orFail(
    (async () => {
      const plan = await currentPlan(api, event.url)
      const [target, initiatives, trend] = await Promise.all([
        decoded(
          TargetView,
          api.plans[":planId"].targets[":targetId"].$get({
            param: { planId: plan.id, targetId: event.params.id }
          })
        ),
        // Every initiative of the plan, retired ones too: a link to what served the target stays true.
        decoded(
          InitiativePage,
          api.plans[":planId"].initiatives.$get({
            param: { planId: plan.id },
            query: { pageSize: "200" }
          })
        ),
        decoded(
          TargetTrendView,
          api.plans[":planId"].targets[":targetId"].trend.$get({
            param: { planId: plan.id, targetId: event.params.id }
          })
        )
      ])
      const typed: TargetFormState = {
        baseline: rowOf(target.baseline),
        targetYear: target.targetYear === null ? "" : String(target.targetYear),
        rows: target.observations.map(rowOf),
        method: target.method ?? "test",
        initiativeNos: [...target.initiativeNos]
      }
      return {
        plan,
        target,
        trend,
        typed,
        initiatives: initiatives.items.map((item) => ({
          no: item.no,
          name: item.name,
          until: item.until
        }))
      }
    })()
  )
}

export const actions: Actions = {
  /**
   * The baseline, target year, observations, method and linked initiatives as typed, read with
   * core's year parser and schema, PUT with the version the page was read at. Admins only: the
   * API refuses others too, and this refuses before asking it.
   */
  default: async (event) => {
    const user = requireUser(event)
    const form = await event.request.formData()
    const typed = readTargetForm(form)
    const version = String(form.get("version") ?? "")
    if (user.role !== "admin")
      return fail(403, {
        typed,
        errors: [{ path: "", ...bilingual(m.target_admin_only) }]
      })
    const plan = await currentPlan(event.locals.api, event.url)
    const param = { planId: plan.id, targetId: event.params.id }
    try {
      const current = await decoded(TargetView, event.locals.api.plans[":planId"].targets[":targetId"].$get({ param }))
      const update = targetUpdateOf(typed, current.targetValue)
      if (Result.isFailure(update)) return fail(400, { typed, errors: update.failure })
      await ok(
        event.locals.api.plans[":planId"].targets[":targetId"].$put(
          { param, json: update.success },
          { headers: { "If-Match": `"v${version}"` } }
        )
      )
    } catch (e) {
      if (e instanceof ApiProblem && e.status === 412)
        return fail(412, {
          typed,
          errors: [{ path: "", ...bilingual(m.target_stale) }]
        })
      return fail(e instanceof ApiProblem ? e.status : 500, {
        typed,
        errors: formErrorsOf(e)
      })
    }
    return { saved: true, typed: undefined, errors: undefined }
  }
}
