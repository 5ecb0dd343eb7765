import { type Plan } from "@sukoyaka/core"
import { error } from "@sveltejs/kit"
import type { Client } from "@sukoyaka/api/client"
import { ApiProblem, ok } from "./api.ts"

export type PlanJson = typeof Plan.Encoded

/** The plan the UI works on: `?plan=` or the first one (Sukoyaka ships with one). */
export const currentPlan = async (api: Client, url: URL): Promise<PlanJson> => {
  const plans = await ok(api.plans.$get())
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
