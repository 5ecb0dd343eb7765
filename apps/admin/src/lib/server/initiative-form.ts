import { type LifeStage, lifeStages, sortLifeStages } from "@sukoyaka/core"
import type { FieldError } from "#lib/review-form.ts"
import { integerOf, textOf, yearsOf } from "./structure.ts"

/** The initiative form's fields as typed: what is shown again when the API refuses them. */
export interface InitiativeValues {
  no: string
  name: string
  isNew: boolean
  newNote: string
  formerName: string
  content: string
  lifeStagesText: string
  lifeStages: ReadonlyArray<string>
  agencies: ReadonlyArray<string>
  /** The objective's key 「3-1-1」: policy, area and objective. */
  objective: string
  since: string
  until: string
}

export const initiativeValuesOf = (form: FormData): InitiativeValues => ({
  no: textOf(form, "no"),
  name: textOf(form, "name"),
  isNew: form.get("isNew") === "on",
  newNote: textOf(form, "newNote"),
  formerName: textOf(form, "formerName"),
  // Column D keeps its line breaks: only the ends are trimmed.
  content: String(form.get("content") ?? "")
    .replace(/\r\n/g, "\n")
    .trim(),
  lifeStagesText: textOf(form, "lifeStagesText"),
  lifeStages: form.getAll("lifeStages").map(String),
  agencies: form.getAll("agencies").map(String),
  objective: textOf(form, "objective"),
  since: textOf(form, "since"),
  until: textOf(form, "until")
})

const isLifeStage = (value: string): value is LifeStage => (lifeStages as ReadonlyArray<string>).includes(value)

/**
 * The body the core schema (InitiativeCreate / InitiativePatch) checks: the objective's key split
 * into its numbers (none when not chosen: the schema says it is required), markers from their
 * fields, the years read as 西暦 or 令和 (an unreadable one is an error in `errors`).
 */
export const initiativeCandidateOf = (form: FormData, values: InitiativeValues, errors: Array<FieldError>) => {
  const [policyNo, areaNo, objectiveNo] = /^\d+-\d+-\d+$/.test(values.objective)
    ? values.objective.split("-").map(Number)
    : []
  return {
    ...(form.has("no") ? { no: integerOf(values.no) } : {}),
    ...(policyNo !== undefined ? { policyNo, areaNo, objectiveNo } : {}),
    name: values.name,
    markers: {
      isNew: values.isNew,
      newNote: values.newNote === "" ? null : values.newNote,
      formerName: values.formerName === "" ? null : values.formerName
    },
    content: values.content,
    lifeStagesText: values.lifeStagesText,
    lifeStages: sortLifeStages(values.lifeStages.filter(isLifeStage)),
    agencies: values.agencies,
    ...yearsOf(form, ["since", "until"], errors)
  }
}

/** The form's field an API or schema path is about: the objective's three numbers are one choice. */
export const initiativeField = (path: string): string => {
  if (/^(policyNo|areaNo|objectiveNo)$/.test(path)) return "objective"
  if (/^markers\.(newNote|formerName|isNew)$/.test(path)) return path.replace(/^markers\./, "")
  return path.replace(/\[\d+\]$/, "").replace(/^markers$/, "isNew")
}
