import { yearLabel } from "#lib/format.ts"
import { locale } from "#lib/i18n.ts"
import { m } from "#lib/paraglide/messages.js"

/** 「令和６年度から」, "FY2024–FY2025", 「全期間」: the years something is in effect, in the reader's language. */
export const spanText = (since: number | null | undefined, until: number | null | undefined): string => {
  const from = since == null ? null : yearLabel(since, locale())
  const to = until == null ? null : yearLabel(until, locale())
  if (from === null && to === null) return m.structure_span_all()
  if (to === null) return m.structure_span_from({ since: from! })
  if (from === null) return m.structure_span_until({ until: to })
  return m.structure_span_between({ since: from, until: to })
}

const fieldLabels: Record<string, () => string> = {
  no: m.structure_field_no,
  title: m.structure_field_title,
  statement: m.structure_field_statement,
  since: m.structure_field_since,
  until: m.structure_field_until,
  retireUntil: m.structure_field_until,
  effectiveFrom: m.structure_field_effective_from,
  position: m.structure_field_position,
  id: m.structure_agency_id,
  name: m.structure_field_name,
  reading: m.structure_agency_reading,
  kind: m.structure_agency_kind,
  objective: m.structure_field_objective,
  // An initiative's history names its row's columns: its place as the objective, its markers as such.
  policyNo: m.structure_field_objective,
  areaNo: m.structure_field_objective,
  objectiveNo: m.structure_field_objective,
  markers: m.structure_markers,
  content: m.structure_field_content,
  lifeStagesText: m.structure_field_life_stages_text,
  lifeStages: m.structure_field_life_stages,
  agencies: m.structure_field_agencies,
  newNote: m.structure_field_new_note,
  formerName: m.structure_field_former_name
}

/** A form field's name for the error summary: the last part of its path (`policy-3.title` → 名称). */
export const structureFieldLabel = (path: string): string => {
  const field = path.split(".").at(-1) ?? path
  return fieldLabels[field.replace(/\[\d+\]$/, "")]?.() ?? field
}
