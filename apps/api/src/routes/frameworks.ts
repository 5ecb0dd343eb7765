import {
  FrameworkDocument,
  FrameworkFile,
  FrameworkId,
  FrameworkInvalid,
  FrameworkMeasureUpdate,
  FrameworkSummary,
  MeasureCode
} from "@sukoyaka/core"
import { Frameworks } from "@sukoyaka/storage"
import { Effect, Schema } from "effect"
import { type Context, Hono } from "hono"
import { requireRole } from "../auth.ts"
import type { AppEnv } from "../env.ts"
import { doc } from "../openapi.ts"
import { etagOf, versionToWrite } from "../preconditions.ts"
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
      c.header("ETag", etagOf(found.version))
      return c.json(Schema.encodeSync(FrameworkDocument)(found))
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
      c.header("ETag", etagOf(written.version))
      return c.json(Schema.encodeSync(FrameworkDocument)(written))
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
      c.header("ETag", etagOf(written.version))
      return c.json(Schema.encodeSync(FrameworkDocument)(written))
    }
  )
