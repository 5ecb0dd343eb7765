import {
  FrameworkDocument,
  FrameworkFile,
  FrameworkId,
  FrameworkInvalid,
  FrameworkMeasureUpdate,
  FrameworkSummary,
  MeasureCode
} from "@sukoyaka/core"
import { replaceMeasuresFromCsv } from "@sukoyaka/app"
import { Frameworks } from "@sukoyaka/storage"
import { Effect, Schema } from "effect"
import { type Context, Hono } from "hono"
import { bodyLimit } from "hono/body-limit"
import { requireRole } from "../auth.ts"
import type { AppEnv } from "../env.ts"
import { doc } from "../openapi.ts"
import { HttpProblem } from "../problem.ts"
import { noFileChosen, uploadedFile } from "../upload.ts"
import { sendVersioned, versionToWrite } from "../preconditions.ts"
import { validate } from "../validation.ts"

const FrameworkParams = Schema.Struct({ frameworkId: FrameworkId })
const MeasureParams = Schema.Struct({ frameworkId: FrameworkId, code: MeasureCode })

/** The version a write is based on: If-Match's, or with `If-Match: *` the stored framework's. */
const frameworkVersion = (c: Context<AppEnv>, frameworkId: string) =>
  versionToWrite(
    c,
    "framework",
    async () => (await c.var.run(Frameworks.use((frameworks) => frameworks.get(frameworkId)))).version
  )

/** The largest measures sheet: 2,000 measures of a few hundred characters each. */
const MAX_SHEET_BYTES = 2 * 1024 * 1024

/** A sheet that cannot be read, or a row the schema refuses: an error at the upload's field. */
const sheetRefused = (ja: string, en: string) => new HttpProblem("validation", en, [{ path: "file", ja, en }])

/** National frameworks (#24): data the secretariat loads and corrects; national, so no plan in the path. */
export default new Hono<AppEnv>()
  .get(
    "/frameworks",
    doc({
      tag: "frameworks",
      summary: "The loaded framework versions (大綱, 政策パッケージ, 健康日本21 …) with their measure counts",
      ok: { schema: Schema.Array(FrameworkSummary), description: "Framework versions, by id" }
    }),
    async (c) => {
      const list = await c.var.run(Frameworks.use((frameworks) => frameworks.list()))
      return c.json(Schema.encodeSync(Schema.Array(FrameworkSummary))(list))
    }
  )
  .get(
    "/frameworks/:frameworkId",
    doc({
      tag: "frameworks",
      summary:
        "A framework version: its measures (each with its source and whether its wording is confirmed) and crosswalk",
      ok: { schema: FrameworkDocument, description: "The framework; its ETag is its version" }
    }),
    validate("param", FrameworkParams),
    async (c) => {
      const found = await c.var.run(Frameworks.use((frameworks) => frameworks.get(c.req.valid("param").frameworkId)))
      return sendVersioned(c, found.version, FrameworkDocument, found)
    }
  )
  .put(
    "/frameworks/:frameworkId",
    requireRole("admin"),
    doc({
      tag: "frameworks",
      summary: "Load a framework version, or replace it as a whole (admin): the file format of data/frameworks",
      description:
        'If-Match: "v0" to load a new one, else the framework\'s ETag. Every measure cites its source; `confirmed: false` shows as 未確認. A code twice or a missing parent is 422.',
      ok: { schema: FrameworkDocument, description: "The framework as stored" },
      ifMatch: true,
      extraProblems: {
        412: "Someone changed the framework first",
        422: "The file is inconsistent",
        428: "If-Match is required"
      }
    }),
    validate("param", FrameworkParams),
    validate("json", FrameworkFile),
    async (c) => {
      const { frameworkId } = c.req.valid("param")
      // If-Match: * replaces the framework as it is now; there must be one (404 otherwise).
      const version = await frameworkVersion(c, frameworkId)
      const file = c.req.valid("json")
      const written = await c.var.run(
        file.framework.id === frameworkId
          ? Frameworks.use((frameworks) => frameworks.write(c.var.auth.audit, file, version))
          : Effect.fail(new FrameworkInvalid({ frameworkId, reason: `the file is framework ${file.framework.id}` }))
      )
      return sendVersioned(c, written.version, FrameworkDocument, written)
    }
  )
  .put(
    "/frameworks/:frameworkId/measures/:code",
    requireRole("admin"),
    doc({
      tag: "frameworks",
      summary: "Add a measure to a framework version or correct one (admin)",
      description: "If-Match is the framework's ETag: a correction is a new version of the whole framework.",
      ok: { schema: FrameworkDocument, description: "The framework as stored" },
      ifMatch: true,
      extraProblems: {
        412: "Someone changed the framework first",
        422: "The parent is not in the framework",
        428: "If-Match is required"
      }
    }),
    validate("param", MeasureParams),
    validate("json", FrameworkMeasureUpdate),
    async (c) => {
      const { frameworkId, code } = c.req.valid("param")
      const version = await frameworkVersion(c, frameworkId)
      const written = await c.var.run(
        Frameworks.use((frameworks) =>
          frameworks.putMeasure(c.var.auth.audit, frameworkId, code, c.req.valid("json"), version)
        )
      )
      return sendVersioned(c, written.version, FrameworkDocument, written)
    }
  )
  .post(
    "/frameworks/:frameworkId/imports",
    requireRole("admin"),
    bodyLimit({
      maxSize: MAX_SHEET_BYTES + 64 * 1024,
      onError: () => {
        throw new HttpProblem("payloadTooLarge", "the sheet is too large")
      }
    }),
    doc({
      tag: "frameworks",
      summary: "Replace a loaded framework's measures from a sheet saved as CSV (admin; multipart field `file`)",
      description:
        "The sheet `sukoyaka frameworks import measures.csv --framework <id>` reads: UTF-8 or Shift_JIS, headings code, parent_code, name_ja, name_en, order, source_document, source_date, source_url, source_note, confirmed (code, name_ja and source_document required). The framework's header and crosswalk stay. If-Match is the framework's ETag.",
      ok: { schema: FrameworkDocument, description: "The framework as stored" },
      ifMatch: true,
      upload: { field: "file", description: "the measures sheet (.csv)" },
      extraProblems: {
        412: "Someone changed the framework first",
        413: "The sheet is too large",
        415: "Send multipart/form-data",
        422: "The sheet is inconsistent (a code twice, a missing parent)",
        428: "If-Match is required"
      }
    }),
    validate("param", FrameworkParams),
    async (c) => {
      const { frameworkId } = c.req.valid("param")
      const version = await frameworkVersion(c, frameworkId)
      const file = await uploadedFile(c, "the sheet")
      if (file === undefined) throw noFileChosen()
      const bytes = new Uint8Array(await file.arrayBuffer())
      const written = await c.var.run(
        replaceMeasuresFromCsv(c.var.auth.audit, frameworkId, bytes, version).pipe(
          Effect.catchTags({
            WorkbookRefused: (e) => Effect.fail(sheetRefused(e.ja, e.en)),
            // A row the schema refuses, a code twice, a missing parent: the row and what is wrong.
            FrameworkInvalid: (e) =>
              Effect.fail(sheetRefused(`シートに誤りがあります（${e.reason}）`, `the sheet is not valid: ${e.reason}`))
          })
        )
      )
      return sendVersioned(c, written.version, FrameworkDocument, written)
    }
  )
