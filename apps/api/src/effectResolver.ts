/**
 * hono-openapi's resolver for effect 4 schemas. hono-openapi converts schemas through
 * @standard-community/standard-json, which knows only effect 3's JSONSchema module; this gives it
 * the OpenAPI schema from effect 4's own JSON Schema generator instead (ADR 0007, "OpenAPI").
 */
import { JsonSchema, Schema, SchemaRepresentation } from "effect"
import type { ResolverReturnType } from "hono-openapi"

type Node = { readonly [key: string]: unknown }
const isPlainObject = (value: unknown): value is Node =>
  value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype

/**
 * An optional key of a body is absent from the JSON, never `undefined` (JSON has none). effect's
 * JSON Schema writes the `undefined` of `Schema.optional(X)` as `null`, which the API's validators
 * refuse: so the `undefined` member is dropped from optional keys, and such a key is `X`, not
 * required, as effect 3's generator wrote it.
 */
const withoutUndefined = (type: Node): Node => {
  if (type["_tag"] !== "Union") return type
  const types = (type["types"] as ReadonlyArray<Node>).filter((member) => member["_tag"] !== "Undefined")
  if (types.length === (type["types"] as ReadonlyArray<Node>).length) return type
  const [only] = types
  if (only !== undefined && types.length === 1 && (type["checks"] as ReadonlyArray<unknown>).length === 0) {
    return type["annotations"] === undefined
      ? only
      : { ...only, annotations: { ...(only["annotations"] as Node | undefined), ...(type["annotations"] as Node) } }
  }
  return { ...type, types }
}

const optionalKeysWithoutUndefined = (node: unknown): unknown => {
  if (Array.isArray(node)) return node.map(optionalKeysWithoutUndefined)
  if (!isPlainObject(node)) return node
  const out: Record<string, unknown> = Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key, optionalKeysWithoutUndefined(value)])
  )
  if (out["_tag"] === "Objects") {
    out["propertySignatures"] = (out["propertySignatures"] as ReadonlyArray<Node>).map((property) =>
      property["isOptional"] === true ? { ...property, type: withoutUndefined(property["type"] as Node) } : property
    )
  }
  return out
}

const ENCODED = "Encoded"

/**
 * Which schemas become components, and their names: those with an identifier, by it. effect names
 * the encoded side of a named transformation `<identifier>Encoded` ("PlanEncoded"); for a structure
 * that is the JSON the API sends, so it keeps the schema's own name, as under effect 3. A scalar's
 * encoded side (the decimal text of a path parameter decoded into a FiscalYear) stays inline.
 */
const referencePolicy: SchemaRepresentation.ReferencePolicy = ({ ast, identifier }) => {
  if (identifier === undefined || !identifier.endsWith(ENCODED)) return identifier
  return ast._tag === "Objects" || ast._tag === "Arrays" ? identifier.slice(0, -ENCODED.length) : undefined
}

/**
 * The JSON Schema of what a schema reads and writes as JSON (its encoded side), from effect's own
 * generator: hono-openapi's converter, @standard-community/standard-json, knows only effect 3.
 * Structs are closed (`additionalProperties: false`): the document describes exactly the fields the
 * API sends and reads, as it did under effect 3, so that generated clients get no index signatures.
 * Checks without a description of their own get one ("a value with a length of at most 64").
 */
const jsonSchemaOf = (schema: Schema.Top) =>
  SchemaRepresentation.toJsonSchemaDocument(
    optionalKeysWithoutUndefined(Schema.toRepresentation(schema, { referencePolicy })) as SchemaRepresentation.Document,
    {
      onExcessProperty: "error",
      generateDescriptions: true
    }
  )

const annotationKeys = new Set(["title", "description", "examples"])
/** Two bounds of one kind in an `allOf` hold together as the stricter one (Int's safe range and a between). */
const bounds: Record<string, (a: number, b: number) => number> = {
  minimum: Math.max,
  exclusiveMinimum: Math.max,
  minLength: Math.max,
  minItems: Math.max,
  maximum: Math.min,
  exclusiveMaximum: Math.min,
  maxLength: Math.min,
  maxItems: Math.min
}
const nonFinite = JSON.stringify({ type: "string", enum: ["NaN", "Infinity", "-Infinity"] })

/**
 * effect writes each check after the first as an `allOf` fragment (`{ type: "string", allOf: [{
 * maxLength: 64 }] }`), which generators turn into `string & unknown`; a fragment that repeats no
 * keyword of its schema (its title and description aside: the schema's own, written on its last
 * check) is merged back, as effect 3 wrote it. A number also admits "NaN", "Infinity" and
 * "-Infinity" in effect's JSON codec, but the API writes JSON.stringify's JSON, where a non-finite
 * number is null: that alternative is dropped.
 */
const tidy = (node: unknown): unknown => {
  if (Array.isArray(node)) return node.map(tidy)
  if (!isPlainObject(node)) return node
  let out: Record<string, unknown> = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, tidy(value)]))
  if (Array.isArray(out["anyOf"])) {
    const members = (out["anyOf"] as ReadonlyArray<unknown>).filter((member) => JSON.stringify(member) !== nonFinite)
    const { anyOf: _anyOf, ...rest } = out
    const [only] = members
    out =
      members.length === 1 && isPlainObject(only) && !Object.keys(only).some((key) => key in rest)
        ? { ...only, ...rest }
        : { ...rest, anyOf: members }
  }
  if (Array.isArray(out["allOf"])) {
    const { allOf, ...rest } = out
    const kept: Array<unknown> = []
    for (const member of allOf as ReadonlyArray<unknown>) {
      const mergeable =
        isPlainObject(member) &&
        Object.keys(member).every((key) => annotationKeys.has(key) || key in bounds || !(key in rest))
      if (!mergeable) {
        kept.push(member)
        continue
      }
      for (const [key, value] of Object.entries(member)) {
        const stricter = bounds[key]
        rest[key] =
          stricter !== undefined && typeof rest[key] === "number" && typeof value === "number"
            ? stricter(rest[key], value)
            : value
      }
    }
    out = kept.length > 0 ? { ...rest, allOf: kept } : rest
  }
  return out
}

/**
 * Bodies that say they take more than they read: PUT …/reviews/{fiscalYear} takes back the GET
 * representation, whose read-only fields are ignored (core's ReviewUpdate). Every other struct is
 * closed (onExcessProperty: "error" above); effect 4 has no per-schema JSON Schema override for that.
 */
const openBodies = new Set(["ReviewUpdate"])

/** The same as OpenAPI 3.1: named schemas (an `identifier`) become components, referenced by `$ref`. */
const openApiSchemaOf = (schema: Schema.Top) => {
  const document = jsonSchemaOf(schema)
  const openApi = JsonSchema.toMultiDocumentOpenApi3_1({
    dialect: "draft-2020-12",
    schemas: [document.schema],
    definitions: document.definitions
  })
  const definitions = Object.fromEntries(
    Object.entries(openApi.definitions).map(([name, definition]) => [
      name,
      openBodies.has(name) ? { ...definition, additionalProperties: true } : definition
    ])
  )
  const components = Object.keys(definitions).length > 0 ? { schemas: tidy(definitions) } : undefined
  return { schema: tidy(openApi.schemas[0]), components } as Awaited<ReturnType<ResolverReturnType["toOpenAPISchema"]>>
}

/** The pattern of validation.ts's DecimalInt: an integer written in a path or query as decimal text. */
const componentRef = "#/components/schemas/"

const DECIMAL_TEXT = "^(?:0|[1-9][0-9]{0,9})$"

const isDecimalText = (node: unknown) =>
  isPlainObject(node) && node["type"] === "string" && node["pattern"] === DECIMAL_TEXT

/** `number` of a decoded integer as `integer`, wherever it is the schema's own type. */
const asInteger = (node: unknown): unknown =>
  isPlainObject(node) && node["type"] === "number" ? { ...node, type: "integer" } : node

/**
 * Path and query parameters as a generated client passes them: an integer that travels as decimal
 * text (DecimalInt) is documented as the integer it decodes to, with its bounds (`no: 88`, not
 * `"88"`), since OpenAPI serialises an integer parameter as that very text. The decoding stays
 * text → number at run time; only the document says what the text means.
 */
type OpenApiSchema = Awaited<ReturnType<ResolverReturnType["toOpenAPISchema"]>>

const parametersSchemaOf = async (schema: Schema.Top): Promise<OpenApiSchema> => {
  const encoded = openApiSchemaOf(schema) as { schema: Node; components?: { schemas?: Node } }
  const decoded = openApiSchemaOf(Schema.toType(schema)) as { schema: Node; components?: { schemas?: Node } }
  const properties = encoded.schema["properties"] as Node | undefined
  const decodedProperties = decoded.schema["properties"] as Node | undefined
  if (properties === undefined || decodedProperties === undefined) return encoded as OpenApiSchema
  let usesDecodedComponents = false
  const merged = Object.fromEntries(
    Object.entries(properties).map(([name, property]) => {
      if (!isDecimalText(property) || decodedProperties[name] === undefined) return [name, property]
      let integer = asInteger(decodedProperties[name])
      if (isPlainObject(integer) && typeof integer["$ref"] === "string") {
        usesDecodedComponents = true
        // A parameter is described by its own schema: the named one's description, beside the $ref.
        const named = decoded.components?.schemas?.[integer["$ref"].replace(componentRef, "")]
        const text = isPlainObject(named) ? (named["description"] ?? named["title"]) : undefined
        if (typeof text === "string") integer = { ...integer, description: text }
      }
      const description = isPlainObject(property) ? property["description"] : undefined
      const own = isPlainObject(integer) ? integer["description"] : undefined
      // The text's own description ("a string matching the RegExp …") says nothing the integer does not.
      return [
        name,
        own === undefined && typeof description === "string" && !description.startsWith("a string matching")
          ? { ...(integer as Node), description }
          : integer
      ]
    })
  )
  const components = usesDecodedComponents
    ? {
        schemas: Object.fromEntries(
          Object.entries({ ...decoded.components?.schemas, ...encoded.components?.schemas }).map(([name, value]) => [
            name,
            asInteger(value)
          ])
        )
      }
    : encoded.components
  // Every parameter is described: one that is a named schema by that schema's description.
  const named = { ...decoded.components?.schemas, ...encoded.components?.schemas } as Node
  const described = Object.fromEntries(
    Object.entries(merged).map(([name, property]) => {
      if (!isPlainObject(property) || property["description"] !== undefined) return [name, property]
      const ref = typeof property["$ref"] === "string" ? named[property["$ref"].replace(componentRef, "")] : undefined
      const text = isPlainObject(ref) ? (ref["description"] ?? ref["title"]) : undefined
      return [name, typeof text === "string" ? { ...property, description: text } : property]
    })
  )
  return { schema: { ...encoded.schema, properties: described }, components } as OpenApiSchema
}

/** effectResolver for a path or query: integers in decimal text documented as integers. */
export const parametersResolver = (schema: Schema.Codec<unknown, unknown>): ResolverReturnType => ({
  ...effectResolver(schema),
  toOpenAPISchema: () => parametersSchemaOf(schema)
})

/**
 * hono-openapi's resolver for an effect 4 schema: what `resolver()` gives for the schema libraries it
 * knows. hono-openapi asks only for `toOpenAPISchema`, when it builds the document (once per app).
 */
export const effectResolver = (schema: Schema.Codec<unknown, unknown>): ResolverReturnType => {
  const standard = Schema.toStandardSchemaV1(schema)["~standard"]
  return {
    vendor: standard.vendor,
    validate: standard.validate,
    toJSONSchema: () => {
      const { schema: root, definitions } = jsonSchemaOf(schema)
      return (Object.keys(definitions).length > 0 ? { ...root, $defs: definitions } : root) as ReturnType<
        ResolverReturnType["toJSONSchema"]
      >
    },
    toOpenAPISchema: async () => openApiSchemaOf(schema)
  }
}
