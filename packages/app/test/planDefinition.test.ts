import { describe, expect, layer } from "@effect/vitest"
import {
  AreaNo,
  BasicPolicyNo,
  DefinitionOfAnotherPlan,
  explanationOf,
  InitiativeNo,
  ObjectiveNo,
  type PlanDefinition,
  StillInUse,
  UnknownReference
} from "@sukoyaka/core"
import { FICTIONAL_PLAN, fictionalPlanDefinition } from "@sukoyaka/core/testing"
import { Audit, Initiatives, Plans, Targets } from "@sukoyaka/storage"
import { dialects, testStorageLayer } from "@sukoyaka/storage/testing"
import { Effect, Layer, Option } from "effect"
import { importPlanDefinition, Structure, summaryOf } from "../src/index.ts"

const admin = { id: "usr-admin", label: "admin@example.jp" }
const definition = fictionalPlanDefinition()
const load = (file: PlanDefinition, dryRun = false) => importPlanDefinition(admin, FICTIONAL_PLAN, file, { dryRun })

/** What the database holds of the plan: to show that a refused or dry import wrote nothing. */
const state = Effect.gen(function* () {
  const plan = yield* (yield* Plans).find(FICTIONAL_PLAN)
  return {
    plan: Option.map(plan, (p) => p.basicPolicies.map((policy) => [policy.no, policy.until ?? null])),
    initiatives: (yield* (yield* Initiatives).list(FICTIONAL_PLAN)).map((i) => [i.no, i.until, i.version]),
    audit: (yield* (yield* Audit).list({ planId: FICTIONAL_PLAN, limit: 1000 })).length
  }
})

describe.each(dialects)("loading a plan-definition file on %s", (dialect) => {
  layer(Structure.layer.pipe(Layer.provideMerge(testStorageLayer(dialect))), {
    timeout: "60 seconds",
    excludeTestServices: true
  })((it) => {
    it.effect("a dry run on a fresh database lists the whole plan and writes nothing", () =>
      Effect.gen(function* () {
        const result = yield* load(definition, true)
        expect(result).toMatchObject({ planId: FICTIONAL_PLAN, dryRun: true, created: 17, updated: 0 })
        expect(yield* state).toEqual({ plan: Option.none(), initiatives: [], audit: 0 })
      })
    )

    it.effect("refuses an unknown agency at its entry of the file, writing nothing", () =>
      Effect.gen(function* () {
        const bad: PlanDefinition = {
          ...definition,
          initiatives: definition.initiatives.map((initiative, index) =>
            index === 3 ? { ...initiative, agencies: ["xyz" as never] } : initiative
          )
        }
        const error = yield* Effect.flip(load(bad))
        expect(error).toBeInstanceOf(UnknownReference)
        expect(explanationOf(error)![0]).toMatchObject({
          path: "initiatives[3].agencies[0]",
          ja: "実施機関「xyz」はこの計画にありません"
        })
        expect(yield* state).toEqual({ plan: Option.none(), initiatives: [], audit: 0 })
        const other = yield* Effect.flip(importPlanDefinition(admin, "another-plan", definition, { dryRun: false }))
        expect(other).toBeInstanceOf(DefinitionOfAnotherPlan)
      })
    )

    it.effect(
      "creates the plan, audited change by change; both ① are counted apart; loading it again changes nothing",
      () =>
        Effect.gen(function* () {
          const result = yield* load(definition)
          expect(result).toMatchObject({ dryRun: false, created: 17, updated: 0 })
          const after = yield* state
          expect(after.plan).toEqual(
            Option.some([
              [1, null],
              [2, null]
            ])
          )
          expect(after.initiatives.map(([no]) => no)).toEqual([1, 2, 3, 4])
          // One audit entry per change: the plan, 8 nodes, 3 agencies, 4 initiatives, 1 target.
          expect(after.audit).toBe(17)
          const target = yield* (yield* Targets).get(FICTIONAL_PLAN, "vegetable-intake")
          expect(target.baseline).toMatchObject({ year: 2023, value: 22.4, denominator: 1000 })

          const summary = yield* summaryOf(FICTIONAL_PLAN, 2025)
          const firsts = summary.byObjective.filter((row) => row.objectiveNo === 1)
          expect(firsts.map((row) => [row.policyNo, row.areaNo])).toEqual([
            [1, 1],
            [2, 1]
          ])
          expect(summary.byPolicy.map((row) => row.title)).toEqual(["生活習慣の改善", "こころの健康づくり"])

          const again = yield* load(definition)
          expect(again).toMatchObject({ created: 0, updated: 0, changes: [] })
          expect((yield* state).audit).toBe(17)
        })
    )

    it.effect("updates what the file changes, and retires a policy after the initiatives it retires", () =>
      Effect.gen(function* () {
        const edited: PlanDefinition = {
          ...definition,
          plan: { ...definition.plan, title: "架空市 健康増進計画（第2版）" } as PlanDefinition["plan"],
          initiatives: definition.initiatives.map((initiative) =>
            initiative.policyNo === 2 ? { ...initiative, until: 2026 as never } : initiative
          )
        }
        const retiring = {
          ...edited,
          plan: {
            ...edited.plan,
            basicPolicies: edited.plan.basicPolicies.map((policy) =>
              policy.no === 2 ? { ...policy, until: 2026 as never } : policy
            )
          } as PlanDefinition["plan"]
        }
        const dry = yield* load(retiring, true)
        const lines = dry.changes.map((change) => `${change.action} ${change.entity} ${change.key}`)
        expect(lines).toEqual([
          "update plan kakuu-kenko",
          "update initiative 3",
          "update initiative 4",
          "update basicPolicy 2"
        ])
        const applied = yield* load(retiring)
        expect(applied).toMatchObject({ created: 0, updated: 4 })
        const after = yield* state
        expect(after.plan).toEqual(
          Option.some([
            [1, null],
            [2, 2026]
          ])
        )
        expect(after.initiatives.filter(([no]) => no === 3 || no === 4)).toEqual([
          [3, 2026, 2],
          [4, 2026, 2]
        ])
        expect((yield* load(retiring)).changes).toEqual([])
      })
    )

    it.effect(
      "is all or nothing: a retirement that strands an initiative the file does not mention writes nothing",
      () =>
        Effect.gen(function* () {
          const structure = yield* Structure
          yield* structure.createInitiative(admin, FICTIONAL_PLAN, {
            no: InitiativeNo.make(5),
            policyNo: BasicPolicyNo.make(1),
            areaNo: AreaNo.make(1),
            objectiveNo: ObjectiveNo.make(2),
            name: "ファイルにない事業",
            markers: { isNew: false, newNote: null, formerName: null },
            content: "",
            lifeStagesText: "",
            lifeStages: [],
            agencies: [],
            notes: []
          })
          const before = yield* state
          const retiring: PlanDefinition = {
            ...definition,
            plan: {
              ...definition.plan,
              basicPolicies: definition.plan.basicPolicies.map((policy) =>
                policy.no === 1 ? { ...policy, until: 2025 as never } : policy
              )
            } as PlanDefinition["plan"],
            initiatives: definition.initiatives.map((initiative) =>
              initiative.policyNo === 1 ? { ...initiative, until: 2025 as never } : initiative
            ),
            targets: definition.targets.map((target) => ({ ...target, until: 2025 as never }))
          }
          for (const dryRun of [true, false]) {
            const error = yield* Effect.flip(load(retiring, dryRun))
            expect(error).toBeInstanceOf(StillInUse)
            expect(explanationOf(error)![0]).toMatchObject({
              path: "plan.basicPolicies[0].until",
              ja: expect.stringContaining("Ｎｏ.5")
            })
            // Initiative 1's new last year was written before the refusal, and rolled back with it.
            expect(yield* state).toEqual(before)
          }
        })
    )
  })
})
