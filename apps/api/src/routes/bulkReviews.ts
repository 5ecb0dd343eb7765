import { moveReviews } from "@sukoyaka/app"
import { BulkStatusChange, type BulkItemResult, BulkStatusResult } from "@sukoyaka/core"
import { Schema } from "effect"
import { Hono } from "hono"
import type { AppEnv } from "../env.ts"
import { doc } from "../openapi.ts"
import { languageOf } from "../httpConventions.ts"
import { domainProblem, HttpProblem, problemBody } from "../problem.ts"
import { PlanParams, validate } from "../validation.ts"

export default new Hono<AppEnv>().post(
  "/:planId/reviews/status",
  doc({
    tag: "reviews",
    summary: "Approve or return several submitted reviews at once (administrators)",
    description:
      "Each review moves on its own, as POST …/reviews/{fiscalYear}/status would move it with If-Match: its `version`: not all or nothing. The answer is 200 with one result per review, in the order sent: `ok: true` with the new status and version, or `ok: false` with the problem that stopped it (412 someone changed it since, 409 it is no longer submitted, 404 no such review). A return needs a comment (400 for the whole request, nothing moved).",
    ok: { schema: BulkStatusResult, description: "What became of each review" }
  }),
  validate("param", PlanParams),
  validate("json", BulkStatusChange),
  async (c) => {
    const { planId } = c.req.valid("param")
    const auth = c.var.auth
    const outcomes = await c.var.run(moveReviews(auth.actor, auth.audit, planId, c.req.valid("json")))
    const language = languageOf(c.req.header("accept-language"))
    const results = outcomes.map((outcome): BulkItemResult => {
      if (outcome._tag === "Moved")
        return {
          no: outcome.no,
          fiscalYear: outcome.fiscalYear,
          ok: true,
          status: outcome.moved.after.status,
          version: outcome.moved.after.version
        }
      const problem = domainProblem(outcome.error) ?? new HttpProblem("internal")
      const instance = `${c.req.path.replace(/\/reviews\/status$/u, "")}/initiatives/${outcome.no}/reviews/${outcome.fiscalYear}`
      return {
        no: outcome.no,
        fiscalYear: outcome.fiscalYear,
        ok: false,
        problem: problemBody(problem, instance, language)
      }
    })
    const succeeded = results.filter((result) => result.ok).length
    return c.json(Schema.encodeSync(BulkStatusResult)({ succeeded, failed: results.length - succeeded, results }))
  }
)
