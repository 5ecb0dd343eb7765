import {
  dataPackageOf,
  openDataFile,
  parseOpenDataFile,
  publicPlanOf,
  publicPlans,
  publicTargetsOf,
  publicCoverageReport,
  publicYearOf
} from "@sukoyaka/app"
import {
  CoverageReport,
  DataPackage,
  FiscalYear,
  FrameworkId,
  PublicPlan,
  PublicTargets,
  PublicYear
} from "@sukoyaka/core"
import { Schema } from "effect"
import { type Context, Hono } from "hono"
import { sendPublic } from "../cachedJson.ts"
import type { AppEnv } from "../env.ts"
import { doc } from "../openapi.ts"
import { HttpProblem } from "../problem.ts"
import { DecimalInt, PlanIdParam, PlanParams, validate } from "../validation.ts"

const YearParams = Schema.Struct({ planId: PlanIdParam, fiscalYear: DecimalInt.pipe(Schema.decodeTo(FiscalYear)) })
const FileParams = Schema.Struct({
  planId: PlanIdParam,
  file: Schema.String.check(Schema.isMaxLength(64)).annotate({
    description: "initiatives-2024.csv, initiatives.csv, measures-2024.json, observations.csv … (see datapackage.json)"
  })
})

const CoverageQuery = Schema.Struct({ framework: FrameworkId })

const cacheNote =
  "No credentials. Cacheable: a strong ETag and Cache-Control: public, max-age=300; If-None-Match answers 304."

const sendJson = <S extends Schema.Codec<unknown, unknown>>(c: Context<AppEnv>, schema: S, value: S["Type"]) =>
  sendPublic(c, Buffer.from(JSON.stringify(Schema.encodeSync(schema)(value))), "application/json; charset=utf-8")

/** The public side (#21): approved reviews of published years, targets, and the open data. */
export default new Hono<AppEnv>()
  .get(
    "/plans",
    doc({
      tag: "public",
      summary: "The plans with a published year",
      description: cacheNote,
      ok: { schema: Schema.Array(PublicPlan), description: "Plans" },
      isPublic: true
    }),
    async (c) => sendJson(c, Schema.Array(PublicPlan), await c.var.run(publicPlans(c.var.publicSettings)))
  )
  .get(
    "/plans/:planId",
    doc({
      tag: "public",
      summary: "A plan: its published years and the open data's licence",
      description: cacheNote,
      ok: { schema: PublicPlan, description: "The plan" },
      isPublic: true
    }),
    validate("param", PlanParams),
    async (c) => {
      const { planId } = c.req.valid("param")
      return sendJson(c, PublicPlan, await c.var.run(publicPlanOf(planId, c.var.publicSettings)))
    }
  )
  .get(
    "/plans/:planId/years/:fiscalYear",
    doc({
      tag: "public",
      summary:
        "A published year: the summary and, per policy, area and objective, the initiatives with their approved reviews",
      description: `An initiative whose review is not approved has review: null (未公表). An unpublished year is 404. ${cacheNote}`,
      ok: { schema: PublicYear, description: "The year" },
      isPublic: true
    }),
    validate("param", YearParams),
    async (c) => {
      const { planId, fiscalYear } = c.req.valid("param")
      return sendJson(c, PublicYear, await c.var.run(publicYearOf(planId, fiscalYear)))
    }
  )
  .get(
    "/plans/:planId/years/:fiscalYear/coverage",
    doc({
      tag: "public",
      summary: "A published year's coverage of a national framework version, if the city publishes it",
      description: `Only when the plan's framework settings say publishCoverage; ratings of approved reviews only (others unrated). Otherwise 404. ${cacheNote}`,
      ok: { schema: CoverageReport, description: "The report" },
      isPublic: true
    }),
    validate("param", YearParams),
    validate("query", CoverageQuery),
    async (c) => {
      const { planId, fiscalYear } = c.req.valid("param")
      const report = await c.var.run(publicCoverageReport(planId, fiscalYear, c.req.valid("query").framework))
      return sendJson(c, CoverageReport, report)
    }
  )
  .get(
    "/plans/:planId/targets",
    doc({
      tag: "public",
      summary: "The targets with their baselines and observations over the years, small counts suppressed",
      description: `Observations built from a count below smallCountThreshold have value, numerator and denominator null and suppressed: true. ${cacheNote}`,
      ok: { schema: PublicTargets, description: "The targets" },
      isPublic: true
    }),
    validate("param", PlanParams),
    async (c) => {
      const { planId } = c.req.valid("param")
      return sendJson(c, PublicTargets, await c.var.run(publicTargetsOf(planId, c.var.publicSettings)))
    }
  )
  .get(
    "/plans/:planId/datapackage.json",
    doc({
      tag: "public",
      summary: "The open data as a Frictionless Data Package: every file with its fields, the licence",
      description: `Each resource's path is relative to this document (data/…) and downloads without credentials. ${cacheNote}`,
      ok: { schema: DataPackage, description: "The data package" },
      isPublic: true
    }),
    validate("param", PlanParams),
    async (c) => {
      const { planId } = c.req.valid("param")
      return sendJson(c, DataPackage, await c.var.run(dataPackageOf(planId, c.var.publicSettings)))
    }
  )
  .get(
    "/plans/:planId/data/:file",
    doc({
      tag: "public",
      summary: "One file of the open data: tidy CSV (UTF-8 with BOM) or JSON, per published year or across them",
      description: `The files and their fields are listed in datapackage.json. ${cacheNote}`,
      ok: {
        schema: Schema.Array(Schema.Record(Schema.String, Schema.Unknown)),
        description: "The rows (JSON), or the CSV text"
      },
      isPublic: true
    }),
    validate("param", FileParams),
    async (c) => {
      const { planId, file: name } = c.req.valid("param")
      const file = parseOpenDataFile(name)
      if (file === null) throw new HttpProblem("notFound", `no open data file ${name}: see datapackage.json`)
      const { body, contentType } = await c.var.run(openDataFile(planId, file, c.var.publicSettings))
      c.header("Content-Disposition", `inline; filename="${name}"`)
      return sendPublic(c, body, contentType)
    }
  )
