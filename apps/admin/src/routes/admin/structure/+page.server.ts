import {
  AreaCreate,
  AreaPatch,
  BasicPolicyCreate,
  BasicPolicyPatch,
  ObjectiveCreate,
  ObjectivePatch
} from "@sukoyaka/core"
import { fail, type RequestEvent } from "@sveltejs/kit"
import { Result } from "effect"
import { m } from "#lib/paraglide/messages.js"
import type { FieldError } from "#lib/review-form.ts"
import { ok } from "#lib/server/api.ts"
import { bilingual } from "#lib/server/messages.ts"
import { requireRole } from "#lib/server/guard.ts"
import { currentPlan, orFail } from "#lib/server/plan.ts"
import {
  decodeBody,
  ifMatch,
  integerOf,
  statusOf,
  structureErrorsOf,
  textOf,
  treeOf,
  yearsOf
} from "#lib/server/structure.ts"
import { type Level, nodeKey, newKey } from "./keys.ts"
import type { Actions, PageServerLoad } from "./$types"

export const load: PageServerLoad = async (event) => {
  requireRole(event, "admin")
  return orFail(
    (async () => {
      const { id } = await currentPlan(event.locals.api, event.url)
      return treeOf(event.locals.api, id)
    })()
  )
}

const levelOf = (value: string): Level => (value === "area" || value === "objective" ? value : "policy")

/** The node a form is about: its level and numbers, from the hidden fields (digits only). */
const nodeOf = (form: FormData) => {
  const digits = (name: string) => (/^\d{1,3}$/.test(textOf(form, name)) ? textOf(form, name) : "0")
  return {
    level: levelOf(textOf(form, "level")),
    policyNo: digits("policyNo"),
    areaNo: digits("areaNo"),
    objectiveNo: digits("objectiveNo"),
    version: /^\d+$/.test(textOf(form, "version")) ? textOf(form, "version") : "0"
  }
}

type Node = ReturnType<typeof nodeOf>

/** Errors of the form `key`, their paths made the form's own field ids. */
const failWith = (status: number, key: string, action: string, errors: ReadonlyArray<FieldError>, values = {}) =>
  fail(status, {
    key,
    action,
    errors: errors.map((error) => ({ ...error, path: error.path === "" ? "" : `${key}.${error.path}` })),
    values: values as Record<string, string>
  })

/** The event's plan after the admin check: every action refuses anyone else, forged forms included. */
const begin = async (event: RequestEvent) => {
  requireRole(event, "admin")
  const form = await event.request.formData()
  const { id: planId } = await currentPlan(event.locals.api, event.url)
  return { form, planId, node: nodeOf(form), api: event.locals.api }
}

/** PATCH of one node of the tree (title, years, position), at the tree's version the person saw. */
const patchNode = async (
  event: RequestEvent,
  planId: string,
  node: Node,
  body: Record<string, unknown>
): Promise<Result.Result<void, ReadonlyArray<FieldError>>> => {
  const api = event.locals.api.plans[":planId"].policies[":policyNo"]
  const param = { planId, policyNo: node.policyNo }
  const decoded =
    node.level === "policy"
      ? decodeBody(BasicPolicyPatch, body)
      : node.level === "area"
        ? decodeBody(AreaPatch, body)
        : decodeBody(ObjectivePatch, body)
  if (Result.isFailure(decoded)) return Result.fail(decoded.failure)
  const json = decoded.success
  const call =
    node.level === "policy"
      ? api.$patch({ param, json }, ifMatch(node.version))
      : node.level === "area"
        ? api.areas[":areaNo"].$patch({ param: { ...param, areaNo: node.areaNo }, json }, ifMatch(node.version))
        : api.areas[":areaNo"].objectives[":objectiveNo"].$patch(
            { param: { ...param, areaNo: node.areaNo, objectiveNo: node.objectiveNo }, json },
            ifMatch(node.version)
          )
  await ok(call)
  return Result.succeed(undefined)
}

const changeNode = async (
  event: RequestEvent,
  action: string,
  bodyOf: (form: FormData, errors: Array<FieldError>) => Record<string, unknown>
) => {
  const { form, planId, node } = await begin(event)
  const key = nodeKey(node.level, node)
  const errors: Array<FieldError> = []
  const body = bodyOf(form, errors)
  const values = Object.fromEntries([...form.entries()].map(([name, value]) => [name, String(value)]))
  if (errors.length > 0) return failWith(400, key, action, errors, values)
  try {
    const result = await patchNode(event, planId, node, body)
    if (Result.isFailure(result)) return failWith(400, key, action, result.failure, values)
  } catch (e) {
    return failWith(statusOf(e), key, action, structureErrorsOf(e), values)
  }
  return { key, done: action }
}

export const actions: Actions = {
  /** A new basic policy, area (in a policy) or objective (in an area), with the next free number offered. */
  create: async (event) => {
    const { form, planId, node, api } = await begin(event)
    const key = newKey(node.level, node)
    const errors: Array<FieldError> = []
    const candidate = {
      no: integerOf(textOf(form, "no")),
      title: textOf(form, "title"),
      ...(node.level === "objective" ? { statement: textOf(form, "statement") } : {}),
      ...yearsOf(form, ["since", "until"], errors)
    }
    const values = Object.fromEntries([...form.entries()].map(([name, value]) => [name, String(value)]))
    if (errors.length > 0) return failWith(400, key, "create", errors, values)
    const policy = api.plans[":planId"].policies
    try {
      if (node.level === "policy") {
        const body = decodeBody(BasicPolicyCreate, candidate)
        if (Result.isFailure(body)) return failWith(400, key, "create", body.failure, values)
        await ok(policy.$post({ param: { planId }, json: body.success }, ifMatch(node.version)))
      } else if (node.level === "area") {
        const body = decodeBody(AreaCreate, candidate)
        if (Result.isFailure(body)) return failWith(400, key, "create", body.failure, values)
        await ok(
          policy[":policyNo"].areas.$post(
            { param: { planId, policyNo: node.policyNo }, json: body.success },
            ifMatch(node.version)
          )
        )
      } else {
        const body = decodeBody(ObjectiveCreate, candidate)
        if (Result.isFailure(body)) return failWith(400, key, "create", body.failure, values)
        await ok(
          policy[":policyNo"].areas[":areaNo"].objectives.$post(
            { param: { planId, policyNo: node.policyNo, areaNo: node.areaNo }, json: body.success },
            ifMatch(node.version)
          )
        )
      }
    } catch (e) {
      return failWith(statusOf(e), key, "create", structureErrorsOf(e), values)
    }
    return { key, done: "create" }
  },
  /** Title (and an objective's statement) and the first year. */
  update: (event) =>
    changeNode(event, "update", (form, errors) => ({
      title: textOf(form, "title"),
      ...(form.has("statement") ? { statement: textOf(form, "statement") } : {}),
      ...yearsOf(form, ["since"], errors)
    })),
  /** One place up or down among its siblings. */
  move: (event) => changeNode(event, "move", (form) => ({ position: integerOf(textOf(form, "position")) })),
  /** Sets the last year: what is under it ends too, and a year after it no longer shows it. */
  retire: (event) =>
    changeNode(event, "retire", (form, errors) => {
      const years = yearsOf(form, ["until"], errors)
      if (errors.length === 0 && years.until == null)
        errors.push({ path: "until", ...bilingual(m.structure_until_required) })
      return years
    }),
  /** Clears the last year: the node is in effect again. */
  reinstate: (event) => changeNode(event, "reinstate", () => ({ until: null }))
}
