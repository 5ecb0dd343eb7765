import type { Client } from "@sukoyaka/api/client"
import { fieldIssueParseOptions, fieldIssuesOf, formatPath, parseYearInput } from "@sukoyaka/core"
import { Result, Schema } from "effect"
import { m } from "#lib/paraglide/messages.js"
import type { FieldError } from "#lib/review-form.ts"
import { ApiProblem, ok, problemOf } from "./api.ts"
import { bilingual } from "./messages.ts"
import type { PlanJson } from "./plan.ts"
import { formErrorsOf } from "./problems.ts"

/*
 * What the structure forms (the plan's tree, agencies, initiatives) share: reading the fields as
 * typed, checking them with the core schema the API checks with, sending the version the person
 * saw (If-Match), and turning the API's problems into errors at the fields.
 */

/** A form field's text, trimmed. */
export const textOf = (form: FormData, name: string): string => String(form.get(name) ?? "").trim()

/**
 * The years typed in `names` (西暦 or 令和), with an error at each one that is not a year. A field
 * the form does not have stays absent (unchanged); an empty one is null (no limit).
 */
export const yearsOf = <const K extends string>(
  form: FormData,
  names: ReadonlyArray<K>,
  errors: Array<FieldError>
): Partial<Record<K, number | null>> => {
  const years: Partial<Record<K, number | null>> = {}
  for (const name of names) {
    if (!form.has(name)) continue
    // Empty is no limit; otherwise a year as typed in either calendar (core's parseYearInput).
    const text = textOf(form, name).trim()
    const year = text === "" ? Result.succeed(null) : parseYearInput(text)
    if (Result.isFailure(year)) errors.push({ path: name, ...bilingual(m.structure_invalid_year) })
    else years[name] = year.success
  }
  return years
}

/** A whole number as typed (full-width digits too), or the text for the schema to refuse. */
export const integerOf = (text: string): number | string | undefined => {
  const compact = text.normalize("NFKC").trim()
  if (compact === "") return undefined
  return /^-?\d+$/.test(compact) ? Number(compact) : text
}

/** The body checked with the core schema the API checks it with: the typed value, or errors at the fields. */
export const decodeBody = <S extends Schema.ConstraintDecoder<unknown>>(
  schema: S,
  candidate: unknown
): Result.Result<S["Type"], ReadonlyArray<FieldError>> => {
  const result = Schema.decodeUnknownResult(schema, fieldIssueParseOptions)(candidate)
  if (Result.isSuccess(result)) return Result.succeed(result.success)
  return Result.fail(
    fieldIssuesOf(result.failure).map((issue) => ({ path: formatPath(issue.path), ja: issue.ja, en: issue.en }))
  )
}

/** The If-Match of a version the person saw. */
export const ifMatch = (version: string | number) => ({ headers: { "If-Match": `"v${version}"` } })

/**
 * A failed write as errors at the form's fields: a stale version says to reload (the tree or the
 * record changed since the page was read), a refusal says who may change structure, and the API's
 * own errors keep their field (`rename` maps an API path to the form's field).
 */
export const structureErrorsOf = (e: unknown, rename: (path: string) => string = (path) => path) => {
  if (e instanceof ApiProblem && e.status === 412) return [{ path: "", ...bilingual(m.structure_stale) }]
  if (e instanceof ApiProblem && e.status === 403) return [{ path: "", ...bilingual(m.structure_admin_only) }]
  return onePerField(
    formErrorsOf(e).map((error) => ({
      ...error,
      path: error.path === "" ? "" : rename(error.path.replace(/^(json|param)\./, ""))
    }))
  )
}

/** The same message once per field (the objective's three numbers report one missing choice three times). */
export const onePerField = (errors: ReadonlyArray<FieldError>): ReadonlyArray<FieldError> => {
  const seen = new Set<string>()
  return errors.filter((error) => {
    const key = `${error.path}\u0000${error.ja}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** The status of a failed write (a bug of ours is a 500). */
export const statusOf = (e: unknown): number => (e instanceof ApiProblem ? e.status : 500)

/** The plan's tree with its version (the ETag every tree write sends back in If-Match). */
export const treeOf = async (api: Client, planId: string): Promise<{ plan: PlanJson; version: number }> => {
  const response = await api.plans[":planId"].$get({ param: { planId } })
  if (!response.ok) throw await problemOf(response)
  const version = Number(/^(?:W\/)?"v(\d+)"$/.exec(response.headers.get("etag") ?? "")?.[1] ?? Number.NaN)
  return { plan: await ok(Promise.resolve(response)), version }
}
