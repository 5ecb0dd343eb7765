import { requireRole, requireUser } from "#lib/server/guard.ts"
import { loadFrameworks, loadNewFramework } from "#lib/server/frameworks.ts"
import { orFail } from "#lib/server/plan.ts"
import type { Actions, PageServerLoad } from "./$types"

/** The loaded national frameworks (#24); the secretariat loads a new one from its file. */
export const load: PageServerLoad = async (event) => {
  const user = requireUser(event)
  const frameworks = await orFail(loadFrameworks(event.locals.api))
  return {
    frameworks: frameworks.map(({ framework, measures, version }) => ({
      id: framework.id,
      nameJa: framework.nameJa,
      nameEn: framework.nameEn,
      confirmed: framework.confirmed,
      version,
      measures: measures.length,
      unconfirmed: measures.filter((measure) => !measure.confirmed).length
    })),
    isAdmin: user.role === "admin"
  }
}

export const actions: Actions = {
  load: async (event) => {
    requireRole(event, "admin")
    return loadNewFramework(event.locals.api, await event.request.formData())
  }
}
