import { describe, expect, it, layer } from "@effect/vitest"
import {
  Agency,
  AgencyId,
  AlreadyExists,
  AreaNo,
  addArea,
  contentsOfDefinition,
  defaultRatingPolicy,
  addObjective,
  addPolicy,
  BasicPolicyNo,
  fiscalYear,
  type Initiative,
  InitiativeNo,
  ObjectiveNo,
  PlanId,
  StaleVersion,
  type Target,
  TargetId
} from "@sukoyaka/core"
import { FICTIONAL_PLAN, fictionalPlanDefinition } from "@sukoyaka/core/testing"
import { loadDataset } from "@sukoyaka/data-tomakomai"
import { Effect, Layer, Result } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import {
  Audit,
  databaseLayer,
  type DatabaseConfig,
  Initiatives,
  Plans,
  RepositoriesLive,
  seedDataset,
  Targets
} from "../src/index.ts"
import { bareClient, dialects, freshDatabase, migrateThrough, testStorageLayer, withoutStamps } from "../src/testing.ts"

const dataset = loadDataset()
const planId = dataset.plan.id
const alice = { id: "user-alice", label: "alice@example.jp" }
const P = BasicPolicyNo.make
const A = AreaNo.make
const O = ObjectiveNo.make

/** The database as the first release left it: migrated to 0001 only, with rows of that shape. */
const databaseOfRelease1 = (config: DatabaseConfig) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    yield* migrateThrough(1)
    const at = "2025-04-01T00:00:00.000Z"
    // The tree as the first release stored it: no years anywhere; objective ② only in area 3-1.
    const tree = [
      {
        no: 1,
        title: "生活習慣",
        areas: [{ no: 1, title: "栄養", objectives: [{ no: 1, title: "食", statement: "" }] }]
      },
      {
        no: 3,
        title: "こころ",
        areas: [
          {
            no: 1,
            title: "自殺対策",
            objectives: [
              { no: 1, title: "若者", statement: "" },
              { no: 2, title: "職場", statement: "" }
            ]
          }
        ]
      }
    ]
    yield* sql`INSERT INTO plans ${sql.insert({ id: "old-plan", city: "旧市", title: "旧計画", vision: "", goal: "", basicPolicies: JSON.stringify(tree), version: 1, createdAt: at, updatedAt: at })}`
    yield* sql`INSERT INTO agencies ${sql.insert({ planId: "old-plan", id: "kenko", name: "健康課", kind: "cityDivision" })}`
    const initiative = (no: number, objectiveNo: number, status: string) => ({
      planId: "old-plan",
      no,
      objectiveNo,
      name: `事業${no}`,
      markers: JSON.stringify({ isNew: false, newNote: null, formerName: null }),
      content: "",
      lifeStagesText: "",
      lifeStages: "[]",
      agencies: JSON.stringify(["kenko"]),
      status,
      notes: "[]",
      version: 1,
      updatedAt: at
    })
    for (const row of [initiative(1, 1, "active"), initiative(2, 2, "active"), initiative(3, 2, "discontinued")])
      yield* sql`INSERT INTO initiatives ${sql.insert(row)}`
    const review = (no: number, fiscalYear: number) => ({
      planId: "old-plan",
      initiativeNo: no,
      fiscalYear,
      actions: "",
      resultText: "",
      plannedText: "",
      measures: "[]",
      selfRating: null,
      ratingReason: "",
      next: JSON.stringify({ fiscalYear: fiscalYear + 1, actions: "", plannedText: "", measures: [] }),
      plannedActions: "",
      status: "approved",
      statusComment: null,
      version: 1,
      updatedAt: at,
      updatedBy: null
    })
    for (const row of [review(3, 2023), review(3, 2024)]) yield* sql`INSERT INTO reviews ${sql.insert(row)}`
    yield* sql`INSERT INTO audit_log ${sql.insert({ at: "2024-05-01T00:00:00.000Z", actorLabel: "seed", planId: "old-plan", entity: "initiative", entityKey: "old-plan/2", action: "create" })}`
    const body = (id: string, objectiveNo: number | null) =>
      JSON.stringify({
        id,
        objectiveNo,
        indicator: id,
        text: "",
        unit: "％",
        kind: "proportion",
        direction: "increase",
        population: null,
        targetValue: 80,
        targetYear: null,
        baseline: null
      })
    yield* sql`INSERT INTO targets ${sql.insert({ planId: "old-plan", id: "whole-plan", position: 0, body: body("whole-plan", null), version: 1, updatedAt: at })}`
    yield* sql`INSERT INTO targets ${sql.insert({ planId: "old-plan", id: "workplace", position: 1, body: body("workplace", 2), version: 1, updatedAt: at })}`
  }).pipe(Effect.provide(bareClient(config)))

describe.each(dialects)("migration 0002_whole_plan on %s", (dialect) => {
  it.effect(
    "places the rows of an older database in the plan's tree, ends discontinued rows with their last reviewed year, gives agencies their defaults",
    () =>
      Effect.gen(function* () {
        const config = yield* freshDatabase(dialect)
        yield* databaseOfRelease1(config)
        const read = Effect.gen(function* () {
          const initiatives = yield* (yield* Initiatives).list("old-plan")
          const targets = yield* (yield* Targets).list("old-plan")
          const agencies = yield* (yield* Plans).agencies("old-plan")
          return { initiatives, targets, agencies }
        })
        const { initiatives, targets, agencies } = yield* read.pipe(
          Effect.provide(RepositoriesLive.pipe(Layer.provideMerge(databaseLayer(config))))
        )
        // 0013: created when the audit log first saw it, or (unknown to the log) when it last changed.
        const at = "2025-04-01T00:00:00.000Z"
        expect(initiatives.map((i) => [i.no, i.createdAt, i.updatedAt])).toEqual([
          [1, at, at],
          [2, "2024-05-01T00:00:00.000Z", at],
          [3, at, at]
        ])
        // ① exists in 1-1 and 3-1: the first area in plan order that has it; ② only in 3-1.
        expect(initiatives.map((i) => [i.no, i.policyNo, i.areaNo, i.objectiveNo, i.since, i.until])).toEqual([
          [1, 1, 1, 1, null, null],
          [2, 3, 1, 2, null, null],
          [3, 3, 1, 2, null, 2024]
        ])
        expect(targets.map((t) => [t.id, t.policyNo, t.areaNo, t.objectiveNo, t.since, t.until])).toEqual([
          ["whole-plan", 1, 1, null, null, null],
          ["workplace", 3, 1, 2, null, null]
        ])
        expect(agencies.map((a) => ({ ...a }))).toEqual([
          {
            id: "kenko",
            name: "健康課",
            kind: "cityDivision",
            reading: "",
            position: 0,
            since: null,
            until: null,
            version: 1
          }
        ])
      }),
    { timeout: 60_000 }
  )
})

describe.each(dialects)("the whole plan's repositories on %s", (dialect) => {
  layer(testStorageLayer(dialect), { timeout: "60 seconds", excludeTestServices: true })((it) => {
    it.effect("the seed's rows are placed in basic policy 3, area 1, and filter by policy and area", () =>
      Effect.gen(function* () {
        yield* seedDataset(dataset)
        const initiatives = yield* Initiatives
        const all = yield* initiatives.list(planId)
        expect(all.every((i) => i.policyNo === 3 && i.areaNo === 1)).toBe(true)
        expect(all.filter((i) => i.until !== null).map((i) => [i.no, i.until])).toEqual([[64, 2024]])
        expect((yield* initiatives.list(planId, { policyNo: 3, areaNo: 1, objectiveNo: 3 })).map((i) => i.no)).toEqual([
          82, 83, 84, 85, 86, 87
        ])
        expect(yield* initiatives.list(planId, { policyNo: 1 })).toEqual([])
      })
    )

    it.effect("changes the tree as one versioned, audited document; a stale version changes nothing", () =>
      Effect.gen(function* () {
        const plans = yield* Plans
        const { version } = yield* plans.getVersioned(planId)
        expect(version).toBe(1)
        const saved = yield* plans.updateTree(alice, planId, version, (plan) =>
          Effect.fromResult(addPolicy(plan, { no: P(1), title: "生活習慣の改善", position: 0 }))
        )
        expect(saved.version).toBe(2)
        expect(saved.plan.basicPolicies.map((policy) => policy.no)).toEqual([1, 3])
        expect((yield* plans.get(planId)).basicPolicies.map((policy) => policy.no)).toEqual([1, 3])
        const [entry] = yield* (yield* Audit).list({ planId, entity: "basicPolicy", limit: 1 })
        expect(entry).toMatchObject({
          entityKey: `${planId}/1`,
          action: "create",
          before: null,
          after: { no: 1, title: "生活習慣の改善", position: 0 }
        })
        const stale = yield* Effect.flip(
          plans.updateTree(alice, planId, version, (plan) =>
            Effect.fromResult(addArea(plan, 1, { no: A(1), title: "栄養" }))
          )
        )
        expect(stale).toBeInstanceOf(StaleVersion)
        expect(stale).toMatchObject({ entity: "plan", expected: 1, actual: 2 })
        const duplicate = yield* Effect.flip(
          plans.updateTree(alice, planId, 2, (plan) => Effect.fromResult(addPolicy(plan, { no: P(1), title: "again" })))
        )
        expect(duplicate).toBeInstanceOf(AlreadyExists)
        const area = yield* plans.updateTree(alice, planId, 2, (plan) =>
          Effect.fromResult(addArea(plan, 1, { no: A(1), title: "栄養" }))
        )
        const objective = yield* plans.updateTree(alice, planId, area.version, (plan) =>
          Effect.fromResult(
            addObjective(plan, { policyNo: P(1), areaNo: A(1) }, { no: O(1), title: "食", statement: "" })
          )
        )
        expect(objective.plan.basicPolicies[0]!.areas[0]!.objectives.map((o) => o.no)).toEqual([1])
        expect((yield* plans.getVersioned(planId)).version).toBe(4)
      })
    )

    it.effect("creates and versions agencies; a taken id is AlreadyExists", () =>
      Effect.gen(function* () {
        const plans = yield* Plans
        const agency = new Agency({
          id: AgencyId.make("seikatsu"),
          name: "生活習慣課",
          kind: "cityDivision",
          reading: "せいかつしゅうかんか",
          position: 100
        })
        expect((yield* plans.createAgency(alice, planId, agency)).version).toBe(1)
        expect(yield* Effect.flip(plans.createAgency(alice, planId, agency))).toBeInstanceOf(AlreadyExists)
        const agencies = yield* plans.agencies(planId)
        expect(agencies.at(-1)?.id).toBe("seikatsu")
        const retired = yield* plans.updateAgency(alice, planId, "seikatsu", 1, { until: fiscalYear(2025) })
        expect(retired).toMatchObject({ until: 2025, version: 2, reading: "せいかつしゅうかんか" })
        expect(yield* Effect.flip(plans.updateAgency(alice, planId, "seikatsu", 1, { name: "x" }))).toBeInstanceOf(
          StaleVersion
        )
        const [entry] = yield* (yield* Audit).list({ planId, entity: "agency", entityKey: "seikatsu", limit: 1 })
        expect(entry).toMatchObject({
          action: "update",
          before: { until: null, version: 1 },
          after: { until: 2025, version: 2 }
        })
      })
    )

    it.effect("creates initiatives with their place and years; a taken Ｎｏ. is AlreadyExists", () =>
      Effect.gen(function* () {
        const initiatives = yield* Initiatives
        const initiative: Initiative = {
          planId: PlanId.make(planId),
          no: InitiativeNo.make(1),
          policyNo: P(1),
          areaNo: A(1),
          objectiveNo: O(1),
          name: "野菜を食べよう講座",
          markers: { isNew: true, newNote: null, formerName: null },
          content: "",
          lifeStagesText: "全期対象",
          lifeStages: ["pregnancy", "infancy", "schoolAge", "adulthood", "elderly"],
          agencies: [AgencyId.make("seikatsu")],
          status: "active",
          since: fiscalYear(2024),
          until: null,
          notes: [],
          version: 1
        }
        expect(yield* initiatives.create(alice, initiative)).toEqual(initiative)
        expect(yield* Effect.flip(initiatives.create(alice, { ...initiative, name: "again" }))).toBeInstanceOf(
          AlreadyExists
        )
        expect(withoutStamps(yield* initiatives.get(planId, 1))).toEqual(initiative)
        expect((yield* initiatives.list(planId, { agencyId: "seikatsu" })).map((i) => i.no)).toEqual([1])
        // The seed's ① (3-1-1) and the new ① (1-1-1) share a number, not an objective.
        expect((yield* initiatives.list(planId, { policyNo: 1, objectiveNo: 1 })).map((i) => i.no)).toEqual([1])
        const retired = yield* initiatives.update(alice, planId, 1, 1, {
          until: fiscalYear(2024),
          status: "discontinued"
        })
        expect(retired).toMatchObject({ until: 2024, status: "discontinued", version: 2 })
      })
    )

    it.effect("creates targets at a position, reorders them, and refuses a taken id", () =>
      Effect.gen(function* () {
        const targets = yield* Targets
        const target: Target = {
          id: TargetId.make("vegetables"),
          policyNo: P(1),
          areaNo: A(1),
          objectiveNo: O(1),
          indicator: "野菜摂取量の増加",
          text: "",
          unit: "g",
          kind: "other",
          direction: "increase",
          population: null,
          targetValue: 350,
          targetYear: 2032,
          baseline: null,
          observations: [{ year: 2024, value: 280 }],
          since: null,
          until: null
        }
        expect(yield* targets.create(alice, planId, target, 0)).toEqual({ ...target, version: 1 })
        expect(yield* Effect.flip(targets.create(alice, planId, target, undefined))).toBeInstanceOf(AlreadyExists)
        const order = (yield* targets.list(planId)).map((t) => t.id)
        expect(order).toEqual(["vegetables", ...dataset.targets.map((t) => t.id)])
        yield* targets.reposition(planId, "vegetables", 99)
        expect((yield* targets.list(planId)).map((t) => t.id)).toEqual([
          ...dataset.targets.map((t) => t.id),
          "vegetables"
        ])
        expect(Result.isSuccess(yield* Effect.result(targets.get(planId, "vegetables")))).toBe(true)
      })
    )

    it.effect("keeps the fictional plan's two ① apart from each other and from the seed's, in one database", () =>
      Effect.gen(function* () {
        // The plan of examples/plan-definition.json beside the seed's: two basic policies whose areas
        // both number their objectives from ①.
        yield* seedDataset(dataset)
        const contents = contentsOfDefinition(fictionalPlanDefinition())
        yield* seedDataset({
          ...contents,
          reviews: [],
          ratingPolicy: defaultRatingPolicy(contents.plan.id, fiscalYear(2024))
        })
        const initiatives = yield* Initiatives
        const first = (policyNo: number) =>
          initiatives
            .list(FICTIONAL_PLAN, { policyNo, areaNo: 1, objectiveNo: 1 })
            .pipe(Effect.map((rows) => rows.map((i) => i.no)))
        expect(yield* first(1)).toEqual([1])
        expect(yield* first(2)).toEqual([3])
        expect((yield* initiatives.list(planId, { policyNo: 3, areaNo: 1, objectiveNo: 1 })).length).toBeGreaterThan(0)
        expect((yield* initiatives.list(planId)).some((i) => i.planId === FICTIONAL_PLAN)).toBe(false)
        expect((yield* (yield* Targets).list(FICTIONAL_PLAN)).map((t) => [t.id, t.policyNo, t.areaNo])).toEqual([
          ["vegetable-intake", 1, 1]
        ])
      })
    )
  })
})
