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
  return { form, planId, node: nodeOf(form) }
}

type Written = Result.Result<void, ReadonlyArray<FieldError>>

/**
 * A new node under the one the numbers name, checked with the core schema of its level, at the
 * tree's version the person saw. The API decides whether the number is free (409).
 */
const createNode = async (event: RequestEvent, planId: string, node: Node, candidate: unknown): Promise<Written> => {
  const policies = event.locals.api.plans[":planId"].policies
  const headers = ifMatch(node.version)
  if (node.level === "policy") {
    const body = decodeBody(BasicPolicyCreate, candidate)
    if (Result.isFailure(body)) return Result.fail(body.failure)
    await ok(policies.$post({ param: { planId }, json: body.success }, headers))
  } else if (node.level === "area") {
    const body = decodeBody(AreaCreate, candidate)
    if (Result.isFailure(body)) return Result.fail(body.failure)
    await ok(
      policies[":policyNo"].areas.$post({ param: { planId, policyNo: node.policyNo }, json: body.success }, headers)
    )
  } else {
    const body = decodeBody(ObjectiveCreate, candidate)
    if (Result.isFailure(body)) return Result.fail(body.failure)
    const param = { planId, policyNo: node.policyNo, areaNo: node.areaNo }
    await ok(policies[":policyNo"].areas[":areaNo"].objectives.$post({ param, json: body.success }, headers))
  }
  return Result.succeed(undefined)
}

/** A PATCH of one node (title, years, position), checked with the core schema of its level. */
const patchNode = async (event: RequestEvent, planId: string, node: Node, candidate: unknown): Promise<Written> => {
  const policy = event.locals.api.plans[":planId"].policies[":policyNo"]
  const param = { planId, policyNo: node.policyNo }
  const headers = ifMatch(node.version)
  if (node.level === "policy") {
    const body = decodeBody(BasicPolicyPatch, candidate)
    if (Result.isFailure(body)) return Result.fail(body.failure)
    await ok(policy.$patch({ param, json: body.success }, headers))
  } else if (node.level === "area") {
    const body = decodeBody(AreaPatch, candidate)
    if (Result.isFailure(body)) return Result.fail(body.failure)
    await ok(policy.areas[":areaNo"].$patch({ param: { ...param, areaNo: node.areaNo }, json: body.success }, headers))
  } else {
    const body = decodeBody(ObjectivePatch, candidate)
    if (Result.isFailure(body)) return Result.fail(body.failure)
    const objective = { ...param, areaNo: node.areaNo, objectiveNo: node.objectiveNo }
    await ok(
      policy.areas[":areaNo"].objectives[":objectiveNo"].$patch({ param: objective, json: body.success }, headers)
    )
  }
  return Result.succeed(undefined)
}

/**
 * One action of the page: the admin check, the fields read (years as 西暦 or 令和), the write, and
 * the answer for the form `key` (its errors at its fields, or what was done).
 */
const submit =
  (
    action: string,
    write: typeof createNode,
    keyOf: (node: Node) => string,
    bodyOf: (form: FormData, node: Node, errors: Array<FieldError>) => unknown
  ) =>
  async (event: RequestEvent) => {
    const { form, planId, node } = await begin(event)
    const key = keyOf(node)
    const values = Object.fromEntries([...form.entries()].map(([name, value]) => [name, String(value)]))
    const errors: Array<FieldError> = []
    const body = bodyOf(form, node, errors)
    if (errors.length > 0) return failWith(400, key, action, errors, values)
    try {
      const written = await write(event, planId, node, body)
      if (Result.isFailure(written)) return failWith(400, key, action, written.failure, values)
    } catch (e) {
      return failWith(statusOf(e), key, action, structureErrorsOf(e), values)
    }
    return { key, done: action }
  }

const ownKey = (node: Node) => nodeKey(node.level, node)

export const actions: Actions = {
  /** A new basic policy, area (in a policy) or objective (in an area). */
  create: submit(
    "create",
    createNode,
    (node) => newKey(node.level, node),
    (form, node, errors) => ({
      no: integerOf(textOf(form, "no")),
      title: textOf(form, "title"),
      ...(node.level === "objective" ? { statement: textOf(form, "statement") } : {}),
      ...yearsOf(form, ["since", "until"], errors)
    })
  ),
  /** Title (and an objective's statement) and the first year. */
  update: submit("update", patchNode, ownKey, (form, node, errors) => ({
    title: textOf(form, "title"),
    ...(node.level === "objective" ? { statement: textOf(form, "statement") } : {}),
    ...yearsOf(form, ["since"], errors)
  })),
  /** One place up or down among its siblings. */
  move: submit("move", patchNode, ownKey, (form) => ({ position: integerOf(textOf(form, "position")) })),
  /** Sets the last year: what is under it ends too, and a year after it no longer shows it. */
  retire: submit("retire", patchNode, ownKey, (form, _node, errors) => {
    const years = yearsOf(form, ["until"], errors)
    if (errors.length === 0 && years.until == null)
      errors.push({ path: "until", ...bilingual(m.structure_until_required) })
    return years
  }),
  /** Clears the last year: the node is in effect again. */
  reinstate: submit("reinstate", patchNode, ownKey, () => ({ until: null }))
}
