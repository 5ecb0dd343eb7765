import { redirect } from "@sveltejs/kit"
import { LOCALE_COOKIE } from "$lib/server/config"
import type { RequestHandler } from "./$types"

/** The language switch: a plain link, so it works without JavaScript on every page. */
export const GET: RequestHandler = ({ url, cookies }) => {
  const to = url.searchParams.get("to") === "en" ? "en" : "ja"
  const next = url.searchParams.get("next") ?? "/"
  cookies.set(LOCALE_COOKIE, to, { path: "/", httpOnly: false, sameSite: "lax", maxAge: 60 * 60 * 24 * 365, secure: url.protocol === "https:" })
  // Only a path on this site: never an open redirect.
  redirect(303, next.startsWith("/") && !next.startsWith("//") ? next : "/")
}
