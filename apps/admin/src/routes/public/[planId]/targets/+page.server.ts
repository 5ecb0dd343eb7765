import { PublicTargets } from "@sukoyaka/core"
import { orFail } from "#lib/server/plan.ts"
import { publicApi, publicJson } from "#lib/server/public.ts"
import type { PageServerLoad } from "./$types"

export const load: PageServerLoad = async ({ params }) => ({
  targets: await orFail(
    publicJson(PublicTargets, publicApi().plans[":planId"].targets.$get({ param: { planId: params.planId } }))
  )
})
