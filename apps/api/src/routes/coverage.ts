import { coverageReport, latestFiscalYear, surveyExport, tagInitiative } from "@sukoyaka/app"
import {
  CoverageReport,
  FiscalYear,
  FrameworkId,
  FrameworkSettings,
  FrameworkSettingsInput,
  InitiativeTags,
  InitiativeTagsUpdate
} from "@sukoyaka/core"
import { FrameworkSettingsStore, Initiatives, InitiativeTagSets, Plans } from "@sukoyaka/storage"
import { Effect, Schema } from "effect"
import { Hono } from "hono"
import { requireRole } from "../auth.ts"
import type { AppEnv } from "../env.ts"
import { doc } from "../openapi.ts"
import { versionToWrite, sendVersioned } from "../preconditions.ts"
import { DecimalInt, PlanParams, validate } from "../validation.ts"
import { InitiativeParams } from "./initiatives.ts"

const CoverageQuery = Schema.Struct({
  framework: FrameworkId.annotate({ description: "the framework version's id, e.g. jscp-package" }),
  fiscalYear: Schema.optionalKey(DecimalInt.pipe(Schema.decodeTo(FiscalYear)))
})
const SurveyQuery = Schema.Struct({
  format: Schema.Literals(["csv", "xlsx"])
    .annotate({ description: "csv (UTF-8 with a BOM, default) or xlsx" })
    .pipe(Schema.withDecodingDefaultTypeKey(Effect.succeed("csv" as const))),
  fiscalYear: Schema.optionalKey(DecimalInt.pipe(Schema.decodeTo(FiscalYear)))
})

const yearOr = (planId: string, fiscalYear: number | undefined) =>
  Effect.gen(function* () {
    yield* (yield* Plans).get(planId)
    return fiscalYear ?? (yield* latestFiscalYear(planId))
  })

/** Tags, framework settings, the coverage report and the survey export of a plan (#24). */
export default new Hono<AppEnv>()
  .get(
    "/:planId/initiatives/:no/tags",
    doc({
      tag: "frameworks",
      summary: "The national measures an initiative serves (version 0 and none while it has none)",
      ok: { schema: InitiativeTags, description: "The tags; the ETag is their version" }
    }),
    validate("param", InitiativeParams),
    async (c) => {
      const { planId, no } = c.req.valid("param")
      const found = await c.var.run(
        Effect.gen(function* () {
          yield* (yield* Initiatives).get(planId, no)
          return yield* (yield* InitiativeTagSets).get(planId, no)
        })
      )
      return sendVersioned(c, found.version, InitiativeTags, found)
    }
  )
  .put(
    "/:planId/initiatives/:no/tags",
    requireRole("admin"),
    doc({
      tag: "frameworks",
      summary: "Replace the national measures an initiative serves (admin: the secretariat); audited",
      description:
        "If-Match is the tags' ETag (\"v0\" before the first). Each tag names a loaded framework's measure, from a fiscal year (until one), primary or secondary, with a short rationale.",
      ok: { schema: InitiativeTags, description: "The tags as stored" },
      ifMatch: true,
      extraProblems: { 412: "Someone changed the tags first", 422: "A measure is unknown", 428: "If-Match is required" }
    }),
    validate("param", InitiativeParams),
    validate("json", InitiativeTagsUpdate),
    async (c) => {
      const { planId, no } = c.req.valid("param")
      const version = await versionToWrite(
        c,
        "initiative tags",
        async () => (await c.var.run(InitiativeTagSets.use((tags) => tags.get(planId, no)))).version
      )
      const written = await c.var.run(tagInitiative(c.var.auth.audit, planId, no, c.req.valid("json").tags, version))
      return sendVersioned(c, written.version, InitiativeTags, written)
    }
  )
  .get(
    "/:planId/framework-settings",
    doc({
      tag: "frameworks",
      summary:
        "The plan's framework settings: recommended measures, the public switch, 団体コード, the survey column map",
      ok: { schema: FrameworkSettings, description: "The settings; the ETag is their version" }
    }),
    validate("param", PlanParams),
    async (c) => {
      const { planId } = c.req.valid("param")
      const found = await c.var.run(
        Effect.andThen(
          Plans.use((plans) => plans.get(planId)),
          FrameworkSettingsStore.use((store) => store.get(planId))
        )
      )
      return sendVersioned(c, found.version, FrameworkSettings, found)
    }
  )
  .put(
    "/:planId/framework-settings",
    requireRole("admin"),
    doc({
      tag: "frameworks",
      summary: "Replace the plan's framework settings (admin)",
      description: 'If-Match is the settings\' ETag ("v0" before they were first saved).',
      ok: { schema: FrameworkSettings, description: "The settings as stored" },
      ifMatch: true,
      extraProblems: { 412: "Someone changed the settings first", 428: "If-Match is required" }
    }),
    validate("param", PlanParams),
    validate("json", FrameworkSettingsInput),
    async (c) => {
      const { planId } = c.req.valid("param")
      const version = await versionToWrite(
        c,
        "framework settings",
        async () => (await c.var.run(FrameworkSettingsStore.use((store) => store.get(planId)))).version
      )
      const written = await c.var.run(
        Effect.andThen(
          Plans.use((plans) => plans.get(planId)),
          FrameworkSettingsStore.use((store) => store.put(c.var.auth.audit, planId, c.req.valid("json"), version))
        )
      )
      return sendVersioned(c, written.version, FrameworkSettings, written)
    }
  )
  .get(
    "/:planId/coverage",
    doc({
      tag: "frameworks",
      summary:
        "The coverage report: each measure of a framework version with its initiatives in the year, ratings and flags",
      description:
        "Flags: empty (no initiative), thin (one initiative, or all rated Ｃ/Ｄ), recommendedEmpty (recommended to the city and empty). A parent measure counts its children's initiatives. Without fiscalYear: the latest year with reviews.",
      ok: { schema: CoverageReport, description: "The report" }
    }),
    validate("param", PlanParams),
    validate("query", CoverageQuery),
    async (c) => {
      const { planId } = c.req.valid("param")
      const { framework, fiscalYear } = c.req.valid("query")
      const report = await c.var.run(
        Effect.flatMap(yearOr(planId, fiscalYear), (year) => coverageReport(planId, year, framework, "internal"))
      )
      return c.json(Schema.encodeSync(CoverageReport)(report))
    }
  )
  .get(
    "/:planId/survey-export",
    doc({
      tag: "frameworks",
      summary: "The export for the national survey (自殺対策推進状況調査): one row per initiative of the year",
      description:
        "Columns follow the plan's survey column map (framework settings). CSV is UTF-8 with a BOM, as the other exports.",
      okFiles: {
        description: "The file (Content-Disposition: attachment)",
        content: {
          "text/csv": { schema: { type: "string", description: "format=csv (default)" } },
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
            schema: { type: "string", format: "binary", description: "format=xlsx" }
          }
        }
      }
    }),
    validate("param", PlanParams),
    validate("query", SurveyQuery),
    async (c) => {
      const { planId } = c.req.valid("param")
      const { format, fiscalYear } = c.req.valid("query")
      const { body, year } = await c.var.run(
        Effect.gen(function* () {
          const year = yield* yearOr(planId, fiscalYear)
          return { year, body: yield* surveyExport(planId, year, format) }
        })
      )
      return c.body(new Uint8Array(body), 200, {
        "Content-Type":
          format === "csv"
            ? "text/csv; charset=utf-8"
            : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": `attachment; filename="survey-${planId}-${year}.${format}"`
      })
    }
  )
