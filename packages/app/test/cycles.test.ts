/**
 * The review cycle's use-cases on both databases (#19), with today set by TestClock: what opening
 * would create, opening once, the tasks' standing on days before and after the due date, an
 * agency's own due date, a handed-in review, an editor's own tasks, closing and reopening.
 */
import { describe, expect, layer } from "@effect/vitest"
import { CycleAlreadyOpen, fiscalYear, StaleVersion } from "@sukoyaka/core"
import { loadDataset } from "@sukoyaka/data-tomakomai"
import { Reviews } from "@sukoyaka/storage"
import { dialects, OTHER_AGENCY, OWN_AGENCY, OWN_ROWS, testStorageLayer } from "@sukoyaka/storage/testing"
import { Effect, Layer } from "effect"
import { TestClock } from "effect/testing"
import {
  changeCycle,
  CycleAgencyInvalid,
  CycleClosed,
  cycleStatus,
  openCycle,
  previewCycle,
  seedPlan,
  Structure,
  tasksOf
} from "../src/index.ts"

const dataset = loadDataset()
const planId = dataset.plan.id
const admin = { id: "usr-admin", label: "admin@example.jp" }
const FY = fiscalYear(2025)

/** `effect` run on `day` (midnight in Japan), whatever the real date. */
const on = <A, E, R>(day: string, effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function* () {
    yield* TestClock.setTime(Date.parse(`${day}T00:00:00+09:00`))
    return yield* effect
  }).pipe(Effect.provide(TestClock.layer()))

describe.each(dialects)("the review cycle on %s", (dialect) => {
  layer(Structure.layer.pipe(Layer.provideMerge(testStorageLayer(dialect))), {
    timeout: "60 seconds",
    excludeTestServices: true
  })((it) => {
    it.effect("previews, opens once, and tells every task's standing by the day", () =>
      Effect.gen(function* () {
        yield* seedPlan(dataset)
        const preview = yield* previewCycle(planId, FY)
        expect(preview.alreadyOpen).toBe(false)
        expect(preview.existing).toEqual([])
        expect(preview.rolledOver.map((i) => i.initiativeNo)).toEqual(expect.arrayContaining([...OWN_ROWS]))

        const unknown = yield* Effect.flip(
          openCycle(admin, planId, FY, "2025-06-30", [{ agencyId: "nobody" as never, dueDate: "2025-06-30" }])
        )
        expect(unknown).toBeInstanceOf(CycleAgencyInvalid)
        expect((yield* (yield* Reviews).listByYear(planId, FY)).length).toBe(0)

        const opened = yield* on(
          "2025-04-01",
          openCycle(admin, planId, FY, "2025-06-30", [{ agencyId: OWN_AGENCY as never, dueDate: "2025-06-15" }])
        )
        expect(opened.cycle.openedAt).toBe("2025-03-31T15:00:00.000Z")
        expect(opened.rollover.created).toBe(preview.rolledOver.length + preview.blank.length)
        expect(yield* Effect.flip(openCycle(admin, planId, FY, "2025-06-30", []))).toBeInstanceOf(CycleAlreadyOpen)
        expect((yield* previewCycle(planId, FY)).existing.length).toBe(opened.rollover.created)

        // 10 June: the own agency's reviews are due in 5 days, the others' in 20.
        const june10 = yield* on("2025-06-10", cycleStatus(planId, FY))
        expect(june10.today).toBe("2025-06-10")
        const own = june10.tasks.find((task) => task.initiativeNo === OWN_ROWS[0])!
        expect(own).toMatchObject({ dueDate: "2025-06-15", daysLeft: 5, standing: "dueSoon", progress: "notStarted" })
        const other = june10.agencies.find((agency) => agency.agencyId === OTHER_AGENCY)!
        expect(other).toMatchObject({ dueDate: "2025-06-30", late: 0, dueSoon: 0 })

        // One of the own agency's reviews handed in; on 17 June the rest are 2 days late.
        const reviews = yield* Reviews
        const key = { planId, initiativeNo: OWN_ROWS[0], fiscalYear: FY }
        yield* reviews.setStatus(admin, key, 1, "submitted", null)
        const june17 = yield* on("2025-06-17", cycleStatus(planId, FY))
        const ownRollup = june17.agencies.find((agency) => agency.agencyId === OWN_AGENCY)!
        expect(ownRollup.counts.submitted).toBe(1)
        expect(ownRollup.late).toBe(ownRollup.total - 1)
        expect(june17.tasks.find((task) => task.initiativeNo === OWN_ROWS[0])!.standing).toBe("handedIn")
        expect(june17.tasks.find((task) => task.initiativeNo === OWN_ROWS[1])).toMatchObject({
          standing: "late",
          daysLeft: -2
        })

        // An editor's own tasks: its agency's, still to do.
        const mine = yield* on("2025-06-17", tasksOf(planId, { agencies: [OWN_AGENCY as never] }))
        expect(mine.length).toBe(ownRollup.total - 1)
        expect(mine.every((task) => task.agencies.includes(OWN_AGENCY) && task.standing !== "handedIn")).toBe(true)
      })
    )

    it.effect("closes and reopens under the version read; a closed cycle keeps its dates", () =>
      Effect.gen(function* () {
        const closed = yield* on("2025-08-01", changeCycle(admin, planId, FY, 1, { closed: true }))
        expect(closed).toMatchObject({ version: 2, closedAt: "2025-07-31T15:00:00.000Z" })
        expect(yield* Effect.flip(changeCycle(admin, planId, FY, 2, { dueDate: "2025-09-30" }))).toBeInstanceOf(
          CycleClosed
        )
        expect(yield* Effect.flip(changeCycle(admin, planId, FY, 1, { closed: false }))).toBeInstanceOf(StaleVersion)
        expect(yield* tasksOf(planId, { agencies: [OWN_AGENCY as never] })).toEqual([])
        const reopened = yield* changeCycle(admin, planId, FY, 2, { closed: false, dueDate: "2025-09-30" })
        expect(reopened).toMatchObject({ version: 3, closedAt: null, dueDate: "2025-09-30" })
      })
    )
  })
})
