import { NotificationList } from "@sukoyaka/core"
import { fail } from "@sveltejs/kit"
import { ApiProblem, decoded } from "#lib/server/api.ts"
import { requireUser } from "#lib/server/guard.ts"
import { orFail } from "#lib/server/plan.ts"
import { formErrorsOf } from "#lib/server/problems.ts"
import type { Actions, PageServerLoad } from "./$types"

export const load: PageServerLoad = async (event) => {
  const user = requireUser(event)
  const list = await orFail(decoded(NotificationList, event.locals.api.notifications.$get({ query: { limit: "200" } })))
  return { list, isAdmin: user.role === "admin" }
}

/** Marks read through the API, which touches only the caller's own notifications. */
const markRead = async (event: Parameters<Actions[string]>[0], json: { ids: Array<number> } | { all: true }) => {
  requireUser(event)
  try {
    await decoded(NotificationList, event.locals.api.notifications.read.$post({ json }))
    return { read: true }
  } catch (e) {
    return fail(e instanceof ApiProblem ? e.status : 500, { errors: formErrorsOf(e) })
  }
}

export const actions: Actions = {
  read: async (event) => {
    const form = await event.request.formData()
    const id = Number(form.get("id"))
    return markRead(event, { ids: Number.isInteger(id) && id > 0 ? [id] : [] })
  },
  readAll: (event) => markRead(event, { all: true })
}
