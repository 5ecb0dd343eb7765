import { fail } from "@sveltejs/kit"
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

/**
 * A form action's answer to a write the API refused, under the form's `key`: someone saved first
 * (412) says to reload (`staleEn` names what changed); anything else, its field errors.
 */
export const writeRefused = <K extends string>(e: unknown, key: K, staleEn: string) => {
  const errors: ReadonlyArray<FieldError> =
    e instanceof ApiProblem && e.status === 412
      ? [{ path: "", ja: "他の人が先に変更しました。画面を更新してからやり直してください", en: staleEn }]
      : formErrorsOf(e)
  return fail(e instanceof ApiProblem ? e.status : 500, { [key]: errors } as Record<K, ReadonlyArray<FieldError>>)
}
