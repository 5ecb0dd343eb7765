import {
  comparatorLabel,
  type FiscalYear,
  Rating,
  ratingLabel,
  ratingLetter,
  reviewStatusLabel,
  sheetHeadings
} from "@sukoyaka/core"
import { Schema } from "effect"
import { locale, tr } from "#lib/i18n.ts"
import { m } from "#lib/paraglide/messages.js"
import type { JsonChange } from "@sukoyaka/core"

const isRating = Schema.is(Rating)

const measureField = (name: string): string =>
  ({
    label: m.measure_label(),
    unit: m.measure_unit(),
    actual: m.measure_actual(),
    planned: m.measure_planned(),
    plannedUnit: m.measure_planned_unit(),
    comparator: m.measure_comparator(),
    agency: m.agency(),
    key: m.measure_key()
  })[name] ?? name

/**
 * A changed field of a review as its reader names it: 「G 参加者数等結果」, 「指標2 の実績」,
 * 「次年度 指標1 の予定」, 「状態」 — never the JSON path (`measures[1].actual`).
 */
export const reviewFieldLabel = (path: string, year: number): string => {
  const h = sheetHeadings(year as FiscalYear)
  const measure = /^(next\.)?measures\[(\d+)\]\.(\w+)$/.exec(path)
  if (measure) {
    const [, next, index, field] = measure
    const row = m.history_measure({ n: Number(index) + 1, field: measureField(field ?? "") })
    return next ? `${m.section_next()} ${row}` : row
  }
  const fields: Record<string, string> = {
    actions: `F ${tr(h.F)}`,
    resultText: `G ${tr(h.G)}`,
    plannedText: `H ${tr(h.H)}`,
    selfRating: `I ${tr(h.I)}`,
    ratingReason: `J ${tr(h.J)}`,
    "next.actions": `K ${tr(h.K)}`,
    "next.plannedText": `L ${tr(h.L)}`,
    "next.fiscalYear": `${m.section_next()} ${m.fiscal_year()}`,
    plannedActions: m.history_planned_actions(),
    status: m.status(),
    statusComment: m.status_comment(),
    approvedVersion: m.history_approved_version()
  }
  return fields[path] ?? path
}

/** A changed value in words: 作成中, Ｂ やや順調, 以上 — the codes (`draft`, `atLeast`) stay inside. */
export const reviewValueText = (path: string, value: unknown): string => {
  if (value === undefined || value === null || value === "") return "―"
  if (path === "status" && typeof value === "string" && value in reviewStatusLabel)
    return tr(reviewStatusLabel[value as keyof typeof reviewStatusLabel])
  if (path === "selfRating" && isRating(value)) return `${ratingLetter[value]} ${ratingLabel[value][locale()]}`
  if (path.endsWith(".comparator") && typeof value === "string" && value in comparatorLabel)
    return tr(comparatorLabel[value as keyof typeof comparatorLabel])
  return typeof value === "string" ? value : JSON.stringify(value)
}

/** A change as the history table shows it. */
export const describeChange = (change: JsonChange, year: number) => ({
  field: reviewFieldLabel(change.path, year),
  before: reviewValueText(change.path, change.before),
  after: reviewValueText(change.path, change.after)
})
