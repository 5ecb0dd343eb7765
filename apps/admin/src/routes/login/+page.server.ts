import { fail, redirect } from "@sveltejs/kit"
import { apiFor } from "#lib/server/api.ts"
import { secureCookies, SESSION_COOKIE } from "#lib/server/config.ts"
import { bilingual } from "#lib/server/messages.ts"
import { sameOriginPath } from "#lib/server/redirect.ts"
import { m } from "#lib/paraglide/messages.js"
import type { Actions, PageServerLoad } from "./$types"

export const load: PageServerLoad = ({ locals, url }) => {
  if (locals.user) redirect(303, "/")
  return { notice: url.searchParams.get("notice") }
}

export const actions: Actions = {
  /** Posts to the API's /session and relays its session cookie to the browser. */
  default: async ({ request, cookies, url, getClientAddress }) => {
    const form = await request.formData()
    const email = String(form.get("email") ?? "").trim()
    const password = String(form.get("password") ?? "")
    const errors = [
      ...(email === "" ? [{ path: "email", ja: "メールアドレスを入力してください", en: "enter your e-mail" }] : []),
      ...(password === "" ? [{ path: "password", ja: "パスワードを入力してください", en: "enter your password" }] : [])
    ]
    if (errors.length > 0) return fail(400, { email, errors })
    const response = await apiFor({
      sessionId: null,
      csrfToken: null,
      clientAddress: getClientAddress()
    }).session.$post({ json: { email, password } })
    if (response.status === 429) return fail(429, { email, errors: [{ path: "", ...bilingual(m.sign_in_throttled) }] })
    if (response.status === 503) return fail(503, { email, errors: [{ path: "", ...bilingual(m.sign_in_busy) }] })
    if (!response.ok) return fail(400, { email, errors: [{ path: "", ...bilingual(m.sign_in_failed) }] })
    const setCookie = response.headers.get("set-cookie") ?? ""
    const sessionId = new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(setCookie)?.[1]
    if (!sessionId)
      return fail(502, {
        email,
        errors: [{ path: "", ja: "API がセッションを返しませんでした", en: "the API returned no session" }]
      })
    const maxAge = Number(/Max-Age=(\d+)/i.exec(setCookie)?.[1] ?? 12 * 3600)
    cookies.set(SESSION_COOKIE, decodeURIComponent(sessionId), {
      path: "/",
      httpOnly: true,
      sameSite: "lax",
      secure: secureCookies(url),
      maxAge
    })
    redirect(303, sameOriginPath(url.searchParams.get("next")))
  }
}
