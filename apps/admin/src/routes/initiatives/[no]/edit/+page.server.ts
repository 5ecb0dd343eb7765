import { InitiativeDetail, InitiativePatch } from "@sukoyaka/core"
import { error, fail, type RequestEvent } from "@sveltejs/kit"
import { Result } from "effect"
import { m } from "#lib/paraglide/messages.js"
import type { FieldError } from "#lib/review-form.ts"
import { decoded, ok } from "#lib/server/api.ts"
import { requireRole } from "#lib/server/guard.ts"
import {
  initiativeCandidateOf,
  initiativeField,
  type InitiativeValues,
  initiativeValuesOf
} from "#lib/server/initiative-form.ts"
import { bilingual } from "#lib/server/messages.ts"
import { currentPlan, orFail } from "#lib/server/plan.ts"
import { structureHistory } from "#lib/server/structure-history.ts"
import {
  decodeBody,
  ifMatch,
  onePerField,
  statusOf,
  structureErrorsOf,
  textOf,
  yearsOf
} from "#lib/server/structure.ts"
import type { Actions, PageServerLoad } from "./$types"

export const load: PageServerLoad = async (event) => {
  requireRole(event, "admin")
  const no = event.params.no
  if (!/^\d{1,4}$/.test(no)) error(404, "not found / 見つかりません")
  return orFail(
    (async () => {
      const plan = await currentPlan(event.locals.api, event.url)
      const [detail, agencies, audit] = await Promise.all([
        decoded(
          InitiativeDetail,
          event.locals.api.plans[":planId"].initiatives[":no"].$get({ param: { planId: plan.id, no } })
        ),
        ok(event.locals.api.plans[":planId"].agencies.$get({ param: { planId: plan.id } })),
        ok(
          event.locals.api.audit.$get({
            query: { planId: plan.id, entity: "initiative", entityKey: `${plan.id}/${no}`, limit: "20" }
          })
        )
      ])
      const values: InitiativeValues = {
        no: String(detail.no),
        name: detail.name,
        isNew: detail.markers.isNew,
        newNote: detail.markers.newNote ?? "",
        formerName: detail.markers.formerName ?? "",
        content: detail.content,
        lifeStagesText: detail.lifeStagesText,
        lifeStages: detail.lifeStages,
        agencies: detail.agencies,
        objective: `${detail.policyNo}-${detail.areaNo}-${detail.objectiveNo}`,
        since: detail.since === null ? "" : String(detail.since),
        until: detail.until === null ? "" : String(detail.until)
      }
      return {
        plan,
        agencies,
        values,
        history: structureHistory(audit),
        no: detail.no,
        name: detail.name,
        version: detail.version,
        since: detail.since,
        until: detail.until
      }
    })()
  )
}

/** A PATCH of the initiative at the version the person saw; errors land at the form's fields. */
const patch = async (
  event: RequestEvent,
  action: string,
  bodyOf: (form: FormData, errors: Array<FieldError>) => unknown
) => {
  requireRole(event, "admin")
  const form = await event.request.formData()
  const plan = await currentPlan(event.locals.api, event.url)
  const no = event.params.no ?? ""
  const values = action === "save" ? initiativeValuesOf(form) : undefined
  const refuse = (status: number, found: ReadonlyArray<FieldError>) =>
    fail(status, {
      action,
      values,
      // What was typed as the change's year, given back with the errors.
      effectiveFrom: action === "save" ? textOf(form, "effectiveFrom") : "",
      // The retire form's year has an id of its own: the page also shows the first year's field.
      errors: onePerField(
        found.map((e) => {
          const field = e.path && initiativeField(e.path)
          return { ...e, path: action !== "save" && field === "until" ? "retireUntil" : field }
        })
      )
    })
  const errors: Array<FieldError> = []
  const candidate = bodyOf(form, errors)
  if (errors.length > 0) return refuse(400, errors)
  const body = decodeBody(InitiativePatch, candidate)
  if (Result.isFailure(body)) return refuse(400, body.failure)
  try {
    await ok(
      event.locals.api.plans[":planId"].initiatives[":no"].$patch(
        { param: { planId: plan.id, no }, json: body.success },
        ifMatch(textOf(form, "version"))
      )
    )
  } catch (e) {
    return refuse(statusOf(e), structureErrorsOf(e))
  }
  return { done: action }
}

export const actions: Actions = {
  /** Name, markers, content, life stages, agencies, objective and years, as one change. */
  save: (event) =>
    patch(event, "save", (form, errors) => {
      // A rename or move from a year on keeps the earlier years as they were (ADR 0010); empty: a correction.
      const { effectiveFrom } = yearsOf(form, ["effectiveFrom"], errors)
      return {
        ...(initiativeCandidateOf(form, initiativeValuesOf(form), errors) as object),
        ...(effectiveFrom != null ? { effectiveFrom } : {})
      }
    }),
  /** Ends the initiative with a fiscal year: the next year's cycle leaves it out, its years keep it. */
  retire: (event) =>
    patch(event, "retire", (form, errors) => {
      const years = yearsOf(form, ["until"], errors)
      if (errors.length === 0 && years.until == null)
        errors.push({ path: "until", ...bilingual(m.structure_until_required) })
      return years
    }),
  reinstate: (event) => patch(event, "reinstate", () => ({ until: null })),
  /** Sets the initiative back to what an entry of its history kept from before its change. */
  restore: async (event) => {
    requireRole(event, "admin")
    const form = await event.request.formData()
    const plan = await currentPlan(event.locals.api, event.url)
    const auditId = textOf(form, "auditId")
    if (!/^\d{1,12}$/.test(auditId)) error(400, "bad request / 不正な要求です")
    try {
      await ok(
        event.locals.api.plans[":planId"].audit[":auditId"].restore.$post(
          { param: { planId: plan.id, auditId } },
          ifMatch(textOf(form, "version"))
        )
      )
    } catch (e) {
      return fail(statusOf(e), {
        action: "restore",
        errors: structureErrorsOf(e),
        values: undefined,
        effectiveFrom: ""
      })
    }
    return { done: "restore" }
  }
}
