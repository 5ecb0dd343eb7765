import { fail } from "@sveltejs/kit"
import { postMultipart } from "#lib/server/multipart.ts"
import { ok, problemOf } from "#lib/server/api.ts"
import { requireUser } from "#lib/server/guard.ts"
import { currentPlan, orFail } from "#lib/server/plan.ts"
import { formErrorsOf } from "#lib/server/problems.ts"
import { dropUpload, keepUpload, takeUpload } from "#lib/server/uploads.ts"
import { planAndYear } from "#lib/server/years.ts"
import type { Actions, PageServerLoad, RequestEvent } from "./$types"

export interface ImportDiff {
  readonly fiscalYear: number | null
  readonly updates: ReadonlyArray<{
    no: number
    sheet: string
    row: number
    changes: ReadonlyArray<{ column: string; before: string; after: string }>
    /** Approved: applied, it goes back to submitted for approval again. */
    wasApproved?: boolean
  }>
  readonly conflicts: ReadonlyArray<{ no: number; sheet?: string; row?: number; ja?: string; en?: string }>
  readonly newRows: ReadonlyArray<{ no: number; sheet?: string; row?: number }>
  /** New rows the secretariat may add (an admin's import only): the initiative as the row describes it. */
  readonly proposals: ReadonlyArray<{
    no: number
    sheet: string
    row: number
    initiative: {
      name: string
      policyNo: number
      areaNo: number
      objectiveNo: number
      agencies: ReadonlyArray<string>
      lifeStagesText: string
    }
  }>
  readonly missingRows: ReadonlyArray<number | { no: number }>
  readonly problems: ReadonlyArray<{
    severity: string
    sheet: string | null
    row: number | null
    column: string | null
    ja: string
    en: string
  }>
}

interface ImportResult {
  readonly dryRun: boolean
  readonly applied: number
  readonly added: ReadonlyArray<number>
  readonly canApply: boolean
  readonly diff: ImportDiff
}

export const load: PageServerLoad = async (event) => {
  requireUser(event)
  return orFail(
    (async () => {
      const { plan, years, year } = await planAndYear(event.locals.api, event.url)
      const agencies = await ok(event.locals.api.plans[":planId"].agencies.$get({ param: { planId: plan.id } }))
      // An agency's editor exports its own sheet first: its agency is chosen for it.
      const user = event.locals.user
      const ownAgency = user?.role === "editor" ? (user.agencies[0] ?? null) : null
      return { plan, years, year, agencies, ownAgency }
    })()
  )
}

/**
 * The type the file is forwarded with. The API tells an .xlsx by its content and a CSV by its name
 * or type (readUpload), and the kept upload has only its name, so the type follows the name.
 */
const uploadType = (name: string): string =>
  /\.csv$/i.test(name) ? "text/csv" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/** The upload goes to the API as multipart (postMultipart). */
const postImport = async (
  event: RequestEvent,
  planId: string,
  name: string,
  bytes: Uint8Array,
  dryRun: boolean,
  accept: ReadonlyArray<number> = []
): Promise<ImportResult> => {
  const body = new FormData()
  body.set("file", new File([bytes as Uint8Array<ArrayBuffer>], name, { type: uploadType(name) }))
  const query = new URLSearchParams({
    dryRun: String(dryRun),
    ...(accept.length > 0 ? { accept: accept.join(",") } : {})
  })
  const response = await postMultipart(event, `/plans/${encodeURIComponent(planId)}/imports?${query}`, body)
  if (response.status === 409) return (await response.json()) as ImportResult
  if (!response.ok) throw await problemOf(response)
  return (await response.json()) as ImportResult
}

export const actions: Actions = {
  preview: async (event) => {
    const user = requireUser(event)
    const form = await event.request.formData()
    const file = form.get("file")
    if (!(file instanceof File) || file.size === 0) {
      return fail(400, { errors: [{ path: "file", ja: "ファイルを選んでください", en: "choose a file" }] })
    }
    const plan = await currentPlan(event.locals.api, event.url)
    const bytes = new Uint8Array(await file.arrayBuffer())
    try {
      const result = await postImport(event, plan.id, file.name, bytes, true)
      const uploadId = result.canApply ? keepUpload(user.id, file.name, bytes) : null
      return { result, uploadId, fileName: file.name }
    } catch (e) {
      return fail(400, { errors: formErrorsOf(e) })
    }
  },
  apply: async (event) => {
    const user = requireUser(event)
    const form = await event.request.formData()
    const id = String(form.get("uploadId") ?? "")
    const upload = takeUpload(user.id, id)
    if (!upload)
      return fail(410, {
        errors: [
          {
            path: "file",
            ja: "アップロードの有効期限が切れました。もう一度選んでください",
            en: "the upload expired; choose the file again"
          }
        ]
      })
    const plan = await currentPlan(event.locals.api, event.url)
    try {
      // The proposals ticked on the preview: the API checks each against the diff it computes again.
      const accept = form
        .getAll("accept")
        .map((value) => Number(value))
        .filter((no) => Number.isInteger(no) && no > 0)
      const result = await postImport(event, plan.id, upload.name, upload.bytes, false, accept)
      dropUpload(id)
      return { result, uploadId: null, fileName: upload.name, applied: result.applied, added: result.added }
    } catch (e) {
      return fail(400, { errors: formErrorsOf(e) })
    }
  }
}
