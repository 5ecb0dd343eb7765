import type { ServerLoadEvent } from "@sveltejs/kit"
import { InitiativePage, SecretariatNote, TargetView, YearSummaryView } from "@sukoyaka/core"
import { Schema } from "effect"
import { decoded, ok } from "#lib/server/api.ts"
import { requireUser } from "#lib/server/guard.ts"
import { orFail } from "#lib/server/plan.ts"
import { planAndYear } from "#lib/server/years.ts"

/** Everything the report and the council summary print: the year's rows, summary and targets. */
export const loadReport = (event: ServerLoadEvent) => {
  requireUser(event)
  const api = event.locals.api
  return orFail(
    (async () => {
      const { plan, years, year } = await planAndYear(api, event.url)
      const [page, agencies, summary, targets, notes] = await Promise.all([
        decoded(
          InitiativePage,
          api.plans[":planId"].initiatives.$get({
            param: { planId: plan.id },
            query: { fiscalYear: String(year), pageSize: "200" }
          })
        ),
        ok(api.plans[":planId"].agencies.$get({ param: { planId: plan.id } })),
        decoded(
          YearSummaryView,
          api.plans[":planId"].summary.$get({ param: { planId: plan.id }, query: { fiscalYear: String(year) } })
        ),
        decoded(Schema.Array(TargetView), api.plans[":planId"].targets.$get({ param: { planId: plan.id } })),
        // The secretariat's own words to the council, where the internal check flags used to be.
        decoded(
          Schema.Array(SecretariatNote),
          api.plans[":planId"].notes.$get({ param: { planId: plan.id }, query: { fiscalYear: String(year) } })
        )
      ])
      // Dated on the server, in Japan's time: the date every printed page carries.
      return {
        plan,
        years,
        year,
        items: page.items,
        agencies,
        summary,
        targets,
        notes: Object.fromEntries(notes.map((note) => [note.initiativeNo, note.note])) as Record<number, string>,
        now: new Date().toISOString()
      }
    })()
  )
}
