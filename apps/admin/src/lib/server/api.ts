import { createClient, type Client } from "@sukoyaka/api/client"
import type { Problem } from "@sukoyaka/core"
import { error } from "@sveltejs/kit"
import { Result, Schema } from "effect"
import { apiFetch } from "./apiFetch.ts"
import { apiUrl, internalSecret, SESSION_COOKIE } from "./config.ts"

export interface Caller {
  readonly sessionId: string | null
  readonly csrfToken: string | null
  /** The browser's address, for the API's sign-in limiter: believed with the internal secret only. */
  readonly clientAddress?: string
}

/**
 * The typed client acting for one user: it forwards only the `sukoyaka_session` cookie (never the
 * browser's other cookies) and the session's CSRF token. The browser never calls the API itself.
 */
export const apiFor = (caller: Caller): Client =>
  createClient(apiUrl(), {
    fetch: apiFetch,
    headers: () => {
      const secret = internalSecret()
      return {
        // The hop to the API is internal (loopback or the same network): compressing there and
        // decompressing here only spends both processes' CPU on every page (issue #23).
        "accept-encoding": "identity",
        ...(caller.sessionId ? { cookie: `${SESSION_COOKIE}=${caller.sessionId}` } : {}),
        ...(caller.csrfToken ? { "x-csrf-token": caller.csrfToken } : {}),
        // The API's clientAddress.ts: these two headers name the browser, as the admin UI's trusted hop.
        ...(caller.clientAddress && secret
          ? { "x-sukoyaka-internal": secret, "x-sukoyaka-client-address": caller.clientAddress }
          : {})
      }
    }
  })

/** A failed API call, with its RFC 9457 body. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
    readonly etag: string | null
  ) {
    super(`${status} ${problem.title}${problem.detail ? `: ${problem.detail}` : ""}`)
  }
}

interface AnyResponse {
  readonly url?: string
  readonly ok: boolean
  readonly status: number
  readonly statusText: string
  readonly headers: Headers
  text(): Promise<string>
}

export const problemOf = async (response: AnyResponse): Promise<ApiProblem> => {
  const text = await response.text()
  let problem: Problem
  try {
    problem = JSON.parse(text) as Problem
  } catch {
    problem = {
      type: "about:blank",
      title: response.statusText || "error",
      status: response.status,
      detail: text.slice(0, 200)
    }
  }
  return new ApiProblem(response.status, problem, response.headers.get("etag"))
}

/**
 * A file the API answered (an export), streamed on to the browser with its type and name: the
 * browser never calls the API itself. An API problem becomes the page's error.
 */
export const relayFile = async (
  pending: Promise<AnyResponse & { readonly body: ReadableStream<Uint8Array> | null }>,
  fallbackType: string
): Promise<Response> => {
  const response = await pending
  if (!response.ok) {
    const problem = await problemOf(response)
    error(problem.status, problem.message)
  }
  return new Response(response.body, {
    headers: {
      "content-type": response.headers.get("content-type") ?? fallbackType,
      "content-disposition": response.headers.get("content-disposition") ?? "attachment"
    }
  })
}

/** The JSON of a successful response, or an ApiProblem thrown. */
export const ok = async <R extends AnyResponse & { json(): Promise<unknown> }>(
  pending: Promise<R>
): Promise<SuccessJson<R>> => {
  const response = await pending
  if (!response.ok) throw await problemOf(response)
  return (await response.json()) as SuccessJson<R>
}

/**
 * The API answered with JSON its own schema does not describe. That is a bug of the API or of the
 * admin, never the user's input: it is thrown on to the error page, and the server log gets the
 * schema's message with the address asked.
 */
export class ApiResponseMismatch extends Error {
  override readonly name = "ApiResponseMismatch"
}

/**
 * The JSON of a successful response decoded with the core schema the API encoded it with, so that
 * its values have their domain types (branded ids, agency ids) for the core's rules. The schema's
 * encoded side must be the client's type of the response: the wrong schema does not compile.
 * Not for schema classes (Plan, Agency): their instances cannot be a page's data.
 */
export const decoded = async <
  R extends AnyResponse & { json(): Promise<unknown> },
  S extends Schema.Codec<unknown, SuccessJson<R>>
>(
  schema: S,
  pending: Promise<R>
): Promise<S["Type"]> => {
  const response = await pending
  if (!response.ok) throw await problemOf(response)
  const result = Schema.decodeUnknownResult(schema)(await response.json())
  if (Result.isSuccess(result)) return result.success
  const asked = response.url ? ` to ${response.url}` : ""
  throw new ApiResponseMismatch(`the API's response${asked} is not what its schema says: ${result.failure.message}`, {
    cause: result.failure
  })
}

/** The JSON type of a typed client's 2xx response. */
type SuccessJson<R> = R extends { ok: true; json(): Promise<infer T> }
  ? T
  : R extends { json(): Promise<infer T> }
    ? T
    : never
