import { Option, Schema, SchemaAST } from "effect"

/**
 * What a domain error means to a client, said once beside the error (a `Schema.TaggedError`'s
 * class annotation) and read by the API's one error mapper: the HTTP status it answers with.
 */
export const HttpStatus: unique symbol = Symbol.for("@sukoyaka/core/HttpStatus")
/** A problem type of its own, when the status alone does not say enough (e.g. "lastAdmin"). */
export const ProblemName: unique symbol = Symbol.for("@sukoyaka/core/ProblemName")

/** The class annotation: `Schema.TaggedError<X>()("X", fields, answersWith(404))`. */
export const answersWith = (status: 400 | 403 | 404 | 409 | 412 | 413 | 415 | 422, problem?: string) => ({
  [HttpStatus]: status,
  ...(problem === undefined ? {} : { [ProblemName]: problem })
})

/**
 * What a domain error says to a person, in Japanese and English and at the field of the request it
 * concerns: a getter under this key on the error's class. The API's mapper sends it as
 * problem+json's `errors`, as it does for a body that fails its schema.
 */
export const Explanation: unique symbol = Symbol.for("@sukoyaka/core/Explanation")

export interface ExplainedIssue {
  readonly path: string
  readonly ja: string
  readonly en: string
}

/** The error's explanation, when its class gives one. */
export const explanationOf = (error: unknown): ReadonlyArray<ExplainedIssue> | undefined => {
  if (error === null || typeof error !== "object" || !(Explanation in error)) return undefined
  return (error as { readonly [Explanation]: ReadonlyArray<ExplainedIssue> })[Explanation]
}

/** The status annotated on the class of `error`, when it is a `Schema.TaggedError` that has one. */
export const httpStatusOf = (error: unknown): Option.Option<number> =>
  Option.fromUndefinedOr(classAnnotationOf<number>(error, HttpStatus))

/** The problem type annotated on the class of `error`, when it names one. */
export const problemNameOf = (error: unknown): Option.Option<string> =>
  Option.fromUndefinedOr(classAnnotationOf<string>(error, ProblemName))

/** An annotation of the schema class `error` is an instance of (the class's own, on its declaration). */
const classAnnotationOf = <A>(error: unknown, key: symbol): A | undefined => {
  const errorClass = (error as { constructor?: unknown } | null)?.constructor
  if (!Schema.isSchema(errorClass)) return undefined
  return SchemaAST.resolve(Schema.toType(errorClass).ast)?.[key as unknown as string] as A | undefined
}

/**
 * The error's own words when its class writes them (a `message` getter); otherwise undefined, and
 * the caller says what the tag says (Schema.TaggedError's default message is its fields as JSON).
 */
export const ownMessageOf = (error: unknown): string | undefined => {
  const prototype = (error as { constructor?: { prototype?: object } } | null)?.constructor?.prototype
  return prototype !== undefined && Object.getOwnPropertyDescriptor(prototype, "message") !== undefined
    ? (error as Error).message
    : undefined
}
