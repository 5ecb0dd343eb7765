import { FiscalYear, SecretariatNote, SecretariatNoteUpdate } from "@sukoyaka/core"
import { Plans, SecretariatNotes } from "@sukoyaka/storage"
import { Effect, Schema } from "effect"
import { Hono } from "hono"
import { requireRole } from "../auth.ts"
import type { AppEnv } from "../env.ts"
import { doc } from "../openapi.ts"
import { versionToWrite, sendVersioned } from "../preconditions.ts"
import { DecimalInt, PlanParams, validate } from "../validation.ts"
import { keyOf, ReviewParams } from "./reviews.ts"

const note = "/:planId/initiatives/:no/reviews/:fiscalYear/note"

const YearQuery = Schema.Struct({ fiscalYear: DecimalInt.pipe(Schema.decodeTo(FiscalYear)) })

export default new Hono<AppEnv>()
  .get(
    note,
    doc({
      tag: "reviews",
      summary:
        "The secretariat's note on the review, for the council report (version 0 and no text while there is none)",
      ok: { schema: SecretariatNote, description: "The note; its ETag is its version" }
    }),
    validate("param", ReviewParams),
    async (c) => {
      const found = await c.var.run(SecretariatNotes.use((notes) => notes.get(keyOf(c.req.valid("param")))))
      return sendVersioned(c, found.version, SecretariatNote, found)
    }
  )
  .put(
    note,
    requireRole("admin"),
    doc({
      tag: "reviews",
      summary: "Write the secretariat's note on the review (admin); the council report prints it",
      description:
        "Apart from the review: it changes neither the review's version nor its approval. If-Match is the note's ETag (\"v0\" before the first note). An empty text takes the note off the report.",
      ok: { schema: SecretariatNote, description: "The note as stored" },
      ifMatch: true,
      extraProblems: { 412: "Someone wrote the note first", 428: "If-Match is required" }
    }),
    validate("param", ReviewParams),
    validate("json", SecretariatNoteUpdate),
    async (c) => {
      const key = keyOf(c.req.valid("param"))
      const version = await versionToWrite(
        c,
        "secretariat note",
        async () => (await c.var.run(SecretariatNotes.use((notes) => notes.get(key)))).version
      )
      const written = await c.var.run(
        SecretariatNotes.use((notes) => notes.put(c.var.auth.audit, key, c.req.valid("json").note, version))
      )
      return sendVersioned(c, written.version, SecretariatNote, written)
    }
  )
  .get(
    "/:planId/notes",
    doc({
      tag: "reviews",
      summary: "The year's secretariat notes that say something, by initiative: what the council report prints",
      ok: { schema: Schema.Array(SecretariatNote), description: "Notes" }
    }),
    validate("param", PlanParams),
    validate("query", YearQuery),
    async (c) => {
      const { planId } = c.req.valid("param")
      const notes = await c.var.run(
        Effect.andThen(
          Plans.use((plans) => plans.get(planId)),
          SecretariatNotes.use((all) => all.listByYear(planId, c.req.valid("query").fiscalYear))
        )
      )
      return c.json(Schema.encodeSync(Schema.Array(SecretariatNote))(notes))
    }
  )
