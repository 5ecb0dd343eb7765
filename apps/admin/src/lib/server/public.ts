import type { Client } from "@sukoyaka/api/client"
import { Schema } from "effect"
import { ApiResponseMismatch, apiFor, problemOf } from "./api.ts"

/**
 * The public API's JSON decoded with its core schema. The public routes send bytes with their own
 * ETag (sendPublic), so the typed client knows no JSON type for them: the schema is the contract.
 */
export const publicJson = async <S extends Schema.Top>(
  schema: S,
  pending: Promise<{
    ok: boolean
    status: number
    statusText: string
    headers: Headers
    url?: string
    text(): Promise<string>
  }>
): Promise<S["Type"]> => {
  const response = await pending
  if (!response.ok) throw await problemOf(response)
  try {
    return Schema.decodeUnknownSync(schema as never)(JSON.parse(await response.text())) as S["Type"]
  } catch (cause) {
    throw new ApiResponseMismatch(`the public API's response is not what its schema says: ${String(cause)}`, { cause })
  }
}

/** An anonymous API client: the public pages show what anyone may see, whoever is signed in. */
export const publicApi = (): Client["public"] => apiFor({ sessionId: null, csrfToken: null }).public

/**
 * A public file (datapackage.json, a CSV) passed through from the API with its caching headers,
 * so that the open data downloads from the admin UI's address too (the API may not be reachable).
 */
export const passThrough = async (pending: Promise<Response>): Promise<Response> => {
  const response = await pending
  const headers = new Headers()
  for (const name of ["content-type", "etag", "cache-control", "content-disposition", "access-control-allow-origin"]) {
    const value = response.headers.get(name)
    if (value !== null) headers.set(name, value)
  }
  return new Response(response.status === 304 ? null : await response.arrayBuffer(), {
    status: response.status,
    headers
  })
}
