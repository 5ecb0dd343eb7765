import { publicApi, passThrough } from "#lib/server/public.ts"
import type { RequestHandler } from "./$types"

/** One file of the open data, passed through from the API with its ETag and Cache-Control. */
export const GET: RequestHandler = ({ params, request }) => {
  const tag = request.headers.get("if-none-match")
  return passThrough(
    publicApi().plans[":planId"].data[":file"].$get(
      { param: { planId: params.planId, file: params.file } },
      { headers: tag === null ? {} : { "if-none-match": tag } }
    ) as Promise<Response>
  )
}
