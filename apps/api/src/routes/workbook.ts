import { applyImport, exportPlan, latestFiscalYear, previewImport, takeImportSlot } from "@sukoyaka/app"
import { type Actor, canEditReview, FiscalYear } from "@sukoyaka/core"
import { defaultImportLimits } from "@sukoyaka/sheets"
import { Initiatives } from "@sukoyaka/storage"
import { Effect, Schema } from "effect"
import { type Context, Hono } from "hono"
import { bodyLimit } from "hono/body-limit"
import type { AppEnv } from "../env.ts"
import { doc } from "../openapi.ts"
import { HttpProblem } from "../problem.ts"
import { noFileChosen, uploadedFile } from "../upload.ts"
import { DecimalInt, PlanParams, validate } from "../validation.ts"

const ExportQuery = Schema.Struct({
  format: Schema.Literals(["xlsx", "csv", "json"])
    .annotate({ description: "the file's format (default xlsx)" })
    .pipe(Schema.withDecodingDefaultTypeKey(Effect.succeed("xlsx" as const))),
  fiscalYear: Schema.optionalKey(DecimalInt.pipe(Schema.decodeTo(FiscalYear))),
  agency: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(64)))
})
const ImportQuery = Schema.Struct({
  dryRun: Schema.Literals(["true", "false"])
    .annotate({ description: "true (default): only the diff; false: apply it, all or nothing" })
    .pipe(Schema.withDecodingDefaultTypeKey(Effect.succeed("true" as const))),
  fiscalYear: Schema.optionalKey(DecimalInt.pipe(Schema.decodeTo(FiscalYear))),
  accept: Schema.optionalKey(
    Schema.String.check(Schema.isPattern(/^\d{1,4}(,\d{1,4}){0,199}$/)).annotate({
      description:
        "comma-separated Nos. of the diff's `proposals` (new rows) to add as initiatives when applying; administrators only",
      examples: ["120,121"]
    })
  )
})

/** The diff as JSON: what the admin UI shows before anyone presses "apply". */
const ImportResult = Schema.Struct({
  dryRun: Schema.Boolean,
  applied: Schema.Int,
  added: Schema.Array(Schema.Int).annotate({ description: "Nos. of the new rows added as initiatives" }),
  canApply: Schema.Boolean,
  diff: Schema.Unknown.annotate({
    description:
      "the ImportDiff of @sukoyaka/sheets: updates with changed cells, conflicts, new and missing rows, proposals (new rows an administrator may add with `accept`), problems with sheet/row/column"
  })
}).annotate({ identifier: "ImportResult" })

const refused = (e: { ja: string; en: string }) =>
  new HttpProblem("validation", `${e.en}`, [{ path: "file", ja: e.ja, en: e.en }])

const importBusy = (planId: string) =>
  new HttpProblem(
    "tooManyRequests",
    `an import of plan ${planId} is already in progress`,
    [
      {
        path: "file",
        ja: "この計画の取り込みを処理中です。終わってから、もう一度お試しください。",
        en: "another import of this plan is in progress; retry when it is done"
      }
    ],
    { "Retry-After": "5" }
  )

/** The upload read (in the bounded worker), compared and, unless a dry run, applied. */
const readAndApply = async (
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any route's context
  c: Context<AppEnv, any, any>,
  planId: string,
  dryRun: "true" | "false",
  accept: ReadonlyArray<number>,
  fiscalYear: FiscalYear | undefined
) => {
  const file = await uploadedFile(c, "the workbook or CSV")
  if (file === undefined) throw noFileChosen()
  const buffer = Buffer.from(await file.arrayBuffer())
  const actor: Actor = c.var.auth.actor
  // Read, checked and applied while this request holds the plan's import slot.
  return c.var.run(
    Effect.gen(function* () {
      const diff = yield* previewImport(planId, buffer, {
        actor,
        filename: file.name,
        contentType: file.type,
        ...(fiscalYear ? { fiscalYear } : {})
      }).pipe(
        Effect.catchTags({
          WorkbookRefused: (e) => Effect.fail(refused(e)),
          ImportMismatch: (e) => Effect.fail(refused(e))
        })
      )
      if (dryRun === "true" || !diff.canApply) return { diff, applied: null, added: [] }
      // The diff already refused rows the actor may not write; check again against the stored rows.
      const initiatives = yield* (yield* Initiatives).list(planId)
      const allowed = diff.updates.every((update) => {
        const initiative = initiatives.find((candidate) => candidate.no === update.no)
        // Creating a review opens its year: the admin's alone (the diff refused it already).
        return (
          initiative !== undefined &&
          (actor.role === "admin" || (update.expectedVersion !== null && canEditReview(actor, initiative, "draft")))
        )
      })
      if (!allowed) return yield* Effect.fail(new HttpProblem("forbidden", "the sheet holds rows you may not change"))
      // Adding initiatives is the secretariat's: an editor's sheet never proposes, and cannot accept.
      if (accept.length > 0 && actor.role !== "admin")
        return yield* Effect.fail(new HttpProblem("forbidden", "only administrators add initiatives"))
      const result = yield* applyImport(planId, diff, c.var.auth.audit, { accept }).pipe(
        Effect.catchTag("NotProposed", (e) =>
          Effect.fail(
            new HttpProblem("validation", "accepted rows that the sheet does not propose", [
              {
                path: "query.accept",
                ja: `${e.nos.map((no) => `Ｎｏ.${no}`).join("、")} は追加の提案にありません`,
                en: `${e.nos.map((no) => `No. ${no}`).join(", ")} is not a proposed new row`
              }
            ])
          )
        )
      )
      return { diff, applied: result.applied, added: result.added }
    })
  )
}

export default new Hono<AppEnv>()
  .get(
    "/:planId/export",
    doc({
      tag: "workbook",
      summary:
        "The plan's sheet in the seed's A–L layout: xlsx (whole or one agency's, protected), csv (UTF-8 with BOM) or json",
      okFiles: {
        description: "The file (Content-Disposition: attachment), in the media type of `format`",
        content: {
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
            schema: { type: "string", format: "binary", description: "format=xlsx: the workbook (default)" }
          },
          "text/csv": {
            schema: { type: "string", description: "format=csv: the sheet as CSV, UTF-8 with a BOM" }
          },
          "application/json": {
            schema: {
              type: "object",
              description:
                "format=json: the sheet as JSON: its headings, and its rows grouped by objective, as the workbook lays them out",
              required: ["format", "planId", "fiscalYear", "agencyId", "headings", "objectives"],
              properties: {
                format: { type: "string", description: "the sheet format's name and version" },
                planId: { type: "string" },
                fiscalYear: { type: "integer" },
                agencyId: {
                  type: ["string", "null"],
                  description: "the agency the sheet is for; null: the whole plan"
                },
                headings: { type: "array", items: {}, description: "the column headings of the year" },
                objectives: { type: "array", items: { type: "object" }, description: "the rows, by objective" }
              }
            }
          }
        }
      }
    }),
    validate("param", PlanParams),
    validate("query", ExportQuery),
    async (c) => {
      const { planId } = c.req.valid("param")
      const { format, fiscalYear, agency } = c.req.valid("query")
      const file = await c.var.run(
        Effect.gen(function* () {
          const year = fiscalYear ?? ((yield* latestFiscalYear(planId)) as FiscalYear)
          return yield* exportPlan(planId, year, format, agency).pipe(
            Effect.catchTag("UnknownAgency", (e) =>
              Effect.fail(
                new HttpProblem("validation", "unknown agency", [
                  { path: "query.agency", ja: `実施機関「${e.agencyId}」はありません`, en: `no agency ${e.agencyId}` }
                ])
              )
            )
          )
        })
      )
      return c.body(typeof file.body === "string" ? file.body : new Uint8Array(file.body), 200, {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename="${file.filename}"`
      })
    }
  )
  .post(
    "/:planId/imports",
    // A workbook may be larger than the API's 1 MiB JSON limit: its own limit, checked again inside.
    bodyLimit({
      maxSize: defaultImportLimits.maxFileBytes + 64 * 1024,
      onError: () => {
        throw new HttpProblem("payloadTooLarge", "the file is too large")
      }
    }),
    doc({
      tag: "workbook",
      summary:
        "Import a returned sheet, xlsx or csv (multipart field `file`): the diff; with dryRun=false it is applied, all or nothing",
      description:
        "The file is an .xlsx workbook (recognised by its content) or a CSV (recognised by a file name ending in .csv or the content type text/csv): the CSV that the export writes, UTF-8 with or without BOM, or the same table saved by Excel as Shift_JIS. Editors may import only rows of their agencies. A sheet exported before someone else's edit is a conflict and nothing is written. One import per plan runs at a time: another one meanwhile is refused with 429 and Retry-After.",
      ok: { schema: ImportResult, description: "The diff, and what was applied" },
      upload: { field: "file", description: "the returned workbook (.xlsx) or CSV" },
      extraProblems: {
        429: "Another import of the plan is under way: try again after Retry-After seconds",
        409: "The sheet has errors or conflicts",
        412: "A review changed while importing",
        413: "The file is too large",
        415: "Send multipart/form-data"
      }
    }),
    validate("param", PlanParams),
    validate("query", ImportQuery),
    async (c) => {
      const { planId } = c.req.valid("param")
      const { dryRun, fiscalYear, accept } = c.req.valid("query")
      if (!/^multipart\/form-data/i.test(c.req.header("content-type") ?? ""))
        throw new HttpProblem("unsupportedMediaType", "send the workbook or CSV as multipart/form-data, field 'file'")
      if (c.var.auth.actor.role === "viewer") throw new HttpProblem("forbidden", "viewers cannot import")
      const release = takeImportSlot(planId)
      if (release === undefined) throw importBusy(planId)
      const accepted = accept === undefined ? [] : accept.split(",").map(Number)
      const imported = await readAndApply(c, planId, dryRun, accepted, fiscalYear).finally(release)
      const { diff, applied, added } = imported
      if (dryRun === "true") return c.json({ dryRun: true, applied: 0, added, canApply: diff.canApply, diff })
      if (applied === null) return c.json({ dryRun: false, applied: 0, added, canApply: false, diff }, 409)
      return c.json({ dryRun: false, applied, added, canApply: true, diff })
    }
  )
