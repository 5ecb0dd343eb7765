import { InitiativeTags, type MeasureTagInput, TagProposal } from "@sukoyaka/core"
import { Schema } from "effect"
import { fail } from "@sveltejs/kit"
import type { Client } from "@sukoyaka/api/client"
import { decoded, ok } from "#lib/server/api.ts"
import { loadFrameworks } from "#lib/server/frameworks.ts"
import { writeRefused } from "#lib/server/problems.ts"
import type { FieldError } from "#lib/review-form.ts"

/** An initiative's national measures, the frameworks to choose from and the agencies' proposals (#24). */
export const loadTags = async (api: Client, planId: string, no: string) => {
  const [tags, frameworks, proposals] = await Promise.all([
    decoded(InitiativeTags, api.plans[":planId"].initiatives[":no"].tags.$get({ param: { planId, no } })),
    loadFrameworks(api),
    decoded(
      Schema.Array(TagProposal),
      api.plans[":planId"].initiatives[":no"]["tag-proposals"].$get({ param: { planId, no } })
    )
  ])
  return { tags, frameworks, proposals }
}

const inputOf = (tag: MeasureTagInput) => ({
  frameworkId: tag.frameworkId as string,
  measureCode: tag.measureCode,
  since: tag.since as number,
  until: tag.until as number | null,
  role: tag.role,
  rationale: tag.rationale
})

/** Writes the list at the version the secretariat saw; a stale one or a bad tag: the form's errors. */
const save = async (
  api: Client,
  planId: string,
  no: string,
  version: string,
  tags: ReadonlyArray<ReturnType<typeof inputOf>>
) => {
  try {
    await ok(
      api.plans[":planId"].initiatives[":no"].tags.$put(
        { param: { planId, no }, json: { tags: tags as never } },
        { headers: { "If-Match": `"v${version}"` } }
      )
    )
  } catch (e) {
    return writeRefused(e, "tagErrors", "someone changed the tags first: reload and try again")
  }
  return { tagsSaved: true }
}

/** Adds a tag from the form (measure as `framework|code`), or removes the one at `index`. */
export const changeTags = async (api: Client, planId: string, no: string, form: FormData, change: "add" | "remove") => {
  const version = String(form.get("tagsVersion") ?? "")
  const current = await decoded(
    InitiativeTags,
    api.plans[":planId"].initiatives[":no"].tags.$get({ param: { planId, no } })
  )
  const tags = current.tags.map(inputOf)
  if (change === "remove") {
    const index = Number(form.get("index"))
    return save(
      api,
      planId,
      no,
      version,
      tags.filter((_, position) => position !== index)
    )
  }
  const tag = tagOfForm(form)
  if ("errors" in tag) return fail(400, { tagErrors: tag.errors })
  return save(api, planId, no, version, [...tags, tag])
}

/**
 * A tag as the add form (or an agency's proposal form) sends it: the measure as `framework|code`,
 * the starting year, primary or secondary, the rationale; or the errors of its fields.
 */
export const tagOfForm = (form: FormData): ReturnType<typeof inputOf> | { errors: ReadonlyArray<FieldError> } => {
  const [frameworkId = "", measureCode = ""] = String(form.get("measure") ?? "").split("|")
  const since = Number(form.get("since"))
  if (frameworkId === "" || measureCode === "")
    return { errors: [{ path: "measure", ja: "国の施策を選んでください", en: "choose a national measure" }] }
  if (!Number.isInteger(since) || since < 2000 || since > 2100)
    return { errors: [{ path: "since", ja: "開始年度を西暦で入力してください", en: "enter the starting fiscal year" }] }
  const role = form.get("role") === "secondary" ? "secondary" : "primary"
  const rationale = String(form.get("rationale") ?? "").trim()
  return { frameworkId, measureCode, since, until: null, role, rationale }
}
