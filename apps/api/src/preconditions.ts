import { Schema } from "effect"
import type { Context } from "hono"
import type { ContentfulStatusCode } from "hono/utils/http-status"
import { HttpProblem } from "./problem.ts"

/** The ETag of a versioned entity: strong, and the version is all a writer has to send back. */
export const etagOf = (version: number) => `"v${version}"`

/**
 * `If-Match: *` (RFC 9110 §13.1.1) matches any current representation: the writer means "whatever
 * is there", so the write goes ahead on the version read now (`current`), where one exists.
 */
export const matchesAnyVersion = (c: Context): boolean => c.req.header("if-match")?.trim() === "*"

/**
 * The version the writer read, from If-Match: required (428 without it) and one of our ETags
 * (412 otherwise), so that no write is based on a version nobody saw.
 */
export const expectedVersion = (
  c: Context,
  entity:
    | "review"
    | "target"
    | "plan"
    | "agency"
    | "initiative"
    | "cycle"
    | "restored entity"
    | "published year"
    | "secretariat note"
    | "webhook"
    | "framework"
    | "initiative tags"
    | "framework settings"
    | "tag proposal"
): number => {
  const header = c.req.header("if-match")
  if (header === undefined)
    throw new HttpProblem("preconditionRequired", `send the ${entity}'s ETag in If-Match (GET it first)`)
  // RFC 9110 §13.1.1: If-Match uses the strong comparison, so a weak tag (W/"v3") never matches.
  const match = /^"v(\d{1,9})"$/.exec(header.trim())
  if (!match) throw new HttpProblem("preconditionFailed", `If-Match does not name a version of this ${entity}`)
  return Number(match[1])
}

/**
 * The version a write is based on: the one If-Match names, or with `If-Match: *` the one there now
 * (`current` reads it; it fails as the GET would when there is nothing to match).
 */
export const versionToWrite = async (
  c: Context,
  entity: Parameters<typeof expectedVersion>[1],
  current: () => Promise<number>
): Promise<number> => (matchesAnyVersion(c) ? current() : expectedVersion(c, entity))

/**
 * If-Match when the write may go without it (publishing a year is the same act whatever was there):
 * absent or `*`, undefined; present, it must name a version (412 when it does not match, later).
 */
export const optionalVersion = (c: Context, entity: "published year"): number | undefined =>
  c.req.header("if-match") === undefined || matchesAnyVersion(c) ? undefined : expectedVersion(c, entity)

/** Answers a versioned entity: its ETag (the version a writer sends back in If-Match) and its encoded body. */
export const sendVersioned = <S extends Schema.Codec<unknown, unknown>>(
  c: Context,
  version: number,
  schema: S,
  value: S["Type"],
  status: ContentfulStatusCode = 200
) => {
  c.header("ETag", etagOf(version))
  return c.json(Schema.encodeSync(schema)(value), status)
}
