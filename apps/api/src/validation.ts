import { fieldIssuesOf, formatPath } from "@sukoyaka/core"
import { Either, Schema } from "effect"
import type { ValidationTargets } from "hono"
import { validator } from "hono-openapi"
import { HttpProblem } from "./problem.ts"

/**
 * The core schema is the validator (and, through hono-openapi, the OpenAPI document). On failure
 * the input is decoded once more with Effect Schema itself, so that every error carries its field
 * path and a message in Japanese and English, as problem+json.
 */
export const validate = <A, I, Target extends keyof ValidationTargets>(target: Target, schema: Schema.Schema<A, I, never>) =>
  validator(target, Schema.standardSchemaV1(schema), (result) => {
    if (result.success) return
    const decoded = Schema.decodeUnknownEither(schema, { errors: "all" })((result as { data: unknown }).data)
    const errors = Either.isLeft(decoded)
      ? fieldIssuesOf(decoded.left).map((issue) => ({ path: prefix(target, formatPath(issue.path)), ja: issue.ja, en: issue.en }))
      : [{ path: target, ja: "入力内容に誤りがあります", en: "the input is not valid" }]
    throw new HttpProblem("validation", `${errors.length} field error(s) in ${target}`, errors)
  })

const prefix = (target: string, path: string) => (target === "json" ? path || "(body)" : path ? `${target}.${path}` : target)

/** Path parameters, validated like everything else. */
export const planParam = Schema.Struct({ planId: Schema.String.pipe(Schema.maxLength(64)) })

/**
 * The id of an audit entry. The column is a 32-bit INTEGER in PostgreSQL, where a larger number
 * in a query is an error (a 500), not a miss; so the bound is part of the input's validation.
 */
export const AuditId = Schema.Int.pipe(Schema.between(1, 2_147_483_647))
