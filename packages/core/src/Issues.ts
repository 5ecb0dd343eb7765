import { Option, type ParseResult, SchemaAST } from "effect"
import { type Bilingual, LabelJa, MessageBilingual } from "./Bilingual.ts"

/** One decoding problem: where (a path into the input) and what, in both languages. */
export interface FieldIssue extends Bilingual {
  readonly path: ReadonlyArray<PropertyKey>
}

const bilingualOf = (ast: SchemaAST.AST): Option.Option<Bilingual> =>
  SchemaAST.getAnnotation<Bilingual>(ast, MessageBilingual)

const describe = (ast: SchemaAST.AST): Bilingual => {
  const ja = SchemaAST.getAnnotation<string>(ast, LabelJa)
  const en = SchemaAST.getTitleAnnotation(ast).pipe(
    Option.orElse(() => SchemaAST.getIdentifierAnnotation(ast)),
    Option.orElse(() => SchemaAST.getDescriptionAnnotation(ast))
  )
  const fallback = String(ast)
  return { ja: Option.getOrElse(ja, () => Option.getOrElse(en, () => fallback)), en: Option.getOrElse(en, () => fallback) }
}

const leaf = (issue: ParseResult.ParseIssue): Bilingual => {
  switch (issue._tag) {
    case "Missing":
      return { ja: "必須項目です", en: "is required" }
    case "Unexpected":
      return { ja: "想定外の項目です", en: "is not an expected field" }
    case "Forbidden":
      return { ja: "この処理では扱えない値です", en: "cannot be processed here" }
    case "Type": {
      const custom = bilingualOf(issue.ast)
      if (Option.isSome(custom)) return custom.value
      const expected = describe(issue.ast)
      return {
        ja: `${expected.ja} の形式ではありません（値: ${show(issue.actual)}）`,
        en: `expected ${expected.en}, got ${show(issue.actual)}`
      }
    }
    default:
      return { ja: "不正な値です", en: "is invalid" }
  }
}

/** The `undefined` or `null` member of a union failing: what an optional or nullable field adds. */
const isAbsentMember = (issue: ParseResult.ParseIssue): boolean =>
  issue._tag === "Type" && (SchemaAST.isUndefinedKeyword(issue.ast) || (SchemaAST.isLiteral(issue.ast) && issue.ast.literal === null))

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
 * Flattens a ParseIssue into field issues. A refinement or transformation that carries its own
 * bilingual message speaks for everything below it, so users read "年度は2000〜2100です" rather
 * than the internals of the check.
 */
export const toFieldIssues = (
  issue: ParseResult.ParseIssue,
  path: ReadonlyArray<PropertyKey> = []
): ReadonlyArray<FieldIssue> => {
  switch (issue._tag) {
    case "Pointer":
      return toFieldIssues(issue.issue, [...path, ...(Array.isArray(issue.path) ? issue.path : [issue.path])])
    case "Composite": {
      const custom = bilingualOf(issue.ast)
      if (Option.isSome(custom)) return [{ path, ...custom.value }]
      const children: ReadonlyArray<ParseResult.ParseIssue> = Array.isArray(issue.issues)
        ? (issue.issues as ReadonlyArray<ParseResult.ParseIssue>)
        : [issue.issues as ParseResult.ParseIssue]
      // An optional or nullable field is a union with undefined or null: "expected undefined" beside
      // the real message would report the same field twice, so those members speak only when alone.
      const telling = SchemaAST.isUnion(issue.ast) ? children.filter((child) => !isAbsentMember(child)) : children
      // A choice among literals ("atLeast" | "atMost" | …) is one error naming the choices, not one per literal.
      const literals = telling.map((child) => (child._tag === "Type" && SchemaAST.isLiteral(child.ast) ? child.ast.literal : undefined))
      if (telling.length > 1 && literals.every((literal) => literal !== undefined)) {
        const choices = literals.map(String)
        return [{ path, ja: `${choices.join("・")} のいずれかです（値: ${show(issue.actual)}）`, en: `expected one of ${choices.join(", ")}, got ${show(issue.actual)}` }]
      }
      return (telling.length > 0 ? telling : children).flatMap((child) => toFieldIssues(child, path))
    }
    case "Refinement":
    case "Transformation": {
      const custom = bilingualOf(issue.ast)
      if (Option.isSome(custom) && !(issue._tag === "Refinement" && issue.kind === "From")) {
        return [{ path, ...custom.value }]
      }
      return toFieldIssues(issue.issue, path)
    }
    default:
      return [{ path, ...leaf(issue) }]
  }
}

export const fieldIssuesOf = (error: ParseResult.ParseError): ReadonlyArray<FieldIssue> =>
  toFieldIssues(error.issue)

/** `review.measures[0].actual` — the path notation used in problem+json and the UI. */
export const formatPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.reduce<string>(
    (acc, key) => (typeof key === "number" ? `${acc}[${key}]` : acc === "" ? String(key) : `${acc}.${String(key)}`),
    ""
  )
