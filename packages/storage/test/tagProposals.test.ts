import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import { databaseLayer, FrameworkSettingsStore, RepositoriesLive } from "../src/index.ts"
import { bareClient, dialects, freshDatabase, migrateThrough } from "../src/testing.ts"

/**
 * Migration 0015 (#24): framework settings saved before agencies could propose tags keep what they
 * had and read with proposals off; the proposals' table is there.
 */
describe.each(dialects)("migration 0015_tag_proposals on %s", (dialect) => {
  it.effect(
    "reads settings saved by the release before with tagProposals off",
    () =>
      Effect.gen(function* () {
        const config = yield* freshDatabase(dialect)
        yield* Effect.gen(function* () {
          yield* migrateThrough(13)
          const sql = yield* SqlClient.SqlClient
          const at = "2026-04-01T00:00:00.000Z"
          yield* sql`INSERT INTO plans ${sql.insert({ id: "old-plan", city: "旧市", title: "旧計画", vision: "", goal: "", basicPolicies: "[]", version: 1, createdAt: at, updatedAt: at })}`
          const settings = {
            cityCode: "012131",
            recommended: [{ frameworkId: "jscp-package", code: "J8" }],
            publishCoverage: true,
            surveyColumns: [{ heading: "No", field: "initiativeNo" }]
          }
          yield* sql`INSERT INTO plan_framework_settings ${sql.insert({ planId: "old-plan", settings: JSON.stringify(settings), version: 3, updatedAt: at, updatedBy: null })}`
        }).pipe(Effect.provide(bareClient(config)))
        const read = yield* Effect.gen(function* () {
          const sql = yield* SqlClient.SqlClient
          const proposals = yield* sql<{ n: number | string }>`SELECT count(*) AS n FROM tag_proposals`
          return {
            settings: yield* (yield* FrameworkSettingsStore).get("old-plan"),
            proposals: Number(proposals[0]!.n)
          }
        }).pipe(Effect.provide(RepositoriesLive.pipe(Layer.provideMerge(databaseLayer(config)))))
        expect(read.settings).toMatchObject({
          cityCode: "012131",
          publishCoverage: true,
          tagProposals: false,
          version: 3
        })
        expect(read.proposals).toBe(0)
      }),
    { timeout: 60_000 }
  )
})
