import { Schema } from "effect"

/** One field error of a problem: the path into the request and the message in both languages. */
export const FieldError = Schema.Struct({
  path: Schema.String.annotate({ description: "e.g. measures[0].actual" }),
  ja: Schema.String,
  en: Schema.String
}).annotate({ identifier: "FieldError", title: "Field error" })

/** RFC 9457 problem details, with the field paths of every validation error. */
export const Problem = Schema.Struct({
  type: Schema.String.annotate({ description: "a stable URI naming the kind of problem" }),
  title: Schema.String.annotate({
    description: "the kind of problem in the client's language (Accept-Language: Japanese unless English is preferred)"
  }),
  /** An extension member (RFC 9457 §3.2): the title in both languages, for a UI that shows either. */
  titles: Schema.optional(
    Schema.Struct({ ja: Schema.String, en: Schema.String }).annotate({
      description: "the title in Japanese and English, for a bilingual client"
    })
  ),
  status: Schema.Int,
  detail: Schema.optional(Schema.String),
  instance: Schema.optional(Schema.String),
  errors: Schema.optional(Schema.Array(FieldError)),
  requestId: Schema.optional(Schema.String)
}).annotate({ identifier: "Problem", title: "Problem details (RFC 9457)" })
export type Problem = typeof Problem.Type

export const pageOf = <S extends Schema.Top>(item: S, identifier: string) =>
  Schema.Struct({
    items: Schema.Array(item),
    page: Schema.Int,
    pageSize: Schema.Int,
    total: Schema.Int
  }).annotate({ identifier, title: identifier })
