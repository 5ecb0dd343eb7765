import type { Client } from "@sukoyaka/api/client"
import { defaultSurveyColumns, FrameworkSettings } from "@sukoyaka/core"
import { fail } from "@sveltejs/kit"
import { ApiProblem, decoded, ok } from "./api.ts"
import { frameworkErrorsOf } from "./frameworks.ts"
import { ifMatch, textOf } from "./structure.ts"

/*
 * The plan's framework settings (#24) as one plain form: 団体コード, the switches, the
 * recommended measures and the survey column map. What the form does not know (a setting added
 * later) is sent back as it was read.
 */

/**
 * The settings that are one checkbox each. A new boolean setting is its name here and its label
 * on the page (settings/+page.svelte's `switchLabels`).
 */
export const settingSwitches = ["publishCoverage", "tagProposals"] as const
export type SettingSwitch = (typeof settingSwitches)[number]

/** One row of the column map as the form holds it (position and removal as typed). */
export interface ColumnRow {
  readonly heading: string
  readonly field: string
  readonly framework: string
  readonly position: string
  readonly remove: boolean
}

/** What the form shows: the stored settings, or after a refusal what was typed. */
export interface SettingsDraft {
  readonly cityCode: string
  readonly switches: Record<SettingSwitch, boolean>
  readonly recommended: ReadonlyArray<{ readonly frameworkId: string; readonly code: string }>
  readonly columns: ReadonlyArray<ColumnRow>
}

export const loadSettings = (api: Client, planId: string) =>
  decoded(FrameworkSettings, api.plans[":planId"]["framework-settings"].$get({ param: { planId } }))

export const draftOf = (settings: FrameworkSettings): SettingsDraft => ({
  cityCode: settings.cityCode,
  switches: Object.fromEntries(settingSwitches.map((name) => [name, settings[name]])) as Record<SettingSwitch, boolean>,
  recommended: settings.recommended,
  columns: settings.surveyColumns.map((column, index) => ({
    heading: column.heading,
    field: column.field,
    framework: column.framework ?? "",
    position: String(index + 1),
    remove: false
  }))
})

const measureOf = (value: string) => {
  const [frameworkId = "", code = ""] = value.split("|")
  return { frameworkId, code }
}

/** The form as typed: the rows (a blank one is no row), the recommendations kept and the one added. */
const draftFromForm = (form: FormData): SettingsDraft => {
  const rows = Number(textOf(form, "rows"))
  const columns: Array<ColumnRow> = []
  for (let index = 0; index < Math.min(Number.isInteger(rows) ? rows : 0, 100); index++) {
    const at = (name: string) => textOf(form, `columns[${index}].${name}`)
    const row = {
      heading: at("heading"),
      field: at("field"),
      framework: at("framework"),
      position: at("position"),
      remove: form.get(`columns[${index}].remove`) === "on"
    }
    if (row.heading !== "" || row.field !== "") columns.push(row)
  }
  const added = textOf(form, "addRecommended")
  const kept = form.getAll("recommended").map((value) => measureOf(String(value)))
  const recommended = [...kept, ...(added === "" ? [] : [measureOf(added)])].filter(
    (measure, index, all) =>
      all.findIndex((other) => other.frameworkId === measure.frameworkId && other.code === measure.code) === index
  )
  return {
    cityCode: textOf(form, "cityCode"),
    switches: Object.fromEntries(settingSwitches.map((name) => [name, form.get(name) === "on"])) as Record<
      SettingSwitch,
      boolean
    >,
    recommended,
    columns
  }
}

/** The rows to send, by position (ties keep the form's order), each with its row on the form. */
const orderedColumns = (columns: ReadonlyArray<ColumnRow>) =>
  columns
    .map((row, index) => ({ row, index, position: Number(row.position.normalize("NFKC")) }))
    .filter(({ row }) => !row.remove)
    .toSorted(
      (a, b) =>
        (Number.isFinite(a.position) ? a.position : a.index + 1) -
          (Number.isFinite(b.position) ? b.position : b.index + 1) || a.index - b.index
    )

/** The settings read as JSON (every key, known to this form or not), for a write to start from. */
const currentJson = async (api: Client, planId: string) => {
  const {
    planId: _planId,
    version: _version,
    ...rest
  } = (await ok(api.plans[":planId"]["framework-settings"].$get({ param: { planId } }))) as Record<string, unknown>
  return rest
}

const put = (api: Client, planId: string, version: string, body: Record<string, unknown>) =>
  ok(api.plans[":planId"]["framework-settings"].$put({ param: { planId }, json: body as never }, ifMatch(version)))

/** Saves the form at the version the page showed; refused, the errors at the rows as the form had them. */
export const saveSettings = async (api: Client, planId: string, form: FormData) => {
  const draft = draftFromForm(form)
  const ordered = orderedColumns(draft.columns)
  try {
    await put(api, planId, textOf(form, "version"), {
      ...(await currentJson(api, planId)),
      cityCode: draft.cityCode,
      ...draft.switches,
      recommended: draft.recommended,
      surveyColumns: ordered.map(({ row }) => ({
        heading: row.heading,
        field: row.field,
        ...(row.framework === "" ? {} : { framework: row.framework })
      }))
    })
  } catch (e) {
    // The API numbers the rows it was sent; the form numbers the rows it showed.
    const errors = frameworkErrorsOf(e, (path) =>
      path.replace(/^surveyColumns\[(\d+)\]/, (_, sent: string) => `columns[${ordered[Number(sent)]?.index ?? 0}]`)
    )
    return fail(e instanceof ApiProblem ? e.status : 400, { errors, draft })
  }
  return { settingsSaved: true }
}

/** The survey columns back to the default map (every field once, headed in Japanese). */
export const resetColumns = async (api: Client, planId: string, form: FormData) => {
  try {
    await put(api, planId, textOf(form, "version"), {
      ...(await currentJson(api, planId)),
      surveyColumns: defaultSurveyColumns
    })
  } catch (e) {
    return fail(e instanceof ApiProblem ? e.status : 400, { errors: frameworkErrorsOf(e) })
  }
  return { columnsReset: true }
}
