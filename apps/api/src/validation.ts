import { sValidator } from "@hono/standard-validator"
import { fieldIssueParseOptions, fieldIssuesOf, formatPath, MessageBilingual } from "@sukoyaka/core"
import { Result, Schema } from "effect"
import type { ValidationTargets } from "hono"
import { uniqueSymbol } from "hono-openapi"
import { effectResolver, parametersResolver } from "./effectResolver.ts"
import { HttpProblem } from "./problem.ts"

/**
 * The core schema is the validator (and, through hono-openapi, the OpenAPI document: the middleware
 * carries its resolver as hono-openapi's own `validator` does). On failure the input is decoded once
 * more with Effect Schema itself, so that every error carries its field path and a message in
 * Japanese and English, as problem+json.
 */
export const validate = <A, I, Target extends keyof ValidationTargets>(target: Target, schema: Schema.Codec<A, I>) =>
  Object.assign(
    sValidator(target, Schema.toStandardSchemaV1(schema), (result) => {
      if (result.success) {
        const paths = unstorableText(result.data)
        if (paths.length === 0) return
        const errors = paths.map((path) => ({
          path: prefix(target, formatPath(path)),
          ja: unstorableMessage.ja,
          en: unstorableMessage.en
        }))
        throw new HttpProblem("validation", `${errors.length} field error(s) in ${target}`, errors)
      }
      const decoded = Schema.decodeUnknownResult(schema, fieldIssueParseOptions)(result.data)
      const errors = Result.isFailure(decoded)
        ? fieldIssuesOf(decoded.failure).map((issue) => ({
            path: prefix(target, formatPath(issue.path)),
            ja: issue.ja,
            en: issue.en
          }))
        : [{ path: target, ja: "入力内容に誤りがあります", en: "the input is not valid" }]
      throw new HttpProblem("validation", `${errors.length} field error(s) in ${target}`, errors)
    }),
    {
      [uniqueSymbol]: {
        target,
        ...(target === "param" || target === "query" ? parametersResolver : effectResolver)(
          schema as Schema.Codec<unknown, unknown>
        )
      }
    }
  )

/**
 * U+0000 and lone surrogates are valid in a JSON string but not storable text: PostgreSQL refuses
 * NUL in TEXT (a 500 here before), and both databases turn a lone surrogate into U+FFFD silently.
 * So any string of the validated input holding one is a field error, on either database.
 */
const loneSurrogate = /[\uD800-\uDFFF]/u
const unstorableMessage = {
  ja: "使えない文字（NUL、不正なサロゲート）が含まれています",
  en: "contains a character that cannot be stored (NUL or a lone surrogate)"
}

const unstorableText = (
  value: unknown,
  path: ReadonlyArray<PropertyKey> = []
): ReadonlyArray<ReadonlyArray<PropertyKey>> => {
  if (typeof value === "string") return value.includes("\u0000") || loneSurrogate.test(value) ? [path] : []
  if (Array.isArray(value)) return value.flatMap((item, index) => unstorableText(item, [...path, index]))
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.entries(value).flatMap(([key, item]) => unstorableText(item, [...path, key]))
  }
  return []
}

const prefix = (target: string, path: string) =>
  target === "json" ? path || "(body)" : path ? `${target}.${path}` : target

/** A plan's id in a path or a query: any text up to 64 characters (an unknown one is a 404). */
export const PlanIdParam = Schema.String.check(Schema.isMaxLength(64)).annotate({
  description: "the plan's id, e.g. tomakomai-step3"
})

/** The path parameters of a plan's routes, validated like everything else. */
export const PlanParams = Schema.Struct({ planId: PlanIdParam })

/**
 * The id of an audit entry. The column is a 32-bit INTEGER in PostgreSQL, where a larger number
 * in a query is an error (a 500), not a miss; so the bound is part of the input's validation.
 */
export const AuditId = Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 2_147_483_647 }))

/** A position in the audit log: after the entry with this id; 0 before the first. */
export const AuditCursor = Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 2_147_483_647 }))

/**
 * An integer in a path or query as links write it: decimal digits, no sign, no leading zero. Plain
 * NumberFromString read `57.0`, `0x39` and ` 57` (from `%2057`) as 57, so one row had many URLs.
 * Anything else is the same 400 as any malformed id.
 */
export const DecimalInt = Schema.String.check(
  Schema.isPattern(/^(?:0|[1-9][0-9]{0,9})$/u, {
    [MessageBilingual]: {
      ja: "半角数字の整数（0 以外は先頭に 0 を付けない）で指定してください",
      en: "must be a decimal integer: digits only, without a sign or leading zeros"
    }
  })
).pipe(Schema.decodeTo(Schema.NumberFromString))

/** A point in time in a query: ISO 8601, documented as `format: date-time` for generated clients. */
export const Instant = (description: string) =>
  Schema.DateTimeUtcFromString.pipe(
    Schema.annotateEncoded({ format: "date-time", description } as Schema.Annotations.Annotations)
  )
