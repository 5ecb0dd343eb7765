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

/** The document's tags, each described (every operation names one of these). */
export const tags = [
  { name: "session", description: "Signing in and out, the signed-in user, password setup" },
  { name: "health", description: "Whether the server and its database answer" },
  { name: "plans", description: "The plans, their agencies (実施機関) and fiscal years" },
  { name: "structure", description: "A plan's structure: basic policies, areas, objectives and initiatives (admin)" },
  { name: "initiatives", description: "Initiatives (事業) with the year's review and its evaluation" },
  { name: "reviews", description: "The yearly review of an initiative: its texts, rating, status and history" },
  { name: "dialogue", description: "Comments and attached files on a review" },
  { name: "summary", description: "The plan's evaluation summed up by policy and area" },
  { name: "targets", description: "The plan's numeric targets (指標) and their values" },
  { name: "workbook", description: "The sheet (xlsx, csv or json): export, and import of a returned one" },
  { name: "cycles", description: "A fiscal year's review cycle: opening (rollover), due dates, tasks, closing" },
  { name: "notifications", description: "The signed-in user's notifications" },
  { name: "changes", description: "A plan's committed changes, oldest first: a feed to keep another system in step" },
  { name: "publishing", description: "Which fiscal years of a plan are public (admin)" },
  {
    name: "frameworks",
    description:
      "National frameworks (大綱, 政策パッケージ, 健康日本21) as data, initiatives tagged with their measures, the coverage report and the survey export"
  },
  {
    name: "tagProposals",
    description:
      "Tags an agency proposes for its initiatives in its review, when the city switches proposals on; the secretariat accepts or declines them"
  },
  {
    name: "public",
    description: "What anyone may read without signing in: the published years' approved reviews, targets and open data"
  },
  { name: "admin", description: "Users, tokens, the audit log and settings (admin only)" },
  {
    name: "webhooks",
    description:
      "Receivers of the plans' changes as signed events (Standard Webhooks), and their delivery log (admin only)"
  }
] as const

type TagName = (typeof tags)[number]["name"]

/** A 201's Location: where the created resource is read. */
const location = {
  Location: { description: "The created resource's URL", schema: { type: "string" as const, format: "uri-reference" } }
}

const etagHeader = {
  ETag: {
    description: 'The version of the representation (strong), e.g. "v3": send it back in If-Match to change it',
    schema: { type: "string" as const }
  }
}

/** One route's OpenAPI entry: its tag, summary, success body and the problems it may answer with. */
export const doc = (options: {
  readonly tag: TagName
  readonly summary: string
  readonly description?: string
  readonly ok?: {
    readonly status?: number
    readonly schema: Schema.Codec<unknown, unknown>
    readonly description: string
  }
  /** The success body in several media types (a file download): each type's schema and what it is. */
  readonly okFiles?: {
    readonly description: string
    readonly content: Record<string, { readonly schema: object }>
  }
  /** A 201 that says in Location where the created resource is. */
  readonly createdAt?: boolean
  readonly extraProblems?: Partial<Record<409 | 412 | 413 | 415 | 422 | 428 | 429, string>>
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
    // Every operation has a description; the summary says it all for most.
    description: options.description ?? options.summary,
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
      ...(options.okFiles
        ? { 200: { description: options.okFiles.description, content: options.okFiles.content } }
        : options.ok
          ? {
              [options.ok.status ?? 200]: {
                ...json(options.ok.schema, options.ok.description),
                // A write of a versioned entity answers with its new version (a GET gets its ETag later).
                ...(options.ifMatch || options.createdAt
                  ? { headers: { ...etagHeader, ...(options.createdAt ? location : {}) } }
                  : {})
              }
            }
          : { 204: { description: "Done" } }),
      ...commonProblems,
      ...Object.fromEntries(
        Object.entries(options.extraProblems ?? {}).map(([status, text]) => [
          status,
          status === "429" ? { ...problem(text), headers: retryAfter } : problem(text)
        ])
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

type Operation = {
  parameters?: Array<{ in: string; name: string }>
  responses?: Record<
    string,
    { description?: string; content?: Record<string, unknown>; headers?: Record<string, unknown> }
  >
}

/**
 * The conventions every GET shares (httpConventions.ts's conditionalGet), declared on each: a JSON
 * 200 carries a strong ETag, and If-None-Match with it answers 304 without a body.
 */
export const declareConditionalGets = <D extends { readonly paths?: Record<string, Record<string, Operation>> }>(
  document: D
): D => {
  for (const [, item] of Object.entries(document.paths ?? {})) {
    const get = item["get"]
    const ok = get?.responses?.["200"]
    // JSON only: a download (the export's xlsx, csv or json file) is sent as it is, without an ETag.
    const types = Object.keys(ok?.content ?? {})
    if (get === undefined || ok === undefined || types.length !== 1 || types[0] !== "application/json") continue
    ok.headers = { ...ok.headers, ...etagHeader }
    get.parameters = [
      ...(get.parameters ?? []),
      {
        in: "header",
        name: "If-None-Match",
        required: false,
        description: "The ETag of a representation the client has: 304 without a body while it is still current",
        schema: { type: "string" }
      } as { in: string; name: string }
    ]
    get.responses = {
      ...get.responses,
      304: {
        description: "Not modified: the representation named in If-None-Match is still current",
        headers: etagHeader
      }
    }
  }
  return document
}

/**
 * Middleware for the document's route: the generated document, with `inlineBuiltinSchemas` and the
 * conditional GETs applied.
 */
export const portableSchemas: MiddlewareHandler = async (c, next) => {
  await next()
  if (c.res.status !== 200) return
  const document = (await c.res.json()) as Parameters<typeof inlineBuiltinSchemas>[0] & {
    paths?: Record<string, Record<string, Operation>>
  }
  c.res = c.json(declareConditionalGets(inlineBuiltinSchemas(document) as typeof document))
}
