import { PublishedYear, StaleVersion } from "@sukoyaka/core"
import { Clock, Context, Effect, Layer, Option, Schema } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import * as SqlSchema from "effect/sql/SqlSchema"
import { Audit, type AuditActor } from "./Audit.ts"

const Key = Schema.Struct({ planId: Schema.String, fiscalYear: Schema.Number })

const keyString = (planId: string, fiscalYear: number) => `${planId}/${fiscalYear}`

/** The published fiscal years of the plans: every publish and withdrawal versioned and audited. */
export class PublishedYears extends Context.Service<PublishedYears>()("@sukoyaka/storage/PublishedYears", {
  make: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const audit = yield* Audit
    const snapshot = (row: PublishedYear) => Schema.encodeSync(PublishedYear)(row)

    const findRow = SqlSchema.findOneOption({
      Request: Key,
      Result: PublishedYear,
      execute: ({ planId, fiscalYear }) =>
        sql`SELECT plan_id, fiscal_year, published_at, version FROM published_years
          WHERE plan_id = ${planId} AND fiscal_year = ${fiscalYear}`
    })
    const rowsOfPlan = SqlSchema.findAll({
      Request: Schema.String,
      Result: PublishedYear,
      execute: (planId) =>
        sql`SELECT plan_id, fiscal_year, published_at, version FROM published_years
          WHERE plan_id = ${planId} ORDER BY fiscal_year`
    })

    const find = (planId: string, fiscalYear: number) =>
      findRow({ planId, fiscalYear }).pipe(Effect.orDie, Effect.withSpan("PublishedYears.find"))

    /** Every year ever published, withdrawn ones included (`publishedAt` null), oldest first. */
    const list = (planId: string): Effect.Effect<ReadonlyArray<PublishedYear>> =>
      rowsOfPlan(planId).pipe(Effect.orDie, Effect.withSpan("PublishedYears.list"))

    /**
     * Publishes (`publish: true`) or withdraws a year. With `expectedVersion` the change applies only
     * to that version (a year never published is version 0); without it, to whatever is there.
     * Publishing a published year, or withdrawing a withdrawn one, changes nothing and is not audited.
     */
    const set = (
      actor: AuditActor,
      planId: string,
      fiscalYear: number,
      publish: boolean,
      expectedVersion: number | undefined
    ) =>
      sql
        .withTransaction(
          Effect.gen(function* () {
            const current = yield* find(planId, fiscalYear)
            const currentVersion = Option.match(current, { onNone: () => 0, onSome: (row) => row.version })
            if (expectedVersion !== undefined && expectedVersion !== currentVersion)
              return yield* new StaleVersion({
                entity: "published year",
                key: keyString(planId, fiscalYear),
                expected: expectedVersion,
                actual: currentVersion
              })
            const isPublished = Option.match(current, {
              onNone: () => false,
              onSome: (row) => row.publishedAt !== null
            })
            if (Option.isSome(current) && isPublished === publish) return current.value
            if (Option.isNone(current) && !publish) return null
            const now = new Date(yield* Clock.currentTimeMillis).toISOString()
            const next: PublishedYear = {
              planId: planId as PublishedYear["planId"],
              fiscalYear: fiscalYear as PublishedYear["fiscalYear"],
              publishedAt: publish ? now : null,
              version: currentVersion + 1
            }
            if (Option.isNone(current)) {
              // Two first publications at once: the second inserts nothing and is told someone was first.
              const inserted = yield* sql`INSERT INTO published_years ${sql.insert({
                plan_id: planId,
                fiscal_year: fiscalYear,
                published_at: next.publishedAt,
                version: next.version
              })} ON CONFLICT (plan_id, fiscal_year) DO NOTHING RETURNING version`
              if (inserted.length === 0) {
                const first = yield* find(planId, fiscalYear)
                const same = Option.isSome(first) && (first.value.publishedAt !== null) === publish
                // Without If-Match the caller asked for a state, and it is so: as if this one had done it.
                if (same && expectedVersion === undefined) return first.value
                return yield* new StaleVersion({
                  entity: "published year",
                  key: keyString(planId, fiscalYear),
                  expected: 0,
                  actual: Option.match(first, { onNone: () => 1, onSome: (row) => row.version })
                })
              }
            } else {
              const updated = yield* sql`UPDATE published_years
                SET published_at = ${next.publishedAt}, version = ${next.version}
                WHERE plan_id = ${planId} AND fiscal_year = ${fiscalYear} AND version = ${currentVersion}
                RETURNING version`
              if (updated.length === 0)
                return yield* new StaleVersion({
                  entity: "published year",
                  key: keyString(planId, fiscalYear),
                  expected: currentVersion,
                  actual: currentVersion + 1
                })
            }
            yield* audit.record({
              actor,
              planId,
              entity: "publishedYear",
              entityKey: keyString(planId, fiscalYear),
              action: publish ? "publish" : "withdraw",
              before: Option.match(current, { onNone: () => null, onSome: snapshot }),
              after: snapshot(next)
            })
            return next
          })
        )
        .pipe(Effect.catchTag("SqlError", Effect.die), Effect.withSpan("PublishedYears.set"))

    return { find, list, set } as const
  })
}) {
  static readonly layer = Layer.effect(this, this.make).pipe(Layer.provide(Audit.layer))
}
