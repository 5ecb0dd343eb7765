/**
 * Schema-derived fuzzing: the API's own OpenAPI document (served by the process under test) says
 * what every operation takes; fast-check arbitraries are derived from its JSON Schemas, and at every
 * node a value may be swapped for hostile input (SQL meta-characters, XSS, path traversal, CR/LF,
 * huge strings, wrong types).
 */
import fc from "fast-check"

export type JsonSchema = {
  $ref?: string
  type?: string | ReadonlyArray<string>
  enum?: ReadonlyArray<unknown>
  const?: unknown
  properties?: Record<string, JsonSchema>
  required?: ReadonlyArray<string>
  items?: JsonSchema
  anyOf?: ReadonlyArray<JsonSchema>
  oneOf?: ReadonlyArray<JsonSchema>
  allOf?: ReadonlyArray<JsonSchema>
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  exclusiveMaximum?: number
  minLength?: number
  maxLength?: number
  minItems?: number
  maxItems?: number
  format?: string
}

export const hostileStrings = [
  "<img src=x onerror=window.__xss=1>",
  "<script>window.__xss=1</script>",
  '"><svg onload=window.__xss=1>',
  "javascript:window.__xss=1",
  "'; DROP TABLE reviews; --",
  "' OR '1'='1",
  "1; SELECT pg_sleep(5); --",
  "\\'; --",
  "%' AND 1=1 --",
  "../../../../etc/passwd",
  "..%2f..%2f..%2fetc%2fpasswd",
  "..\\..\\windows\\win.ini",
  "/etc/passwd\u0000.xlsx",
  "a\r\nSet-Cookie: evil=1",
  "a\r\n\r\nHTTP/1.1 200 OK",
  "${7*7}{{7*7}}<%= 7*7 %>",
  "=cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  "\u202e\u202dRTL",
  "\ufeff\u200b",
  "🧨".repeat(50),
  "　全角　",
  "x".repeat(5000),
  "__proto__",
  "constructor"
] as const

const hostileString = fc.constantFrom(...hostileStrings)
const junk = fc.oneof(
  hostileString,
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 40 }),
  fc.constant([]),
  fc.constant({}),
  fc.jsonValue({ maxDepth: 2 })
)

export interface Document {
  paths: Record<string, Record<string, Operation>>
  components?: { schemas?: Record<string, JsonSchema> }
}
interface Operation {
  parameters?: ReadonlyArray<{ in: string; name: string; required?: boolean; schema?: JsonSchema }>
  requestBody?: { content: Record<string, { schema?: JsonSchema }> }
  security?: ReadonlyArray<unknown>
}

export const resolveRef = (doc: Document, schema: JsonSchema | undefined): JsonSchema => {
  let current = schema ?? {}
  for (let depth = 0; current.$ref && depth < 10; depth++)
    current = doc.components?.schemas?.[current.$ref.split("/").pop()!] ?? {}
  return current
}

/** A value valid for `schema` (as far as JSON Schema says), with hostile swaps at rate `hostility`. */
export const arbitraryOf = (
  doc: Document,
  raw: JsonSchema | undefined,
  hostility: number,
  depth = 0
): fc.Arbitrary<unknown> => {
  const schema = resolveRef(doc, raw)
  const valid = validOf(doc, schema, hostility, depth)
  if (hostility <= 0) return valid
  return fc.oneof(
    { weight: Math.round((1 - hostility) * 100), arbitrary: valid },
    { weight: Math.round(hostility * 100), arbitrary: junk }
  )
}

const validOf = (doc: Document, schema: JsonSchema, hostility: number, depth: number): fc.Arbitrary<unknown> => {
  if (schema.const !== undefined) return fc.constant(schema.const)
  if (schema.enum) return fc.constantFrom(...schema.enum)
  const alternatives = schema.anyOf ?? schema.oneOf
  if (alternatives && alternatives.length > 0)
    return fc.oneof(...alternatives.map((alternative) => arbitraryOf(doc, alternative, hostility, depth + 1)))
  if (schema.allOf && schema.allOf.length > 0) return arbitraryOf(doc, schema.allOf[0], hostility, depth + 1)
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type
  switch (type) {
    case "string": {
      if (schema.format === "date-time")
        return fc
          .date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true })
          .map((d) => d.toISOString())
      const maxLength = Math.min(schema.maxLength ?? 60, 60)
      return fc.oneof(
        fc.string({ minLength: Math.min(schema.minLength ?? 0, maxLength), maxLength }),
        hostileString.filter((s) => s.length <= (schema.maxLength ?? Infinity))
      )
    }
    case "integer":
      return fc.integer({
        min: Math.ceil(schema.minimum ?? schema.exclusiveMinimum ?? -1e6),
        max: Math.floor(schema.maximum ?? schema.exclusiveMaximum ?? 1e6)
      })
    case "number":
      return fc.double({
        min: schema.minimum ?? -1e9,
        max: schema.maximum ?? 1e9,
        noNaN: true,
        noDefaultInfinity: true
      })
    case "boolean":
      return fc.boolean()
    case "null":
      return fc.constant(null)
    case "array":
      if (depth > 4) return fc.constant([])
      return fc.array(arbitraryOf(doc, schema.items, hostility, depth + 1), {
        maxLength: Math.min(schema.maxItems ?? 3, 3),
        minLength: Math.min(schema.minItems ?? 0, 3)
      })
    case "object":
    default: {
      if (!schema.properties || depth > 4)
        return depth > 4 ? fc.constant({}) : fc.dictionary(fc.string({ maxLength: 10 }), junk, { maxKeys: 3 })
      const required = new Set(schema.required ?? [])
      const entries = Object.entries(schema.properties).map(
        ([name, property]) => [name, arbitraryOf(doc, property, hostility, depth + 1)] as const
      )
      return fc.record(Object.fromEntries(entries), {
        requiredKeys: [...required].filter((name) => name in schema.properties!)
      })
    }
  }
}

/** Every operation of the document: method, path template, and what it takes. */
export const operationsOf = (doc: Document) =>
  Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      operation
    }))
  )

/** Signs of a leak in an answer: a stack, a database's own error text, a file path of the server. */
export const leakPattern =
  /\bat [\w.<>]+ \(|node:internal|\/work\/|\.ts:\d+|SQLITE_|sqlite3|syntax error at or near|pg_catalog|duplicate key value|violates (?:unique|foreign key|not-null)|DefectError|SqlError/i
