import { Problem } from "@sukoyaka/core"
import { Schema } from "effect"
import { describeRoute, resolver } from "hono-openapi"

const json = (schema: Schema.Schema.Any, description: string) => ({
  description,
  content: { "application/json": { schema: resolver(Schema.standardSchemaV1(schema as Schema.Schema<unknown, unknown, never>)) } }
})

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: resolver(Schema.standardSchemaV1(Problem)) } }
})

const commonProblems = {
  400: problem("The request is not valid: problem+json with the path of every field error"),
  401: problem("No valid token or session"),
  403: problem("The role or agency scope does not allow this"),
  404: problem("No such plan, initiative, review or target"),
  429: problem("Too many requests")
}

/** One route's OpenAPI entry: its tag, summary, success body and the problems it may answer with. */
export const doc = (options: {
  readonly tag: string
  readonly summary: string
  readonly description?: string
  readonly ok?: { readonly status?: number; readonly schema: Schema.Schema.Any; readonly description: string }
  readonly extraProblems?: Partial<Record<409 | 412 | 413 | 415 | 428, string>>
  readonly isPublic?: boolean
}) =>
  describeRoute({
    tags: [options.tag],
    summary: options.summary,
    ...(options.description ? { description: options.description } : {}),
    ...(options.isPublic ? { security: [] } : {}),
    responses: {
      ...(options.ok ? { [options.ok.status ?? 200]: json(options.ok.schema, options.ok.description) } : { 204: { description: "Done" } }),
      ...commonProblems,
      ...Object.fromEntries(Object.entries(options.extraProblems ?? {}).map(([status, text]) => [status, problem(text)]))
    }
  })
