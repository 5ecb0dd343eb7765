import {
  FrameworkDocument,
  FrameworkFile,
  FrameworkInvalid,
  type FrameworkMeasureUpdate,
  FrameworkNotFound,
  frameworkProblem,
  type FrameworkSummary,
  StaleVersion
} from "@sukoyaka/core"
import { Context, Effect, Layer, Option, Schema } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import * as SqlSchema from "effect/sql/SqlSchema"
import { Audit, type AuditActor, nowIso } from "./Audit.ts"

const Row = Schema.Struct({ document: Schema.fromJsonString(FrameworkFile), version: Schema.Number })
const encodeFile = Schema.encodeSync(Schema.fromJsonString(FrameworkFile))
const snapshot = (document: FrameworkDocument) => Schema.encodeSync(FrameworkDocument)(document)

/**
 * The national framework versions (#24): each one document of its measures and crosswalk, versioned
 * as a whole and audited (entity `framework`); frameworks are national, so no plan owns them.
 */
export class Frameworks extends Context.Service<Frameworks>()("@sukoyaka/storage/Frameworks", {
  make: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const audit = yield* Audit
    const findRow = SqlSchema.findOneOption({
      Request: Schema.String,
      Result: Row,
      execute: (id) => sql`SELECT document, version FROM national_frameworks WHERE id = ${id}`
    })
    const allRows = SqlSchema.findAll({
      Request: Schema.Void,
      Result: Row,
      execute: () => sql`SELECT document, version FROM national_frameworks ORDER BY id`
    })

    const find = (id: string): Effect.Effect<Option.Option<FrameworkDocument>> =>
      findRow(id).pipe(
        Effect.orDie,
        Effect.map(Option.map((row) => ({ ...row.document, version: row.version }))),
        Effect.withSpan("Frameworks.find")
      )

    const get = (id: string) =>
      Effect.flatMap(find(id), (found) =>
        Option.isSome(found) ? Effect.succeed(found.value) : Effect.fail(new FrameworkNotFound({ frameworkId: id }))
      )

    const list = (): Effect.Effect<ReadonlyArray<FrameworkSummary>> =>
      allRows(undefined).pipe(
        Effect.orDie,
        Effect.map((rows) =>
          rows.map((row) => ({
            ...row.document.framework,
            measureCount: row.document.measures.length,
            version: row.version
          }))
        ),
        Effect.withSpan("Frameworks.list")
      )

    /** Writes the whole document if the stored one is still at `expectedVersion` (0: not there yet). */
    const write = (actor: AuditActor, file: FrameworkFile, expectedVersion: number) =>
      sql
        .withTransaction(
          Effect.gen(function* () {
            const id = file.framework.id
            const problem = frameworkProblem(file)
            if (problem !== null) return yield* new FrameworkInvalid({ frameworkId: id, reason: problem })
            const current = yield* find(id)
            const actual = Option.isSome(current) ? current.value.version : 0
            const stale = () => new StaleVersion({ entity: "framework", key: id, expected: expectedVersion, actual })
            if (actual !== expectedVersion) return yield* stale()
            const next: FrameworkDocument = { ...file, version: actual + 1 }
            const updatedAt = yield* nowIso
            const written =
              actual === 0
                ? yield* sql`INSERT INTO national_frameworks ${sql.insert({
                    id,
                    document: encodeFile(file),
                    version: next.version,
                    updatedAt,
                    updatedBy: actor.id
                  })} ON CONFLICT (id) DO NOTHING RETURNING version`
                : yield* sql`UPDATE national_frameworks SET document = ${encodeFile(file)}, version = ${next.version},
                    updated_at = ${updatedAt}, updated_by = ${actor.id} WHERE id = ${id} AND version = ${actual}
                    RETURNING version`
            if (written.length === 0) return yield* stale()
            yield* audit.record({
              actor,
              planId: null,
              entity: "framework",
              entityKey: id,
              action: actual === 0 ? "create" : "update",
              before: Option.isSome(current) ? snapshot(current.value) : null,
              after: snapshot(next)
            })
            return next
          })
        )
        .pipe(Effect.catchTag("SqlError", Effect.die), Effect.withSpan("Frameworks.write"))

    /** Adds a measure or corrects one, the framework still at `expectedVersion`. */
    const putMeasure = (
      actor: AuditActor,
      id: string,
      code: string,
      update: FrameworkMeasureUpdate,
      expectedVersion: number
    ) =>
      Effect.gen(function* () {
        const { version: _version, ...current } = yield* get(id)
        const measure = { code, ...update }
        const exists = current.measures.some((m) => m.code === code)
        const measures = exists
          ? current.measures.map((m) => (m.code === code ? measure : m))
          : [...current.measures, measure]
        return yield* write(actor, { ...current, measures }, expectedVersion)
      }).pipe(Effect.withSpan("Frameworks.putMeasure"))

    return { find, get, list, write, putMeasure } as const
  })
}) {
  static readonly layer = Layer.effect(this, this.make).pipe(Layer.provide(Audit.layer))
}
