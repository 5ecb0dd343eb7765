import { publicationStatus, setPublished } from "@sukoyaka/app"
import { FiscalYear, PublicationStatus, PublishedYear } from "@sukoyaka/core"
import { Schema } from "effect"
import { Hono } from "hono"
import { requireRole } from "../auth.ts"
import type { AppEnv } from "../env.ts"
import { doc } from "../openapi.ts"
import { optionalVersion, sendVersioned } from "../preconditions.ts"
import { DecimalInt, PlanIdParam, PlanParams, validate } from "../validation.ts"

const YearParams = Schema.Struct({
  planId: PlanIdParam,
  fiscalYear: DecimalInt.pipe(Schema.decodeTo(FiscalYear))
})

const conditional =
  'If-Match (the ETag of GET …/published-years\' version, "v0" for a year never published) is optional: sent, a change made meanwhile answers 412.'

/** Publishing a fiscal year (admin, #21): what the public API, pages and open data show. */
export default new Hono<AppEnv>()
  .get(
    "/:planId/published-years",
    requireRole("admin"),
    doc({
      tag: "publishing",
      summary: "Every year of the plan with reviews: how many are approved, and whether it is public (admin)",
      ok: { schema: Schema.Array(PublicationStatus), description: "The years" }
    }),
    validate("param", PlanParams),
    async (c) => {
      const { planId } = c.req.valid("param")
      return c.json(Schema.encodeSync(Schema.Array(PublicationStatus))(await c.var.run(publicationStatus(planId))))
    }
  )
  .put(
    "/:planId/published-years/:fiscalYear",
    requireRole("admin"),
    doc({
      tag: "publishing",
      summary: "Publish a fiscal year (admin): its approved reviews become public",
      description: `Publishing a published year changes nothing. Audited. ${conditional}`,
      ok: {
        schema: PublishedYear,
        description: "The publication; the ETag is its version"
      },
      ifMatch: "optional",
      extraProblems: {
        412: "Someone changed the publication first",
        422: "The year has no reviews"
      }
    }),
    validate("param", YearParams),
    async (c) => {
      const { planId, fiscalYear } = c.req.valid("param")
      const version = optionalVersion(c, "published year")
      const published = (await c.var.run(setPublished(c.var.auth.audit, planId, fiscalYear, true, version)))!
      return sendVersioned(c, published.version, PublishedYear, published)
    }
  )
  .delete(
    "/:planId/published-years/:fiscalYear",
    requireRole("admin"),
    doc({
      tag: "publishing",
      summary: "Withdraw a published year (admin): it is no longer public",
      description: `Withdrawing a year that is not public changes nothing (204 when it was never published). Audited. ${conditional}`,
      ok: {
        schema: PublishedYear,
        description: "The publication, withdrawn; the ETag is its version"
      },
      ifMatch: "optional",
      extraProblems: { 412: "Someone changed the publication first" }
    }),
    validate("param", YearParams),
    async (c) => {
      const { planId, fiscalYear } = c.req.valid("param")
      const version = optionalVersion(c, "published year")
      const withdrawn = await c.var.run(setPublished(c.var.auth.audit, planId, fiscalYear, false, version))
      if (withdrawn === null) return c.body(null, 204)
      return sendVersioned(c, withdrawn.version, PublishedYear, withdrawn)
    }
  )
