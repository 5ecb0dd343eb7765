import {
  defaultSurveyColumns,
  FrameworkSettings,
  type FrameworkSettingsInput,
  FrameworkSettingsValue,
  StaleVersion
} from "@sukoyaka/core"
import { Context, Effect, Layer, Option, Schema } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import * as SqlSchema from "effect/sql/SqlSchema"
import { Audit, type AuditActor, nowIso } from "./Audit.ts"

const Stored = Schema.fromJsonString(FrameworkSettingsValue)
const Row = Schema.Struct({ settings: Stored, version: Schema.Number })
const snapshot = (settings: FrameworkSettings) => Schema.encodeSync(FrameworkSettings)(settings)

/** A plan's framework settings (#24), one versioned document, audited as `frameworkSettings`. */
export class FrameworkSettingsStore extends Context.Service<FrameworkSettingsStore>()(
  "@sukoyaka/storage/FrameworkSettingsStore",
  {
    make: Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      const audit = yield* Audit
      const findRow = SqlSchema.findOneOption({
        Request: Schema.String,
        Result: Row,
        execute: (planId) => sql`SELECT settings, version FROM plan_framework_settings WHERE plan_id = ${planId}`
      })
      const decode = Schema.decodeUnknownSync(FrameworkSettings)

      /** The plan's settings; the defaults at version 0 until the secretariat saves its own. */
      const get = (planId: string): Effect.Effect<FrameworkSettings> =>
        findRow(planId).pipe(
          Effect.orDie,
          Effect.map((row) =>
            Option.isSome(row)
              ? decode({
                  planId,
                  ...Schema.encodeSync(FrameworkSettingsValue)(row.value.settings),
                  version: row.value.version
                })
              : decode({
                  planId,
                  cityCode: "",
                  recommended: [],
                  publishCoverage: false,
                  surveyColumns: defaultSurveyColumns,
                  tagProposals: false,
                  version: 0
                })
          ),
          Effect.withSpan("FrameworkSettingsStore.get")
        )

      const put = (actor: AuditActor, planId: string, input: FrameworkSettingsInput, expectedVersion: number) =>
        sql
          .withTransaction(
            Effect.gen(function* () {
              const current = yield* get(planId)
              const stale = () =>
                new StaleVersion({
                  entity: "framework settings",
                  key: planId,
                  expected: expectedVersion,
                  actual: current.version
                })
              if (current.version !== expectedVersion) return yield* stale()
              // tagProposals left out keeps what is stored (FrameworkSettingsInput).
              const value: FrameworkSettingsValue = {
                ...input,
                tagProposals: input.tagProposals ?? current.tagProposals
              }
              const next: FrameworkSettings = { planId: current.planId, ...value, version: current.version + 1 }
              const settings = Schema.encodeSync(Stored)(value)
              const updatedAt = yield* nowIso
              const written =
                current.version === 0
                  ? yield* sql`INSERT INTO plan_framework_settings ${sql.insert({
                      planId,
                      settings,
                      version: next.version,
                      updatedAt,
                      updatedBy: actor.id
                    })} ON CONFLICT (plan_id) DO NOTHING RETURNING version`
                  : yield* sql`UPDATE plan_framework_settings SET settings = ${settings}, version = ${next.version},
                      updated_at = ${updatedAt}, updated_by = ${actor.id}
                      WHERE plan_id = ${planId} AND version = ${current.version} RETURNING version`
              if (written.length === 0) return yield* stale()
              yield* audit.record({
                actor,
                planId,
                entity: "frameworkSettings",
                entityKey: `${planId}/framework-settings`,
                action: current.version === 0 ? "create" : "update",
                before: current.version === 0 ? null : snapshot(current),
                after: snapshot(next)
              })
              return next
            })
          )
          .pipe(Effect.catchTag("SqlError", Effect.die), Effect.withSpan("FrameworkSettingsStore.put"))

      return { get, put } as const
    })
  }
) {
  static readonly layer = Layer.effect(this, this.make).pipe(Layer.provide(Audit.layer))
}
