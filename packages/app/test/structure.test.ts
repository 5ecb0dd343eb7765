import { describe, expect, layer } from "@effect/vitest"
import {
  AgencyId,
  AlreadyExists,
  AreaNo,
  BasicPolicyNo,
  fiscalYear,
  InitiativeNo,
  InvalidLifespan,
  NotInEffect,
  ObjectiveNo,
  StaleVersion,
  StillInUse,
  TargetId,
  UnknownReference
} from "@sukoyaka/core"
import { loadDataset } from "@sukoyaka/data-tomakomai"
import { Audit, Plans, Reviews } from "@sukoyaka/storage"
import { dialects, testStorageLayer } from "@sukoyaka/storage/testing"
import { Effect, Layer } from "effect"
import { rollover, seedPlan, Structure, summaryOf } from "../src/index.ts"

const dataset = loadDataset()
const planId = dataset.plan.id
const admin = { id: "usr-admin", label: "admin@example.jp" }
const P1 = BasicPolicyNo.make(1)
const A1 = AreaNo.make(1)
const O1 = ObjectiveNo.make(1)
const FY = fiscalYear

const initiativeBody = {
  no: InitiativeNo.make(1),
  policyNo: P1,
  areaNo: A1,
  objectiveNo: O1,
  name: "野菜を食べよう講座",
  markers: { isNew: true, newNote: null, formerName: null },
  content: "● 講座を開きます。\n● 食生活を見直すきっかけをつくります。",
  lifeStagesText: "青壮年期",
  lifeStages: ["adulthood" as const],
  agencies: [AgencyId.make("eiyou")],
  notes: []
}

describe.each(dialects)("the Structure service on %s", (dialect) => {
  layer(Structure.layer.pipe(Layer.provideMerge(testStorageLayer(dialect))), {
    timeout: "60 seconds",
    excludeTestServices: true
  })((it) => {
    it.effect(
      "builds a basic policy, an area, an objective ①, an agency and an initiative that joins the open year",
      () =>
        Effect.gen(function* () {
          yield* seedPlan(dataset)
          const seedSummary = yield* summaryOf(planId, 2024)
          const structure = yield* Structure
          const policy = yield* structure.createPolicy(admin, planId, 1, {
            no: P1,
            title: "生活習慣の改善",
            position: 0
          })
          const area = yield* structure.createArea(admin, planId, 1, policy.version, { no: A1, title: "栄養・食生活" })
          const objective = yield* structure.createObjective(
            admin,
            planId,
            { policyNo: P1, areaNo: A1 },
            area.version,
            {
              no: O1,
              title: "野菜の摂取の推進",
              statement: "野菜の摂取を推進します。"
            }
          )
          expect(objective.version).toBe(4)
          const agency = yield* structure.createAgency(admin, planId, {
            id: AgencyId.make("eiyou"),
            name: "栄養課",
            kind: "cityDivision",
            reading: "えいようか"
          })
          // After the seed's agencies, which keep the sheet's order (1, 2, …).
          expect(agency).toMatchObject({ version: 1, position: dataset.agencies.length + 1, since: null, until: null })
          const created = yield* structure.createInitiative(admin, planId, initiativeBody)
          expect(created).toMatchObject({ status: "active", since: null, until: null, version: 1 })
          // FY2024 is open (the seed's year): the new initiative has its draft there.
          expect(yield* (yield* Reviews).get({ planId, initiativeNo: 1, fiscalYear: 2024 })).toMatchObject({
            status: "draft",
            version: 1,
            actions: ""
          })

          const summary = yield* summaryOf(planId, 2024)
          expect(summary.byPolicy.map((row) => [row.policyNo, row.title, row.ratings.unrated])).toEqual([
            [1, "生活習慣の改善", 1],
            [3, "こころの健康づくり", seedSummary.ratings.unrated]
          ])
          expect(summary.byObjective.find((row) => row.policyNo === 3 && row.objectiveNo === 1)).toEqual(
            seedSummary.byObjective[0]
          )
          expect(summary.byObjective[0]).toMatchObject({ policyNo: 1, areaNo: 1, objectiveNo: 1 })
          expect(summary.coverage.map((row) => `${row.policyNo}-${row.areaNo}-${row.objectiveNo}`)).toEqual([
            "1-1-1",
            "3-1-1",
            "3-1-2",
            "3-1-3",
            "3-1-4"
          ])
        })
    )

    it.effect("refuses what does not fit: a taken number, an unknown place, a stale version, years backwards", () =>
      Effect.gen(function* () {
        const structure = yield* Structure
        const { version } = yield* (yield* Plans).getVersioned(planId)
        expect(
          yield* Effect.flip(structure.createPolicy(admin, planId, version, { no: P1, title: "again" }))
        ).toBeInstanceOf(AlreadyExists)
        expect(
          yield* Effect.flip(
            structure.createPolicy(admin, planId, version - 1, { no: BasicPolicyNo.make(2), title: "stale" })
          )
        ).toBeInstanceOf(StaleVersion)
        expect(yield* Effect.flip(structure.createInitiative(admin, planId, initiativeBody))).toBeInstanceOf(
          AlreadyExists
        )
        const elsewhere = yield* Effect.flip(
          structure.createInitiative(admin, planId, {
            ...initiativeBody,
            no: InitiativeNo.make(2),
            areaNo: AreaNo.make(2)
          })
        )
        expect(elsewhere).toBeInstanceOf(UnknownReference)
        expect(elsewhere).toMatchObject({ entity: "area", path: "areaNo" })
        const noAgency = yield* Effect.flip(
          structure.createInitiative(admin, planId, {
            ...initiativeBody,
            no: InitiativeNo.make(2),
            agencies: [AgencyId.make("nobody")]
          })
        )
        expect(noAgency).toMatchObject({ _tag: "UnknownReference", path: "agencies[0]" })
        expect(
          yield* Effect.flip(structure.changeInitiative(admin, planId, 1, 1, { since: FY(2026), until: FY(2025) }))
        ).toBeInstanceOf(InvalidLifespan)
        expect(yield* Effect.flip(structure.changeInitiative(admin, planId, 1, 9, { name: "stale" }))).toBeInstanceOf(
          StaleVersion
        )
        // Retiring the objective while No. 1 goes on names it; an agency the same.
        const retiring = yield* Effect.flip(
          structure.changeObjective(admin, planId, { policyNo: P1, areaNo: A1, objectiveNo: O1 }, version, {
            until: FY(2024)
          })
        )
        expect(retiring).toBeInstanceOf(StillInUse)
        expect(retiring).toMatchObject({ initiatives: [1], path: "until" })
        expect(
          yield* Effect.flip(structure.changeAgency(admin, planId, "eiyou", 1, { until: FY(2024) }))
        ).toBeInstanceOf(StillInUse)
        // A target needs an area of the plan.
        const target = {
          id: TargetId.make("vegetables"),
          policyNo: P1,
          areaNo: AreaNo.make(9),
          objectiveNo: null,
          indicator: "野菜摂取量",
          text: "",
          unit: "g",
          kind: "other" as const,
          direction: "increase" as const,
          population: null,
          targetValue: 350,
          targetYear: null,
          baseline: null,
          observations: []
        }
        expect(yield* Effect.flip(structure.createTarget(admin, planId, target))).toMatchObject({
          _tag: "UnknownReference",
          entity: "area"
        })
        const created = yield* structure.createTarget(admin, planId, { ...target, areaNo: A1, position: 0 })
        expect(created).toMatchObject({ id: "vegetables", version: 1, since: null })
        const moved = yield* structure.changeTarget(admin, planId, "vegetables", 1, { targetValue: 360, position: 99 })
        expect(moved).toMatchObject({ targetValue: 360, version: 2 })
      })
    )

    it.effect("retires the initiative after FY2024: FY2025 does not owe its review, FY2024 keeps it", () =>
      Effect.gen(function* () {
        const structure = yield* Structure
        const retired = yield* structure.changeInitiative(admin, planId, 1, 1, { until: FY(2024) })
        expect(retired).toMatchObject({ until: 2024, status: "discontinued", version: 2 })
        const [entry] = yield* (yield* Audit).list({ planId, entity: "initiative", entityKey: `${planId}/1`, limit: 1 })
        expect(entry).toMatchObject({
          action: "update",
          before: { until: null, status: "active" },
          after: { until: 2024, status: "discontinued" }
        })
        expect(yield* rollover(planId, FY(2025), admin)).toMatchObject({ created: 54 })
        const next = yield* summaryOf(planId, 2025)
        expect(next.completion.byStatus.missing).toBe(0)
        expect(next.byPolicy.map((row) => row.policyNo)).toEqual([3])
        const last = yield* summaryOf(planId, 2024)
        expect(last.byPolicy.map((row) => row.policyNo)).toEqual([1, 3])
        // Once it ended, its objective may end too; bringing it back then is refused.
        const { version } = yield* (yield* Plans).getVersioned(planId)
        yield* structure.changeObjective(admin, planId, { policyNo: P1, areaNo: A1, objectiveNo: O1 }, version, {
          until: FY(2024)
        })
        const back = yield* Effect.flip(structure.changeInitiative(admin, planId, 1, 2, { until: null }))
        expect(back).toBeInstanceOf(NotInEffect)
        expect(back).toMatchObject({ entity: "objective", key: "1-1-1", until: 2024 })
      })
    )
  })
})
