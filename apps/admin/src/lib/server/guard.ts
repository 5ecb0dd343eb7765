import type { Role, User } from "@sukoyaka/core"
import { error, redirect, type RequestEvent } from "@sveltejs/kit"

/** The signed-in user, or a redirect to the sign-in page that comes back here afterwards. */
export const requireUser = (event: Pick<RequestEvent, "locals" | "url">): User => {
  const user = event.locals.user
  if (!user) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`)
  return user
}

export const requireRole = (event: Pick<RequestEvent, "locals" | "url">, ...roles: ReadonlyArray<Role>): User => {
  const user = requireUser(event)
  if (!roles.includes(user.role)) error(403, "forbidden / 権限がありません")
  return user
}
