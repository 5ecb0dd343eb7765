import { Problem } from "@sukoyaka/core"
import type { Schema } from "effect"
import type { MiddlewareHandler } from "hono"
import { describeRoute } from "hono-openapi"
import { effectResolver } from "./effectResolver.ts"

const json = (schema: Schema.Codec<unknown, unknown>, description: string) => ({
  description,
  content: { "application/json": { schema: effectResolver(schema) } }
})

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: effectResolver(Problem) } }
})

const commonProblems = {
  400: problem("The request is not valid: problem+json with the path of every field error"),
  401: problem("No valid token or session"),
  403: problem("The role or agency scope does not allow this"),
  404: problem("No such plan, initiative, review or target")
}

const retryAfter = {
  "Retry-After": {
    description: "Seconds to wait before trying again",
    schema: { type: "integer" as const, minimum: 1 }
  }
}

/** One route's OpenAPI entry: its tag, summary, success body and the problems it may answer with. */
export const doc = (options: {
  readonly tag: string
  readonly summary: string
  readonly description?: string
  readonly ok?: {
    readonly status?: number
    readonly schema: Schema.Codec<unknown, unknown>
    readonly description: string
  }
  readonly extraProblems?: Partial<Record<409 | 412 | 413 | 415 | 422 | 428, string>>
  /** The route is rate-limited (sign-in): 429, and 503 when too much is in flight; both say when to retry. */
  readonly throttled?: { readonly tooMany: string; readonly busy: string }
  readonly isPublic?: boolean
  /** The write needs the ETag it read in If-Match (428 without it): say so, so that clients generated from the document send it. */
  readonly ifMatch?: boolean | "optional"
  /** The body is multipart/form-data with one file in this field (the route reads it itself, not a validator). */
  readonly upload?: { readonly field: string; readonly description: string }
}) =>
  describeRoute({
    tags: [options.tag],
    summary: options.summary,
    ...(options.description ? { description: options.description } : {}),
    ...(options.isPublic ? { security: [] } : {}),
    ...(options.ifMatch
      ? {
          parameters: [
            {
              in: "header" as const,
              name: "If-Match",
              required: options.ifMatch === true,
              description:
                options.ifMatch === true
                  ? 'the ETag of the version read, e.g. "v3"'
                  : 'optional: the ETag of the version read, e.g. "v3"; sent, a change made meanwhile answers 412',
              schema: { type: "string" as const }
            }
          ]
        }
      : {}),
    ...(options.upload
      ? {
          requestBody: {
            required: true,
            content: {
              "multipart/form-data": {
                schema: {
                  type: "object" as const,
                  required: [options.upload.field],
                  properties: {
                    [options.upload.field]: {
                      type: "string" as const,
                      format: "binary",
                      description: options.upload.description
                    }
                  }
                }
              }
            }
          }
        }
      : {}),
    responses: {
      ...(options.ok
        ? {
            [options.ok.status ?? 200]: json(options.ok.schema, options.ok.description)
          }
        : { 204: { description: "Done" } }),
      ...commonProblems,
      ...Object.fromEntries(
        Object.entries(options.extraProblems ?? {}).map(([status, text]) => [status, problem(text)])
      ),
      ...(options.throttled
        ? {
            429: { ...problem(options.throttled.tooMany), headers: retryAfter },
            503: { ...problem(options.throttled.busy), headers: retryAfter }
          }
        : {})
    }
  })

type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [key: string]: Json }

const componentRef = "#/components/schemas/"

/**
 * A component whose name has a slash (effect 3 named its built-in schemas by `$id`, `/schemas/unknown`
 * for Schema.Unknown, and hono-openapi made a component of every `$id`) is referenced as
 * `#/components/schemas//schemas/unknown`, which resolves for no validator or generator. effect 4's
 * OpenAPI conversion (JsonSchema.toMultiDocumentOpenApi3_1) gives components valid names already;
 * this stays on the document's route as the guard the OpenAPI test holds it to: any such component
 * is put back inline, wherever a route's schema has one.
 */
export const inlineBuiltinSchemas = (document: {
  readonly components?: { readonly schemas?: Record<string, Json> }
}) => {
  const schemas = document.components?.schemas ?? {}
  const builtin = new Map(Object.entries(schemas).filter(([name]) => name.includes("/")))
  if (builtin.size === 0) return document
  const inline = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(inline)
    if (node === null || typeof node !== "object") return node
    const ref = (node as { $ref?: Json }).$ref
    if (typeof ref === "string" && ref.startsWith(componentRef) && builtin.has(ref.slice(componentRef.length)))
      return builtin.get(ref.slice(componentRef.length))!
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, inline(value)]))
  }
  const kept = Object.fromEntries(Object.entries(schemas).filter(([name]) => !builtin.has(name)))
  return inline({
    ...document,
    components: { ...document.components, schemas: kept }
  } as Json) as typeof document
}

/** Middleware for the document's route: the generated document, with `inlineBuiltinSchemas` applied. */
export const portableSchemas: MiddlewareHandler = async (c, next) => {
  await next()
  if (c.res.status !== 200) return
  c.res = c.json(inlineBuiltinSchemas((await c.res.json()) as Parameters<typeof inlineBuiltinSchemas>[0]))
}
