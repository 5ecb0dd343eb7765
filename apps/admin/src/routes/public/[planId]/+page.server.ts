import { PublicPlan } from "@sukoyaka/core"
import { orFail } from "#lib/server/plan.ts"
import { publicApi, publicJson } from "#lib/server/public.ts"
import type { PageServerLoad } from "./$types"

export const load: PageServerLoad = async ({ params }) => ({
  plan: await orFail(publicJson(PublicPlan, publicApi().plans[":planId"].$get({ param: { planId: params.planId } })))
})
