import { PublicPlan } from "@sukoyaka/core"
import { Schema } from "effect"
import { orFail } from "#lib/server/plan.ts"
import { publicApi, publicJson } from "#lib/server/public.ts"
import type { PageServerLoad } from "./$types"

/** The plans with a published year: no sign-in needed (+layout.server.ts lets /public through). */
export const load: PageServerLoad = async () => ({
  plans: await orFail(publicJson(Schema.Array(PublicPlan), publicApi().plans.$get()))
})
