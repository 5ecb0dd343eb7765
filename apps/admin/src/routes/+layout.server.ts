import { redirect } from "@sveltejs/kit"
import { getLocale } from "#lib/paraglide/runtime.js"
import type { LayoutServerLoad } from "./$types"

const publicPaths = new Set(["/login"])

export const load: LayoutServerLoad = ({ locals, url }) => {
  if (!locals.user && !publicPaths.has(url.pathname))
    redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`)
  return { user: locals.user, locale: getLocale() }
}
