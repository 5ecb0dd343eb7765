import { publicApi, passThrough } from "#lib/server/public.ts"
import type { RequestHandler } from "./$types"

/** The data package from the admin UI's address: its relative paths (data/…) resolve to the route beside it. */
export const GET: RequestHandler = ({ params, request }) =>
  passThrough(
    publicApi().plans[":planId"]["datapackage.json"].$get(
      { param: { planId: params.planId } },
      { headers: ifNoneMatch(request) }
    ) as Promise<Response>
  )

const ifNoneMatch = (request: Request): Record<string, string> => {
  const tag = request.headers.get("if-none-match")
  return tag === null ? {} : { "if-none-match": tag }
}
