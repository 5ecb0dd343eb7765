import { requireRole, requireUser } from "#lib/server/guard.ts"
import { loadFramework, measureTree, replaceFramework, saveMeasure } from "#lib/server/frameworks.ts"
import { orFail } from "#lib/server/plan.ts"
import type { Actions, PageServerLoad } from "./$types"

/**
 * One framework's measures in order (#24); the secretariat corrects a measure (`?edit=code`), adds
 * one, or replaces the framework from a file or its measures from a sheet.
 */
export const load: PageServerLoad = async (event) => {
  const user = requireUser(event)
  const document = await orFail(loadFramework(event.locals.api, event.params.frameworkId))
  const editing = event.url.searchParams.get("edit")
  return {
    framework: document.framework,
    version: document.version,
    measures: measureTree(document.measures),
    editing: document.measures.find((measure) => measure.code === editing) ?? null,
    isAdmin: user.role === "admin"
  }
}

export const actions: Actions = {
  saveMeasure: async (event) => {
    requireRole(event, "admin")
    return saveMeasure(event.locals.api, event.params.frameworkId, await event.request.formData())
  },
  replace: async (event) => {
    requireRole(event, "admin")
    return replaceFramework(event, event.params.frameworkId, await event.request.formData())
  }
}
