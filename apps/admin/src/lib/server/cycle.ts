import type { Client } from "@sukoyaka/api/client"
import type { User } from "@sukoyaka/core"
import { ok } from "./api.ts"

/**
 * The open cycle's lists for the home page: for an admin the late and due-soon reviews of every
 * agency, for an editor its own agencies' reviews still to do ("your tasks"); none for a viewer or
 * while no cycle is open.
 */
export const cycleLists = async (api: Client, planId: string, user: User | null | undefined) => {
  if (!user || user.role === "viewer") return null
  const cycles = await ok(api.plans[":planId"].cycles.$get({ param: { planId } }))
  const open = cycles.filter((cycle) => cycle.closedAt === null).at(-1)
  if (open === undefined) return null
  const query =
    user.role === "admin" ? { standing: "late,dueSoon" } : { standing: "late,dueSoon,open", mine: "true" as const }
  const list = await ok(
    api.plans[":planId"].cycles[":fiscalYear"].tasks.$get({
      param: { planId, fiscalYear: String(open.fiscalYear) },
      query
    })
  )
  return { role: user.role, cycle: open, today: list.today, tasks: list.tasks }
}
