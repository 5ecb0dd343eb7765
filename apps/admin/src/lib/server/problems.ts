import type { FieldError } from "#lib/review-form.ts"
import { ApiProblem } from "./api.ts"

/** A problem as a form shows it: the field errors, or one error for the whole form. */
export const formErrorsOf = (e: unknown): ReadonlyArray<FieldError> => {
  if (!(e instanceof ApiProblem)) throw e
  if (e.problem.errors && e.problem.errors.length > 0) return e.problem.errors
  return [
    {
      path: "",
      ja: `${e.problem.titles?.ja ?? e.problem.title}${e.problem.detail ? `（${e.problem.detail}）` : ""}`,
      en: `${e.problem.titles?.en ?? e.problem.title}${e.problem.detail ? ` (${e.problem.detail})` : ""}`
    }
  ]
}
