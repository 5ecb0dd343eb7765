import { rollover, Structure, targetView } from "@sukoyaka/app"
import {
  FiscalYear,
  FollowingFiscalYear,
  RolloverResult,
  TargetCreate,
  TargetPatch,
  TargetUpdate,
  TargetView,
  YearSummaryView
} from "@sukoyaka/core"
import { Plans, Targets } from "@sukoyaka/storage"
import { Effect, Schema } from "effect"
import { Hono, type TypedResponse } from "hono"
import { requireRole } from "../auth.ts"
import { sendCachedView } from "../earlyView.ts"
import type { AppEnv } from "../env.ts"
import { doc } from "../openapi.ts"
import { summaryKey, summaryView } from "../planViews.ts"
import { HttpProblem } from "../problem.ts"
import { DecimalInt, PlanIdParam, PlanParams, validate } from "../validation.ts"
import { versionToWrite, sendVersioned } from "../preconditions.ts"

const TargetParams = Schema.Struct({ planId: PlanIdParam, targetId: Schema.String.check(Schema.isMaxLength(64)) })
const YearQuery = Schema.Struct({ fiscalYear: Schema.optionalKey(DecimalInt.pipe(Schema.decodeTo(FiscalYear))) })

export default new Hono<AppEnv>()
  .get(
    "/:planId/summary",
    doc({
      tag: "summary",
      summary: "The year at a glance: ratings, roll-ups, targets, attention list, completion",
      ok: { schema: YearSummaryView, description: "Summary" }
    }),
    validate("param", PlanParams),
    validate("query", YearQuery),
    async (c) => {
      const { planId } = c.req.valid("param")
      const { fiscalYear } = c.req.valid("query")
      const view = await summaryView(c, planId, fiscalYear)
      // Sent as cached (or 304); typed as the JSON it is, so that hc<AppType> clients keep their types.
      return sendCachedView(c, { planId, key: summaryKey(fiscalYear) }, view) as unknown as TypedResponse<
        typeof YearSummaryView.Encoded,
        200,
        "json"
      >
    }
  )
  .get(
    "/:planId/targets",
    doc({
      tag: "targets",
      summary: "The plan's targets with their observations and rating",
      ok: { schema: Schema.Array(TargetView), description: "Targets" }
    }),
    validate("param", PlanParams),
    async (c) => {
      const { planId } = c.req.valid("param")
      const targets = await c.var.run(
        Effect.andThen(
          Plans.use((p) => p.get(planId)),
          Targets.use((t) => t.list(planId))
        )
      )
      return c.json(Schema.encodeSync(Schema.Array(TargetView))(targets.map(targetView)))
    }
  )
  .get(
    "/:planId/targets/:targetId",
    doc({
      tag: "targets",
      summary: "One target; the ETag is its version",
      ok: { schema: TargetView, description: "Target" }
    }),
    validate("param", TargetParams),
    async (c) => {
      const { planId, targetId } = c.req.valid("param")
      const target = await c.var.run(Targets.use((t) => t.get(planId, targetId)))
      return sendVersioned(c, target.version ?? 1, TargetView, targetView(target))
    }
  )
  .put(
    "/:planId/targets/:targetId",
    requireRole("admin"),
    doc({
      tag: "targets",
      summary: "Enter a target's baseline, observations, value and year, and the initiatives that serve it (admin)",
      ok: { schema: TargetView, description: "The saved target" },
      ifMatch: true,
      extraProblems: {
        412: "Someone saved first",
        422: "An initiative named in initiativeNos is not in the plan",
        428: "If-Match is required"
      }
    }),
    validate("param", TargetParams),
    validate("json", TargetUpdate),
    async (c) => {
      const { planId, targetId } = c.req.valid("param")
      // One observation per year is the table's key: a repeated year was a constraint violation (500).
      const years = c.req.valid("json").observations.map((observation) => observation.year)
      const repeated = years.findIndex((year, index) => years.indexOf(year) !== index)
      if (repeated >= 0) {
        throw new HttpProblem("validation", "one observation per year", [
          {
            path: `observations[${repeated}].year`,
            ja: `${years[repeated]}年の実績値が重複しています`,
            en: `a second observation of ${years[repeated]}`
          }
        ])
      }
      const version = await versionToWrite(
        c,
        "target",
        async () => (await c.var.run(Targets.use((targets) => targets.get(planId, targetId)))).version ?? 1
      )
      const update = c.req.valid("json")
      const saved = await c.var.run(
        Structure.use((s) => s.enterTarget(c.var.auth.audit, planId, targetId, version, update))
      )
      return sendVersioned(c, saved.version ?? 1, TargetView, targetView(saved))
    }
  )
  .post(
    "/:planId/targets",
    requireRole("admin"),
    doc({
      tag: "structure",
      summary: "Add a target to an area, or to one of its objectives (admin)",
      ok: { status: 201, schema: TargetView, description: "The target with its rating; the ETag is its version" },
      extraProblems: {
        409: "The id is taken",
        422: "The area or objective is not in the plan, or not in effect in the target's years"
      }
    }),
    validate("param", PlanParams),
    validate("json", TargetCreate),
    async (c) => {
      const { planId } = c.req.valid("param")
      const body = c.req.valid("json")
      const created = await c.var.run(Structure.use((s) => s.createTarget(c.var.auth.audit, planId, body)))
      return sendVersioned(c, created.version ?? 1, TargetView, targetView(created), 201)
    }
  )
  .patch(
    "/:planId/targets/:targetId",
    requireRole("admin"),
    doc({
      tag: "structure",
      summary: "Change, move, reorder or retire a target (admin)",
      description: "Send its version in If-Match. Its baseline and observations are PUT's.",
      ok: { schema: TargetView, description: "The target; the ETag is its new version" },
      ifMatch: true,
      extraProblems: {
        412: "Someone saved first",
        422: "The area or objective is not in the plan, or not in effect in the target's years",
        428: "If-Match is required"
      }
    }),
    validate("param", TargetParams),
    validate("json", TargetPatch),
    async (c) => {
      const { planId, targetId } = c.req.valid("param")
      const version = await versionToWrite(
        c,
        "target",
        async () => (await c.var.run(Targets.use((targets) => targets.get(planId, targetId)))).version ?? 1
      )
      const patch = c.req.valid("json")
      const saved = await c.var.run(
        Structure.use((s) => s.changeTarget(c.var.auth.audit, planId, targetId, version, patch))
      )
      return sendVersioned(c, saved.version ?? 1, TargetView, targetView(saved))
    }
  )
  .post(
    "/:planId/fiscal-years/:year/rollover",
    requireRole("admin"),
    doc({
      tag: "reviews",
      summary: "Open a fiscal year: a draft review per initiative, planned from the previous year's K/L",
      description:
        "Idempotent: reviews that already exist are left alone. Initiatives not in effect in the year get none; one new in the year opens with a blank draft.",
      ok: { schema: RolloverResult, description: "What was created" }
    }),
    validate(
      "param",
      Schema.Struct({ planId: PlanIdParam, year: DecimalInt.pipe(Schema.decodeTo(FollowingFiscalYear)) })
    ),
    async (c) => {
      const { planId, year } = c.req.valid("param")
      const auth = c.var.auth
      const result = await c.var.run(rollover(planId, year, auth.audit))
      return c.json(Schema.encodeSync(RolloverResult)(result))
    }
  )
