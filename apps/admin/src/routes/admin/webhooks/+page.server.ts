import { Webhook, WebhookCreated, WebhookDeliveryPage } from "@sukoyaka/core"
import { fail } from "@sveltejs/kit"
import { Schema } from "effect"
import { ApiProblem, decoded, problemOf } from "#lib/server/api.ts"
import { requireRole } from "#lib/server/guard.ts"
import { currentPlan, orFail } from "#lib/server/plan.ts"
import { formErrorsOf } from "#lib/server/problems.ts"
import { ifMatch } from "#lib/server/structure.ts"
import type { Actions, PageServerLoad, RequestEvent } from "./$types"

const WebhookTestEvent = Schema.Struct({ eventId: Schema.String })

/** The webhooks, and the delivery log of the one named in `?log=` (the newest 50). */
export const load: PageServerLoad = async (event) => {
  requireRole(event, "admin")
  const logOf = event.url.searchParams.get("log") ?? ""
  return orFail(
    (async () => {
      const [plan, webhooks] = await Promise.all([
        currentPlan(event.locals.api, event.url),
        decoded(Schema.Array(Webhook), event.locals.api.webhooks.$get())
      ])
      const shown = webhooks.find((w) => w.id === logOf)
      const log = shown
        ? await decoded(
            WebhookDeliveryPage,
            event.locals.api.webhooks[":id"].deliveries.$get({ param: { id: shown.id }, query: { limit: "50" } })
          )
        : undefined
      return { plan: { id: plan.id, title: plan.title }, webhooks, shown, log }
    })()
  )
}

const text = (form: FormData, name: string) => String(form.get(name) ?? "").trim()
/** Event types as typed: separated by commas, spaces or new lines; none means every type. */
const eventTypesOf = (form: FormData) =>
  text(form, "eventTypes")
    .split(/[\s,、]+/u)
    .filter(Boolean)

/** A write's refusal as the form shows it, with the webhook it concerns (`key`). */
const refused = (e: unknown, key: string) =>
  fail(e instanceof ApiProblem ? e.status : 500, { key, errors: formErrorsOf(e) })

/** The secret, shown once: kept in the action's answer only, never in the page's data. */
const withSecret = async (key: string, call: () => Promise<WebhookCreated>) => {
  try {
    const created = await call()
    return { key, secret: { url: created.url, value: created.secret } }
  } catch (e) {
    return refused(e, key)
  }
}

const begin = async (event: RequestEvent) => {
  requireRole(event, "admin")
  const form = await event.request.formData()
  return { form, id: text(form, "id"), headers: ifMatch(text(form, "version")) }
}

const write = async (key: string, call: () => Promise<unknown>) => {
  try {
    await call()
    return { key, done: true }
  } catch (e) {
    return refused(e, key)
  }
}

export const actions: Actions = {
  create: async (event) => {
    requireRole(event, "admin")
    const form = await event.request.formData()
    const plan = await currentPlan(event.locals.api, event.url)
    const json = {
      url: text(form, "url"),
      description: text(form, "description"),
      planId: form.get("thisPlan") === "on" ? plan.id : null,
      eventTypes: eventTypesOf(form)
    }
    return withSecret("new", () => decoded(WebhookCreated, event.locals.api.webhooks.$post({ json })))
  },
  update: async (event) => {
    const { form, id, headers } = await begin(event)
    const json = { url: text(form, "url"), description: text(form, "description"), eventTypes: eventTypesOf(form) }
    return write(id, () => decoded(Webhook, event.locals.api.webhooks[":id"].$patch({ param: { id }, json }, headers)))
  },
  disable: async (event) => {
    const { id, headers } = await begin(event)
    return write(id, () =>
      decoded(Webhook, event.locals.api.webhooks[":id"].$patch({ param: { id }, json: { enabled: false } }, headers))
    )
  },
  enable: async (event) => {
    const { id, headers } = await begin(event)
    return write(id, () => decoded(Webhook, event.locals.api.webhooks[":id"].enable.$post({ param: { id } }, headers)))
  },
  rotate: async (event) => {
    const { id, headers } = await begin(event)
    return withSecret(id, () =>
      decoded(WebhookCreated, event.locals.api.webhooks[":id"].secret.$post({ param: { id } }, headers))
    )
  },
  test: async (event) => {
    const { id } = await begin(event)
    try {
      await decoded(WebhookTestEvent, event.locals.api.webhooks[":id"].test.$post({ param: { id } }))
      return { key: id, tested: true }
    } catch (e) {
      return refused(e, id)
    }
  },
  remove: async (event) => {
    const { id, headers } = await begin(event)
    return write(id, async () => {
      const response = await event.locals.api.webhooks[":id"].$delete({ param: { id } }, headers)
      if (!response.ok) throw await problemOf(response)
    })
  }
}
