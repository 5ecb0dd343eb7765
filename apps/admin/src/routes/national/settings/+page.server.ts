import { surveyFields } from "@sukoyaka/core"
import { draftOf, loadSettings, resetColumns, saveSettings, settingSwitches } from "#lib/server/framework-settings.ts"
import { loadFrameworks } from "#lib/server/frameworks.ts"
import { requireRole } from "#lib/server/guard.ts"
import { currentPlan, orFail } from "#lib/server/plan.ts"
import type { Client } from "@sukoyaka/api/client"
import type { Actions, PageServerLoad, RequestEvent } from "./$types"

/** The plan's framework settings (#24): the secretariat's alone, as the API's PUT is. */
export const load: PageServerLoad = async (event) => {
  requireRole(event, "admin")
  return orFail(
    (async () => {
      const plan = await currentPlan(event.locals.api, event.url)
      const [settings, frameworks] = await Promise.all([
        loadSettings(event.locals.api, plan.id),
        loadFrameworks(event.locals.api)
      ])
      return {
        plan: { id: plan.id, title: plan.title },
        version: settings.version,
        settings: draftOf(settings),
        frameworks: frameworks.map(({ framework, measures }) => ({
          id: framework.id,
          nameJa: framework.nameJa,
          measures: measures.map(({ code, nameJa, confirmed }) => ({ code, nameJa, confirmed }))
        })),
        fields: surveyFields,
        switches: settingSwitches
      }
    })()
  )
}

const act = async <R>(event: RequestEvent, write: (api: Client, planId: string, form: FormData) => Promise<R>) => {
  requireRole(event, "admin")
  const plan = await currentPlan(event.locals.api, event.url)
  return write(event.locals.api, plan.id, await event.request.formData())
}

export const actions: Actions = {
  save: (event) => act(event, saveSettings),
  resetColumns: (event) => act(event, resetColumns)
}
