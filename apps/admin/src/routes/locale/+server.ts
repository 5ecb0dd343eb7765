import { redirect } from "@sveltejs/kit"
import { LOCALE_COOKIE, secureCookies } from "#lib/server/config.ts"
import { sameOriginPath } from "#lib/server/redirect.ts"
import type { RequestHandler } from "./$types"

/** The language switch: a plain link, so it works without JavaScript on every page. */
export const GET: RequestHandler = ({ url, cookies }) => {
  const to = url.searchParams.get("to") === "en" ? "en" : "ja"
  cookies.set(LOCALE_COOKIE, to, {
    path: "/",
    httpOnly: false,
    sameSite: "lax",
    maxAge: 60 * 60 * 24 * 365,
    secure: secureCookies(url)
  })
  redirect(303, sameOriginPath(url.searchParams.get("next")))
}
