import { type Plan } from "@sukoyaka/core"
import { error } from "@sveltejs/kit"
import type { Client } from "@sukoyaka/api/client"
import { ApiProblem, ok } from "./api.ts"

export type PlanJson = typeof Plan.Encoded

type PlansJson = ReadonlyArray<PlanJson>

/**
 * The plans list a GET asked beside the session (hooks.server.ts), by the client its load uses. A GET
 * runs no form action, so nothing it does changes the list between that request and the load.
 */
const asked = new WeakMap<Client, Promise<PlansJson>>()

/**
 * Asks the plans list ahead of the load (with any client of the same session) and hands it to the
 * client the load will use, through `give`, once that client exists.
 */
export const askPlansAhead = (reader: Client): { readonly give: (api: Client) => void } => {
  const pending: Promise<PlansJson> = ok(reader.plans.$get())
  // Read by the load, or by nobody (a redirect to sign in): never an unhandled rejection.
  pending.catch(() => undefined)
  return { give: (api) => void asked.set(api, pending) }
}

/** The plan the UI works on: `?plan=` or the first one (Sukoyaka ships with one). */
export const currentPlan = async (api: Client, url: URL): Promise<PlanJson> => {
  const plans = await (asked.get(api) ?? ok(api.plans.$get()))
  const wanted = url.searchParams.get("plan")
  const plan = plans.find((candidate) => candidate.id === wanted) ?? plans[0]
  if (!plan) error(404, "no plan / 計画がありません")
  return plan
}

/** Turns an API failure into the page's error (403, 404 …) with its problem title. */
export const orFail = async <T>(pending: Promise<T>): Promise<T> => {
  try {
    return await pending
  } catch (e) {
    if (e instanceof ApiProblem)
      error(
        e.status,
        `${e.problem.title}${e.problem.detail ? ` — ${e.problem.detail}` : ""}`,
        e.problem.requestId ? { requestId: e.problem.requestId } : {}
      )
    throw e
  }
}
