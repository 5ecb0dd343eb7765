import { OutboxList, OutboxState } from "@sukoyaka/core"
import { Schema } from "effect"
import { decoded } from "#lib/server/api.ts"
import { requireRole } from "#lib/server/guard.ts"
import { orFail } from "#lib/server/plan.ts"
import type { PageServerLoad } from "./$types"

export const load: PageServerLoad = async (event) => {
  requireRole(event, "admin")
  // An unknown state in the address shows every mail rather than an error.
  const wanted = Schema.decodeUnknownOption(OutboxState)(event.url.searchParams.get("state"))
  const state = wanted._tag === "Some" ? wanted.value : undefined
  const outbox = await orFail(
    decoded(OutboxList, event.locals.api.outbox.$get({ query: state ? { state, limit: "200" } : { limit: "200" } }))
  )
  return { outbox, state: state ?? "" }
}
