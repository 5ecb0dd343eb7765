import { NotificationList } from "@sukoyaka/core"
import { redirect } from "@sveltejs/kit"
import { getLocale } from "#lib/paraglide/runtime.js"
import { decoded } from "#lib/server/api.ts"
import type { LayoutServerLoad } from "./$types"

/** Pages open without signing in: the sign-in itself, and setting one's password with a one-time link. */
const publicPaths = new Set(["/login", "/account/setup"])

export const load: LayoutServerLoad = async ({ locals, url }) => {
  if (!locals.user && !publicPaths.has(url.pathname))
    redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`)
  // The header's badge: a page still shows when the count cannot be read.
  const unread = locals.user
    ? await decoded(NotificationList, locals.api.notifications.$get({ query: { limit: "1" } })).then(
        (list) => list.unread,
        () => 0
      )
    : 0
  return { user: locals.user, locale: getLocale(), unread }
}
