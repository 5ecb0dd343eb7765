import { exportYears, exportYearsWorkbook, initiativeTrends, targetTrendOf } from "@sukoyaka/app"
import { MeasureTrendsView, RatingTrendsView, TargetTrendView } from "@sukoyaka/core"
import { Schema } from "effect"
import { Hono, type TypedResponse } from "hono"
import { sendCachedView } from "../earlyView.ts"
import type { AppEnv } from "../env.ts"
import { doc } from "../openapi.ts"
import { trendsKey, trendsView } from "../planViews.ts"
import { PlanIdParam, PlanParams, validate } from "../validation.ts"
import { InitiativeParams } from "./initiatives.ts"

const LongQuery = Schema.Struct({
  format: Schema.optionalKey(
    Schema.Literals(["csv", "xlsx"]).annotate({
      description: "csv (default): the long file `rows` names; xlsx: one workbook with a sheet per year (A–L rows)"
    })
  ),
  rows: Schema.optionalKey(
    Schema.Literals(["initiatives", "measures"]).annotate({
      description: "csv: initiatives (default), one row per initiative × year; measures, one row per measure × year"
    })
  )
})

const TargetParams = Schema.Struct({ planId: PlanIdParam, targetId: Schema.String.check(Schema.isMaxLength(64)) })

export default new Hono<AppEnv>()
  .get(
    "/:planId/trends",
    doc({
      tag: "summary",
      summary:
        "Ratings across years: the mix and the share on track per year, for the plan, each policy, area and objective",
      ok: { schema: RatingTrendsView, description: "Trends" }
    }),
    validate("param", PlanParams),
    async (c) => {
      const { planId } = c.req.valid("param")
      const view = await trendsView(c, planId)
      return sendCachedView(c, { planId, key: trendsKey }, view) as unknown as TypedResponse<
        typeof RatingTrendsView.Encoded,
        200,
        "json"
      >
    }
  )
  .get(
    "/:planId/initiatives/:no/trends",
    doc({
      tag: "initiatives",
      summary: "An initiative's measures across years: actual against planned, lined up by each measure's key",
      ok: { schema: MeasureTrendsView, description: "The measures per year" }
    }),
    validate("param", InitiativeParams),
    async (c) => {
      const { planId, no } = c.req.valid("param")
      const trends = await c.var.run(initiativeTrends(planId, no))
      return c.json(Schema.encodeSync(MeasureTrendsView)(trends))
    }
  )
  .get(
    "/:planId/targets/:targetId/trend",
    doc({
      tag: "targets",
      summary: "A target's course: observations, baseline and the straight line to the target value in the target year",
      ok: { schema: TargetTrendView, description: "The target's course" }
    }),
    validate("param", TargetParams),
    async (c) => {
      const { planId, targetId } = c.req.valid("param")
      const trend = await c.var.run(targetTrendOf(planId, targetId))
      return c.json(Schema.encodeSync(TargetTrendView)(trend))
    }
  )
  .get(
    "/:planId/export/years",
    doc({
      tag: "workbook",
      summary:
        "Every fiscal year: a long CSV for analysts (UTF-8 with BOM, one row per initiative × year or per measure × year), or one workbook with a sheet per year",
      okFiles: {
        description: "The file (Content-Disposition: attachment), in the media type of `format`",
        content: {
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
            schema: { type: "string", format: "binary", description: "format=xlsx: a sheet per fiscal year" }
          },
          "text/csv": {
            schema: {
              type: "string",
              description:
                "format=csv: one row per initiative × year (rows=initiatives) or measure × year (rows=measures), UTF-8 with a BOM"
            }
          }
        }
      }
    }),
    validate("param", PlanParams),
    validate("query", LongQuery),
    async (c) => {
      const { planId } = c.req.valid("param")
      const { format, rows } = c.req.valid("query")
      const file = await c.var.run(
        format === "xlsx" ? exportYearsWorkbook(planId) : exportYears(planId, rows ?? "initiatives")
      )
      return c.body(new Uint8Array(file.body), 200, {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename="${file.filename}"`
      })
    }
  )
