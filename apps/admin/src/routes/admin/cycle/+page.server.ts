import { CycleOpen, CyclePatch } from "@sukoyaka/core"
import { fail, type RequestEvent } from "@sveltejs/kit"
import { Result } from "effect"
import { m } from "#lib/paraglide/messages.js"
import type { FieldError } from "#lib/review-form.ts"
import { ApiProblem, ok } from "#lib/server/api.ts"
import { requireRole } from "#lib/server/guard.ts"
import { bilingual } from "#lib/server/messages.ts"
import { currentPlan, orFail } from "#lib/server/plan.ts"
import { decodeBody, ifMatch, onePerField, statusOf, structureErrorsOf, textOf } from "#lib/server/structure.ts"
import { planAndYear } from "#lib/server/years.ts"
import { type AgencyRow, agencyDueDatesOf, rowsOf } from "./form.ts"
import type { Actions, PageServerLoad } from "./$types"

/** The year whose opening the page offers: `?year=`, else the year after the last cycle (or the last reviews). */
const yearToOpen = (url: URL, cycles: ReadonlyArray<{ fiscalYear: number }>, years: ReadonlyArray<number>) => {
  const wanted = Number(url.searchParams.get("year"))
  if (Number.isInteger(wanted) && wanted >= 2000 && wanted <= 2100) return wanted
  const last = cycles.at(-1)?.fiscalYear ?? years.at(-1) ?? new Date().getFullYear() - 1
  return Math.min(last + 1, 2100)
}

export const load: PageServerLoad = async (event) => {
  requireRole(event, "admin")
  return orFail(
    (async () => {
      const api = event.locals.api
      const { plan, years } = await planAndYear(api, event.url)
      const param = { planId: plan.id }
      const [cycles, agencies] = await Promise.all([
        ok(api.plans[":planId"].cycles.$get({ param })),
        ok(api.plans[":planId"].agencies.$get({ param }))
      ])
      const year = yearToOpen(event.url, cycles, years)
      const preview = await ok(
        api.plans[":planId"].cycles[":fiscalYear"].preview.$get({ param: { ...param, fiscalYear: String(year) } })
      )
      return { plan, cycles, agencies: agencies.filter((agency) => agency.until == null), year, preview }
    })()
  )
}

const rowMessages = () => ({
  agency: { path: "", ...bilingual(m.cycle_agency_required) },
  date: { path: "", ...bilingual(m.cycle_date_required) }
})

/** The form's state shown again (with its errors, or with rows added / removed), under its key. */
const stateOf = (key: string, form: FormData, rows: ReadonlyArray<AgencyRow>, errors: ReadonlyArray<FieldError>) => ({
  key,
  errors: errors.map((error) => ({ ...error, path: error.path === "" ? "" : `${key}.${error.path}` })),
  values: { dueDate: textOf(form, "dueDate") },
  rows: [...rows]
})

const again = (
  status: number,
  key: string,
  form: FormData,
  rows: ReadonlyArray<AgencyRow>,
  errors: ReadonlyArray<FieldError>
) => fail(status, stateOf(key, form, rows, errors))

/** An API failure as the form's errors: a stale version says to reload, as everywhere. */
const apiErrors = (e: unknown, toForm: (path: string) => string = (path) => path): ReadonlyArray<FieldError> =>
  e instanceof ApiProblem && e.status === 412
    ? [{ path: "", ...bilingual(m.cycle_stale) }]
    : structureErrorsOf(e, toForm)

const begin = async (event: RequestEvent) => {
  requireRole(event, "admin")
  const form = await event.request.formData()
  const plan = await currentPlan(event.locals.api, event.url)
  return { form, planId: plan.id, fiscalYear: textOf(form, "fiscalYear") }
}

/** Adds a blank agency row or removes one (`remove` = its index): the form again, nothing written. */
const editRows = async (event: RequestEvent) => {
  const { form } = await begin(event)
  const rows = rowsOf(form)
  const remove = textOf(form, "remove")
  const next = remove === "" ? [...rows, { agencyId: "", dueDate: "" }] : rows.filter((_, i) => String(i) !== remove)
  return stateOf(textOf(form, "key"), form, next, [])
}

/** A PATCH of a cycle at the version the person saw. */
const patch = async (
  event: RequestEvent,
  body: Record<string, unknown>,
  done: string,
  toForm?: (path: string) => string
) => {
  const { form, planId, fiscalYear } = await begin(event)
  const key = `cycle-${fiscalYear}`
  const decodedBody = decodeBody(CyclePatch, body)
  if (Result.isFailure(decodedBody)) return again(400, key, form, rowsOf(form), decodedBody.failure)
  try {
    await ok(
      event.locals.api.plans[":planId"].cycles[":fiscalYear"].$patch(
        { param: { planId, fiscalYear }, json: decodedBody.success },
        ifMatch(textOf(form, "version"))
      )
    )
  } catch (e) {
    return again(statusOf(e), key, form, rowsOf(form), apiErrors(e, toForm))
  }
  return { key, done }
}

export const actions: Actions = {
  open: async (event) => {
    const { form, planId, fiscalYear } = await begin(event)
    const key = "open"
    const rows = rowsOf(form)
    const { agencyDueDates, errors, toForm } = agencyDueDatesOf(rows, rowMessages())
    const candidate = { fiscalYear: Number(fiscalYear), dueDate: textOf(form, "dueDate"), agencyDueDates }
    const body = decodeBody(CycleOpen, candidate)
    const all = [
      ...errors,
      ...(Result.isFailure(body) ? body.failure.map((e) => ({ ...e, path: toForm(e.path) })) : [])
    ]
    if (all.length > 0 || Result.isFailure(body)) return again(400, key, form, rows, onePerField(all))
    try {
      const opened = await ok(event.locals.api.plans[":planId"].cycles.$post({ param: { planId }, json: body.success }))
      return { key, done: "open", created: opened.rollover.created }
    } catch (e) {
      return again(statusOf(e), key, form, rows, apiErrors(e, toForm))
    }
  },
  rows: editRows,
  dates: async (event) => {
    const form = await event.request.clone().formData()
    const { agencyDueDates, errors, toForm } = agencyDueDatesOf(rowsOf(form), rowMessages())
    if (errors.length > 0) {
      requireRole(event, "admin")
      return again(400, `cycle-${textOf(form, "fiscalYear")}`, form, rowsOf(form), errors)
    }
    return patch(event, { dueDate: textOf(form, "dueDate"), agencyDueDates }, "dates", toForm)
  },
  close: (event) => patch(event, { closed: true }, "close"),
  reopen: (event) => patch(event, { closed: false }, "reopen")
}
