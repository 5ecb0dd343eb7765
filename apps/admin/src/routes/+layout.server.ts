import { redirect } from "@sveltejs/kit"
import { getLocale } from "#lib/paraglide/runtime.js"
import { ok } from "#lib/server/api.ts"
import type { LayoutServerLoad } from "./$types"

/**
 * Pages anyone may read: sign-in, setting one's password with a one-time link, and the public side
 * (#21), which shows only what the API's /public gives anyone.
 */
const isOpen = (pathname: string) =>
  pathname === "/login" || pathname === "/account/setup" || pathname === "/public" || pathname.startsWith("/public/")

export const load: LayoutServerLoad = async ({ locals, url }) => {
  if (!locals.user && !isOpen(url.pathname))
    redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`)
  // The header's badge: a page still shows when the count cannot be read.
  const unread = locals.user
    ? await ok(locals.api.notifications.$get({ query: { limit: "1" } })).then(
        (list) => list.unread,
        () => 0
      )
    : 0
  return { user: locals.user, locale: getLocale(), unread }
}
