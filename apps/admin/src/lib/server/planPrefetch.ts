/**
 * The pages that do not read the plans list (`currentPlan`): the open pages, one's own account and
 * notifications, the outbox and the national frameworks. Every other signed-in page's load starts
 * with the plans list, so hooks.server.ts asks it beside the session (issue #23: one request in a row
 * fewer). A page missing here costs one unused request; one listed wrongly, a request in a row more.
 * `planPrefetch.test.ts` holds this list to the routes' source.
 */
const withoutPlan = [
  "/account",
  "/locale",
  "/login",
  "/logout",
  "/national/frameworks",
  "/notifications",
  "/admin/outbox",
  "/public"
]

/** Whether a GET of the route (its id, as SvelteKit names it) reads the plans list. */
export const readsPlans = (routeId: string | null): boolean =>
  routeId !== null && !withoutPlan.some((prefix) => routeId === prefix || routeId.startsWith(`${prefix}/`))
