import { DataPackage, PublicPlan } from "@sukoyaka/core"
import { orFail } from "#lib/server/plan.ts"
import { publicApi, publicJson } from "#lib/server/public.ts"
import type { PageServerLoad } from "./$types"

export const load: PageServerLoad = async ({ params }) => {
  const param = { planId: params.planId }
  const api = publicApi()
  const [plan, dataPackage] = await orFail(
    Promise.all([
      publicJson(PublicPlan, api.plans[":planId"].$get({ param })),
      publicJson(DataPackage, api.plans[":planId"]["datapackage.json"].$get({ param }))
    ])
  )
  return { plan, dataPackage }
}
