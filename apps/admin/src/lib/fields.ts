import type { FieldError } from "./review-form.ts"

/** The id of the input a problem path points at: `measures[0].actual` → `f-measures-0-actual`. */
export const fieldId = (path: string): string => `f-${path.replace(/[^A-Za-z0-9]+/g, "-").replace(/-$/, "") || "form"}`

export const errorsFor = (errors: ReadonlyArray<FieldError> | undefined, path: string): ReadonlyArray<FieldError> =>
  (errors ?? []).filter((error) => error.path === path || error.path === `json.${path}`)

/** Errors whose path names no input on the form: shown in the summary only. */
export const describedBy = (
  errors: ReadonlyArray<FieldError> | undefined,
  path: string,
  hint?: string
): string | undefined => {
  const ids = [hint, errorsFor(errors, path).length > 0 ? `${fieldId(path)}-error` : undefined].filter(Boolean)
  return ids.length > 0 ? ids.join(" ") : undefined
}
