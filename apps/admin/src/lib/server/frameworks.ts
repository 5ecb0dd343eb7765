import type { Client } from "@sukoyaka/api/client"
import {
  type FrameworkDocument,
  type FrameworkMeasure,
  FrameworkDocument as FrameworkDocumentSchema,
  FrameworkSummary
} from "@sukoyaka/core"
import { type RequestEvent, fail } from "@sveltejs/kit"
import { Schema } from "effect"
import { m } from "#lib/paraglide/messages.js"
import type { FieldError } from "#lib/review-form.ts"
import { ApiProblem, decoded, ok, problemOf } from "./api.ts"
import { bilingual } from "./messages.ts"
import { postMultipart } from "./multipart.ts"
import { formErrorsOf } from "./problems.ts"
import { ifMatch, integerOf, textOf } from "./structure.ts"

/*
 * The secretariat's framework editor (#24): the loaded frameworks, one framework's measures, a
 * measure corrected or added, a framework loaded or replaced from a file (JSON) or a sheet (CSV).
 * Every write goes to the API with the version the page showed (If-Match).
 */

/** The loaded frameworks with their measures: what a tag or a recommendation may name. */
export const loadFrameworks = async (api: Client): Promise<ReadonlyArray<FrameworkDocument>> => {
  const list = await decoded(Schema.Array(FrameworkSummary), api.frameworks.$get())
  return Promise.all(
    list.map((summary) =>
      decoded(FrameworkDocumentSchema, api.frameworks[":frameworkId"].$get({ param: { frameworkId: summary.id } }))
    )
  )
}

export const loadFramework = (api: Client, frameworkId: string) =>
  decoded(FrameworkDocumentSchema, api.frameworks[":frameworkId"].$get({ param: { frameworkId } }))

/** The measures as the coverage report orders them: each parent by `order`, its children after it. */
export const measureTree = (
  measures: ReadonlyArray<FrameworkMeasure>
): ReadonlyArray<FrameworkMeasure & { readonly depth: number }> => {
  const byOrder = (a: FrameworkMeasure, b: FrameworkMeasure) => a.order - b.order || a.code.localeCompare(b.code)
  const childrenOf = (parent: string | null, depth: number): Array<FrameworkMeasure & { depth: number }> =>
    measures
      .filter((measure) => measure.parentCode === parent)
      .toSorted(byOrder)
      .flatMap((measure) => [{ ...measure, depth }, ...childrenOf(measure.code, depth + 1)])
  return childrenOf(null, 0)
}

/**
 * A refused write as the form's errors: someone saved first (412) says to reload; the API's field
 * errors keep their field (`json.` and `param.` dropped, `rename` maps the rest to the form's).
 */
export const frameworkErrorsOf = (e: unknown, rename: (path: string) => string = (path) => path) => {
  if (e instanceof ApiProblem && e.status === 412) return [{ path: "", ...bilingual(m.framework_stale) }]
  return formErrorsOf(e).map((error) => ({
    ...error,
    path: error.path === "" ? "" : rename(error.path.replace(/^(json|param)\./, ""))
  }))
}

const failed = (e: unknown, errors: ReadonlyArray<FieldError>, extra: Record<string, unknown> = {}) =>
  fail(e instanceof ApiProblem ? e.status : 400, { errors, ...extra })

const orNull = (text: string) => (text === "" ? null : text)

/** The measure form's fields as typed, for the form to show again after an error. */
const measureFields = [
  "code",
  "parentCode",
  "nameJa",
  "nameEn",
  "order",
  "source.document",
  "source.date",
  "source.url",
  "source.note"
] as const
export type MeasureDraft = Record<(typeof measureFields)[number], string> & { confirmed: boolean; mode: string }

const draftOf = (form: FormData): MeasureDraft => ({
  ...(Object.fromEntries(measureFields.map((name) => [name, textOf(form, name)])) as Record<
    (typeof measureFields)[number],
    string
  >),
  confirmed: form.get("confirmed") === "on",
  mode: textOf(form, "mode")
})

/**
 * Adds a measure (mode `add`) or corrects one (mode `edit`) with the framework's version the page
 * showed. An empty order puts a new measure after its siblings.
 */
export const saveMeasure = async (api: Client, frameworkId: string, form: FormData) => {
  const draft = draftOf(form)
  const current = await loadFramework(api, frameworkId)
  const code = draft.code
  if (code === "") return fail(400, { errors: [{ path: "code", ...bilingual(m.framework_code_required) }], draft })
  if (draft.mode === "add" && current.measures.some((measure) => measure.code === code))
    return fail(400, { errors: [{ path: "code", ...bilingual(m.framework_code_taken) }], draft })
  const parentCode = orNull(draft.parentCode)
  const siblings = current.measures.filter((measure) => measure.parentCode === parentCode && measure.code !== code)
  const order = integerOf(draft.order) ?? Math.max(0, ...siblings.map((measure) => measure.order)) + 1
  const note = draft["source.note"]
  const body = {
    parentCode,
    nameJa: draft.nameJa,
    nameEn: orNull(draft.nameEn),
    order,
    source: {
      document: draft["source.document"],
      date: orNull(draft["source.date"]),
      url: orNull(draft["source.url"]),
      ...(note === "" ? {} : { note })
    },
    confirmed: draft.confirmed
  }
  try {
    await ok(
      api.frameworks[":frameworkId"].measures[":code"].$put(
        // The order as typed goes on when it is no number: the API's schema says what is wrong, at the field.
        { param: { frameworkId, code }, json: body as typeof body & { order: number } },
        ifMatch(textOf(form, "version"))
      )
    )
  } catch (e) {
    return failed(e, frameworkErrorsOf(e), { draft })
  }
  return { savedMeasure: code }
}

/** A framework file (JSON) as typed: the parsed value, or the error at the file's field. */
const parseFile = async (file: File): Promise<{ json: unknown } | { error: FieldError }> => {
  try {
    return { json: JSON.parse(await file.text()) as unknown }
  } catch {
    return { error: { path: "file", ...bilingual(m.framework_file_not_json) } }
  }
}

const fileIdOf = (json: unknown): string | null => {
  const framework = (json as { framework?: { id?: unknown } } | null)?.framework
  return typeof framework?.id === "string" ? framework.id : null
}

/** The API's errors about a file's content, at the upload's field (the path says where in the file). */
const atFile = (e: unknown) =>
  frameworkErrorsOf(e).map((error) =>
    error.path === "" || error.path === "file"
      ? { ...error, path: "file" }
      : { path: "file", ja: `${error.path}: ${error.ja}`, en: `${error.path}: ${error.en}` }
  )

const chosenFile = (form: FormData): File | null => {
  const file = form.get("file")
  return file instanceof File && file.size > 0 ? file : null
}

/** A new framework from its file (the list page): one already loaded is replaced from its own page. */
export const loadNewFramework = async (api: Client, form: FormData) => {
  const file = chosenFile(form)
  if (file === null) return fail(400, { errors: [{ path: "file", ...bilingual(m.framework_file_required) }] })
  const parsed = await parseFile(file)
  if ("error" in parsed) return fail(400, { errors: [parsed.error] })
  const frameworkId = fileIdOf(parsed.json)
  if (frameworkId === null || !/^[a-z0-9][a-z0-9-]{0,62}$/.test(frameworkId))
    return fail(400, { errors: [{ path: "file", ...bilingual(m.framework_file_no_id) }] })
  const loaded = await decoded(Schema.Array(FrameworkSummary), api.frameworks.$get())
  if (loaded.some((framework) => framework.id === frameworkId))
    return fail(409, { errors: [{ path: "file", ...bilingual(m.framework_file_loaded) }], existing: frameworkId })
  try {
    await ok(
      api.frameworks[":frameworkId"].$put(
        { param: { frameworkId }, json: parsed.json as never },
        { headers: { "If-Match": `"v0"` } }
      )
    )
  } catch (e) {
    return failed(e, atFile(e))
  }
  return { loaded: frameworkId }
}

/**
 * A loaded framework replaced at the version the page showed: by a file (JSON, the same
 * framework) or its measures by a sheet (CSV, as `sukoyaka frameworks import … --framework`).
 */
export const replaceFramework = async (
  event: Pick<RequestEvent, "cookies" | "locals">,
  frameworkId: string,
  form: FormData
) => {
  const api = event.locals.api
  const file = chosenFile(form)
  if (file === null) return fail(400, { errors: [{ path: "file", ...bilingual(m.framework_file_required) }] })
  const version = textOf(form, "version")
  try {
    if (/\.csv$/i.test(file.name) || file.type === "text/csv") {
      const body = new FormData()
      body.set("file", file)
      const response = await postMultipart(
        event,
        `/frameworks/${encodeURIComponent(frameworkId)}/imports`,
        body,
        ifMatch(version).headers
      )
      if (!response.ok) throw await problemOf(response)
      return { replaced: "sheet" as const }
    }
    const parsed = await parseFile(file)
    if ("error" in parsed) return fail(400, { errors: [parsed.error] })
    if (fileIdOf(parsed.json) !== frameworkId)
      return fail(400, { errors: [{ path: "file", ...bilingual(m.framework_file_other) }] })
    await ok(
      api.frameworks[":frameworkId"].$put({ param: { frameworkId }, json: parsed.json as never }, ifMatch(version))
    )
    return { replaced: "file" as const }
  } catch (e) {
    return failed(e, atFile(e))
  }
}
