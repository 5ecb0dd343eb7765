import { Option, type Schema, SchemaAST, SchemaIssue } from "effect"
import { type Bilingual, LabelJa, MessageBilingual } from "./Bilingual.ts"

/** One decoding problem: where (a path into the input) and what, in both languages. */
export interface FieldIssue extends Bilingual {
  readonly path: ReadonlyArray<PropertyKey>
}

/**
 * The parse options that make issues worth showing to a user: every field's problem at once, and
 * the rejected value kept in the issue (effect 4 drops it unless asked), so a message can say
 * "got …". Pass them to Schema.decodeUnknown* before handing the error to fieldIssuesOf.
 */
export const fieldIssueParseOptions = { errors: "all", reportInput: true } as const satisfies SchemaAST.ParseOptions

type Annotated = { readonly [key: PropertyKey]: unknown } | undefined

const bilingualIn = (annotations: Annotated): Option.Option<Bilingual> =>
  Option.fromUndefinedOr(annotations?.[MessageBilingual] as Bilingual | undefined)

/**
 * Annotations a schema carries itself. Effect 4 keeps what is annotated after a check on that
 * check, so a schema's own annotations are about its type and never a check's message.
 */
const ownAnnotations = (ast: SchemaAST.AST): Annotated => ast.annotations as Annotated

const formatIssue = SchemaIssue.makeFormatterDefault()

/** Effect's own name for what a schema expects ("string", "number", "{ readonly a: … }"). */
const expectedOf = (ast: SchemaAST.AST): string =>
  formatIssue(new SchemaIssue.InvalidType(ast)).replace(/^Expected /, "")

/** What a schema is called, from its own annotations (a check's failure speaks through its filter). */
const describe = (annotations: Annotated, fallback: string): Bilingual => {
  const text = (key: string): string | undefined => {
    const value = annotations?.[key]
    return typeof value === "string" ? value : undefined
  }
  const en = text("title") ?? text("identifier") ?? text("description") ?? fallback
  const ja = annotations?.[LabelJa]
  return { ja: typeof ja === "string" ? ja : en, en }
}

const got = (issue: SchemaIssue.Issue): { readonly ja: string; readonly en: string } =>
  "input" in issue ? { ja: `（値: ${show(issue.input)}）`, en: `, got ${show(issue.input)}` } : { ja: "", en: "" }

const expected = (what: Bilingual, issue: SchemaIssue.Issue): Bilingual => {
  const value = got(issue)
  return { ja: `${what.ja} の形式ではありません${value.ja}`, en: `expected ${what.en}${value.en}` }
}

/**
 * A value of the wrong type for `ast`: its own message, or what it expects. A figure typed as words
 * (約5, 5人) is told what to type, not the type's name ("number の形式ではありません").
 */
const typeMismatch = (ast: SchemaAST.AST, issue: SchemaIssue.Issue): Bilingual => {
  const annotations = ownAnnotations(ast)
  return Option.getOrElse(bilingualIn(annotations), () =>
    SchemaAST.isNumber(ast)
      ? { ja: `数字で入力してください${got(issue).ja}`, en: `enter a number${got(issue).en}` }
      : expected(describe(annotations, expectedOf(ast)), issue)
  )
}

const leaf = (issue: SchemaIssue.Leaf): Bilingual => {
  switch (issue._tag) {
    case "MissingKey":
      return { ja: "必須項目です", en: "is required" }
    case "UnexpectedKey":
      return { ja: "想定外の項目です", en: "is not an expected field" }
    case "Forbidden":
      return { ja: "この処理では扱えない値です", en: "cannot be processed here" }
    case "InvalidType":
      return typeMismatch(issue.ast, issue)
    case "InvalidValue":
      return Option.getOrElse(bilingualIn(issue.annotations as Annotated), () => ({
        ja: "不正な値です",
        en: "is invalid"
      }))
    case "OneOf":
      return { ja: "不正な値です", en: "is invalid" }
  }
}

/** The `undefined` or `null` member of a union: what an optional or nullable field adds. */
const isAbsentMember = (ast: SchemaAST.AST): boolean => SchemaAST.isUndefined(ast) || SchemaAST.isNull(ast)

const show = (value: unknown): string => {
  if (value === undefined) return "undefined"
  try {
    const json = JSON.stringify(value)
    return json.length > 40 ? `${json.slice(0, 37)}...` : json
  } catch {
    return String(value)
  }
}

/**
 * No member of a union accepted the value's type. An optional or nullable field is a union with
 * undefined or null: "expected undefined" beside the real message would report the same field
 * twice, so those members are not named. A choice among literals ("atLeast" | "atMost" | …) is one
 * error naming the choices.
 */
const noMemberMatched = (issue: SchemaIssue.AnyOf): Bilingual => {
  const members = issue.ast.types.filter((member) => !isAbsentMember(member))
  const literals = members.map((member) => (SchemaAST.isLiteral(member) ? member.literal : undefined))
  if (members.length > 1 && literals.every((literal) => literal !== undefined)) {
    const choices = literals.map(String)
    const value = got(issue)
    return {
      ja: `${choices.join("・")} のいずれかです${value.ja}`,
      en: `expected one of ${choices.join(", ")}${value.en}`
    }
  }
  const [only] = members
  if (members.length === 1 && only !== undefined) return typeMismatch(only, issue)
  return expected(describe(ownAnnotations(issue.ast), expectedOf(issue.ast)), issue)
}

/**
 * Effect's own checks by what they mean, in words a user reads ("200 以下で指定してください"), not
 * in the check's name ("between(1, 200)", "a value with a length of at most 64"). `undefined` for
 * a check without words here: it is named by what it expects, as before.
 */
const checkInWords = (annotations: Annotated, issue: SchemaIssue.Issue): Bilingual | undefined => {
  const representation = annotations?.["representation"] as
    { readonly id?: unknown; readonly payload?: Record<string, unknown> } | undefined
  const payload = representation?.payload ?? {}
  const value = got(issue)
  const say = (ja: string, en: string): Bilingual => ({ ja: `${ja}${value.ja}`, en: `${en}${value.en}` })
  switch (representation?.id) {
    case "effect/schema/isBetween":
      return say(
        `${String(payload["minimum"])}〜${String(payload["maximum"])} の範囲で指定してください`,
        `must be from ${String(payload["minimum"])} to ${String(payload["maximum"])}`
      )
    case "effect/schema/isGreaterThanOrEqualTo":
      return say(
        `${String(payload["minimum"])} 以上で指定してください`,
        `must be at least ${String(payload["minimum"])}`
      )
    case "effect/schema/isLessThanOrEqualTo":
      return say(
        `${String(payload["maximum"])} 以下で指定してください`,
        `must be at most ${String(payload["maximum"])}`
      )
    case "effect/schema/isGreaterThan":
      return say(
        `${String(payload["exclusiveMinimum"] ?? payload["minimum"])} より大きい値で指定してください`,
        `must be greater than ${String(payload["exclusiveMinimum"] ?? payload["minimum"])}`
      )
    case "effect/schema/isLessThan":
      return say(
        `${String(payload["exclusiveMaximum"] ?? payload["maximum"])} より小さい値で指定してください`,
        `must be less than ${String(payload["exclusiveMaximum"] ?? payload["maximum"])}`
      )
    case "effect/schema/isInt":
      return say("整数で指定してください", "must be a whole number")
    case "effect/schema/isMaxLength":
      return say(
        `${String(payload["maxLength"])} 文字以内で入力してください`,
        `must be at most ${String(payload["maxLength"])} characters long`
      )
    case "effect/schema/isMinLength":
      return Number(payload["minLength"]) === 1
        ? say("空にはできません", "must not be empty")
        : say(
            `${String(payload["minLength"])} 文字以上で入力してください`,
            `must be at least ${String(payload["minLength"])} characters long`
          )
    default:
      return undefined
  }
}

/** A failed check without a message of its own: in words where effect's check has some, else named by what it expects. */
const failedCheck = (issue: SchemaIssue.Filter): Bilingual => {
  const annotations = issue.filter.annotations as Annotated
  const words = checkInWords(annotations, issue.issue)
  if (words !== undefined) return words
  const what = annotations?.["expected"]
  return expected(describe(annotations, typeof what === "string" ? what : "<filter>"), issue.issue)
}

/**
 * Flattens a schema issue into field issues. A check or a schema that carries its own bilingual
 * message speaks for everything below it, so users read "年度は2000〜2100です" rather than the
 * internals of the check.
 */
export const toFieldIssues = (
  issue: SchemaIssue.Issue,
  path: ReadonlyArray<PropertyKey> = []
): ReadonlyArray<FieldIssue> => {
  switch (issue._tag) {
    case "Pointer":
      return toFieldIssues(issue.issue, [...path, ...issue.path])
    case "Filter": {
      const custom = bilingualIn(issue.filter.annotations as Annotated)
      if (Option.isSome(custom)) return [{ path, ...custom.value }]
      return issue.issue._tag === "InvalidValue" && issue.issue.annotations === undefined
        ? [{ path, ...failedCheck(issue) }]
        : toFieldIssues(issue.issue, path)
    }
    case "Encoding": {
      const custom = bilingualIn(SchemaAST.resolve(issue.ast) as Annotated)
      if (Option.isSome(custom)) return [{ path, ...custom.value }]
      // A transformation that refused the value (a date that is no date) names what it decodes to.
      if (issue.issue._tag === "InvalidValue" && bilingualIn(issue.issue.annotations as Annotated)._tag === "None") {
        return [{ path, ...expected(describe(ownAnnotations(issue.ast), expectedOf(issue.ast)), issue.issue) }]
      }
      return toFieldIssues(issue.issue, path)
    }
    case "Composite": {
      const custom = bilingualIn(ownAnnotations(issue.ast))
      if (Option.isSome(custom)) return [{ path, ...custom.value }]
      // Several checks of one value failed (a slug neither well-formed nor short enough): the first
      // one speaks for the field, as each field is reported once.
      const [first] = issue.issues
      if (issue.issues.every((child) => child._tag === "Filter")) return toFieldIssues(first, path)
      return issue.issues.flatMap((child) => toFieldIssues(child, path))
    }
    case "AnyOf": {
      const custom = bilingualIn(ownAnnotations(issue.ast))
      if (Option.isSome(custom)) return [{ path, ...custom.value }]
      if (issue.issues.length === 0) return [{ path, ...noMemberMatched(issue) }]
      return issue.issues.flatMap((child) => toFieldIssues(child, path))
    }
    default:
      return [{ path, ...leaf(issue) }]
  }
}

/** The field issues of a failed decoding (decode with fieldIssueParseOptions to have the values in the messages). */
export const fieldIssuesOf = (error: Schema.SchemaError | SchemaIssue.Issue): ReadonlyArray<FieldIssue> =>
  toFieldIssues("issue" in error && error._tag === "SchemaError" ? error.issue : (error as SchemaIssue.Issue))

/** `review.measures[0].actual` — the path notation used in problem+json and the UI. */
export const formatPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.reduce<string>(
    (acc, key) => (typeof key === "number" ? `${acc}[${key}]` : acc === "" ? String(key) : `${acc}.${String(key)}`),
    ""
  )
