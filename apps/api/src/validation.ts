import { fieldIssuesOf, formatPath, MessageBilingual } from "@sukoyaka/core"
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
    if (result.success) {
      const paths = unstorableText((result as { data: unknown }).data)
      if (paths.length === 0) return
      const errors = paths.map((path) => ({ path: prefix(target, formatPath(path)), ja: unstorableMessage.ja, en: unstorableMessage.en }))
      throw new HttpProblem("validation", `${errors.length} field error(s) in ${target}`, errors)
    }
    const decoded = Schema.decodeUnknownEither(schema, { errors: "all" })((result as { data: unknown }).data)
    const errors = Either.isLeft(decoded)
      ? fieldIssuesOf(decoded.left).map((issue) => ({ path: prefix(target, formatPath(issue.path)), ja: issue.ja, en: issue.en }))
      : [{ path: target, ja: "入力内容に誤りがあります", en: "the input is not valid" }]
    throw new HttpProblem("validation", `${errors.length} field error(s) in ${target}`, errors)
  })

/**
 * U+0000 and lone surrogates are valid in a JSON string but not storable text: PostgreSQL refuses
 * NUL in TEXT (a 500 here before), and both databases turn a lone surrogate into U+FFFD silently.
 * So any string of the validated input holding one is a field error, on either database.
 */
const loneSurrogate = /[\uD800-\uDFFF]/u
const unstorableMessage = { ja: "使えない文字（NUL、不正なサロゲート）が含まれています", en: "contains a character that cannot be stored (NUL or a lone surrogate)" }

const unstorableText = (value: unknown, path: ReadonlyArray<PropertyKey> = []): ReadonlyArray<ReadonlyArray<PropertyKey>> => {
  if (typeof value === "string") return value.includes("\u0000") || loneSurrogate.test(value) ? [path] : []
  if (Array.isArray(value)) return value.flatMap((item, index) => unstorableText(item, [...path, index]))
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.entries(value).flatMap(([key, item]) => unstorableText(item, [...path, key]))
  }
  return []
}

const prefix = (target: string, path: string) => (target === "json" ? path || "(body)" : path ? `${target}.${path}` : target)

/** A plan's id in a path or a query: any text up to 64 characters (an unknown one is a 404). */
export const PlanIdParam = Schema.String.pipe(Schema.maxLength(64))

/** The path parameters of a plan's routes, validated like everything else. */
export const PlanParams = Schema.Struct({ planId: PlanIdParam })

/**
 * The id of an audit entry. The column is a 32-bit INTEGER in PostgreSQL, where a larger number
 * in a query is an error (a 500), not a miss; so the bound is part of the input's validation.
 */
export const AuditId = Schema.Int.pipe(Schema.between(1, 2_147_483_647))

/**
 * An integer in a path or query as links write it: decimal digits, no sign, no leading zero. Plain
 * NumberFromString read `57.0`, `0x39` and ` 57` (from `%2057`) as 57, so one row had many URLs.
 * Anything else is the same 400 as any malformed id.
 */
export const DecimalInt = Schema.compose(
  Schema.String.pipe(
    Schema.pattern(/^(?:0|[1-9][0-9]{0,9})$/, {
      [MessageBilingual]: { ja: "半角数字の整数（0 以外は先頭に 0 を付けない）で指定してください", en: "must be a decimal integer: digits only, without a sign or leading zeros" }
    })
  ),
  Schema.NumberFromString
)
