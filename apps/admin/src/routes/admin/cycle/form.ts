import type { FieldError } from "#lib/review-form.ts"

/*
 * The cycle forms' agency rows, read without JavaScript: `rows` says how many the form has,
 * `agency.N` and `agencyDue.N` are row N. A blank row is ignored; a half-filled one is an error at
 * its empty field. The API numbers only the rows it got, so its errors are mapped back to the rows.
 */

export interface AgencyRow {
  readonly agencyId: string
  readonly dueDate: string
}

const text = (form: FormData, name: string) => String(form.get(name) ?? "").trim()

/** The rows as typed (blank ones too), for showing the form again. */
export const rowsOf = (form: FormData): Array<AgencyRow> => {
  const count = Math.min(Math.max(Number(text(form, "rows")) || 0, 0), 100)
  return Array.from({ length: count }, (_, i) => ({
    agencyId: text(form, `agency.${i}`),
    dueDate: text(form, `agencyDue.${i}`)
  }))
}

/** The field path of row `row`'s `field`, as the form's ids and errors name it. */
export const rowPath = (row: number, field: "agencyId" | "dueDate") => `agencyDueDates[${row}].${field}`

/**
 * The rows to send (blank ones left out), the errors of half-filled ones, and a mapping of an API
 * path `agencyDueDates[k]…` to the form's row.
 */
export const agencyDueDatesOf = (
  rows: ReadonlyArray<AgencyRow>,
  messages: { readonly agency: FieldError; readonly date: FieldError }
) => {
  const errors: Array<FieldError> = []
  const sent: Array<{ agencyId: string; dueDate: string }> = []
  const rowOfSent: Array<number> = []
  rows.forEach((row, i) => {
    if (row.agencyId === "" && row.dueDate === "") return
    if (row.agencyId === "") errors.push({ ...messages.agency, path: rowPath(i, "agencyId") })
    if (row.dueDate === "") errors.push({ ...messages.date, path: rowPath(i, "dueDate") })
    sent.push(row)
    rowOfSent.push(i)
  })
  const toForm = (path: string) =>
    path.replace(
      /^(?:json\.)?agencyDueDates\[(\d+)\]/,
      (_, k: string) => `agencyDueDates[${rowOfSent[Number(k)] ?? k}]`
    )
  return { agencyDueDates: sent, errors, toForm }
}
