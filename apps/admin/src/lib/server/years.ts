import type { Client } from "@sukoyaka/api/client"
import { ok } from "./api.ts"
import { currentPlan } from "./plan.ts"

/** The year a page shows among the plan's years with reviews (oldest first): `?year=`, else the latest. */
export const chosenYear = (years: ReadonlyArray<number>, url: URL): { years: ReadonlyArray<number>; year: number } => {
  const sorted = [...new Set(years)].sort((a, b) => a - b)
  const wanted = Number(url.searchParams.get("year"))
  const year = sorted.includes(wanted) ? wanted : (sorted.at(-1) ?? new Date().getFullYear())
  return { years: sorted, year }
}

/**
 * The fiscal years with reviews and the one the page shows. They are the trends view's years: one
 * request the API answers from its cache until the plan changes (the first initiative's reviews, read
 * before, took two requests in a row on every page).
 */
const yearsOf = async (api: Client, planId: string, url: URL) =>
  chosenYear((await ok(api.plans[":planId"].trends.$get({ param: { planId } }))).years, url)

/** The plan the page is about (`?plan=`) with its fiscal years and the one shown (`?year=`). */
export const planAndYear = async (api: Client, url: URL) => {
  const plan = await currentPlan(api, url)
  return { plan, ...(await yearsOf(api, plan.id, url)) }
}

/**
 * The years and the one shown, then what `read` asks of that year: a chain a page runs beside its
 * other requests (which need only the plan), so it waits for the slowest, not for their sum.
 */
export const withYear = async <T>(api: Client, planId: string, url: URL, read: (year: number) => Promise<T>) => {
  const { years, year } = await yearsOf(api, planId, url)
  return { years, year, read: await read(year) }
}
