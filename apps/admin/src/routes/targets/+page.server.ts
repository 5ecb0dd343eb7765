import { TargetView } from "@sukoyaka/core"
import { Schema } from "effect"
import { decoded } from "#lib/server/api.ts"
import { requireUser } from "#lib/server/guard.ts"
import { currentPlan, orFail } from "#lib/server/plan.ts"
import type { PageServerLoad } from "./$types"

export const load: PageServerLoad = async (event) => {
  requireUser(event)
  return orFail(
    (async () => {
      const plan = await currentPlan(event.locals.api, event.url)
      const targets = await decoded(
        Schema.Array(TargetView),
        event.locals.api.plans[":planId"].targets.$get({ param: { planId: plan.id } })
      )
      return { plan, targets }
    })()
  )
}
