import { describe, expect, it, layer } from "@effect/vitest"
import {
  fiscalYear,
  httpStatusOf,
  InitiativeNotFound,
  ownMessageOf,
  ReviewNotFound,
  StaleVersion
} from "@sukoyaka/core"
import { loadDataset } from "@sukoyaka/data-tomakomai"
import { AuditEntryNotFound, Coordination, EmailTaken, PlanNotFound, TargetNotFound } from "@sukoyaka/storage"
import { testStorageLayer } from "@sukoyaka/storage/testing"
import { Effect, Option } from "effect"
import { ImportBlocked, ImportMismatch, rollover, RolloverRunning, seedPlan, UnknownAgency } from "../src/index.ts"

describe("domain errors say what they mean once, beside the error", () => {
  it("each carries its HTTP status as a class annotation", () => {
    const statuses = [
      [new PlanNotFound({ planId: "p" }), 404],
      [new InitiativeNotFound({ planId: "p", no: 1 }), 404],
      [new ReviewNotFound({ planId: "p", initiativeNo: 1, fiscalYear: 2024 }), 404],
      [new TargetNotFound({ planId: "p", targetId: "t" }), 404],
      [new AuditEntryNotFound({ id: 1 }), 404],
      [new StaleVersion({ entity: "review", key: "k", expected: 1, actual: 2 }), 412],
      [new EmailTaken({ email: "a@example.jp" }), 409],
      [new RolloverRunning({ planId: "p" }), 409],
      [new UnknownAgency({ agencyId: "x" }), 400],
      [new ImportMismatch({ ja: "年度", en: "year" }), 400],
      [new ImportBlocked({ errors: 1, conflicts: 0 }), 409]
    ] as const
    for (const [error, status] of statuses) expect(httpStatusOf(error), error._tag).toEqual(Option.some(status))
    expect(httpStatusOf(new Error("plain"))).toEqual(Option.none())
    expect(ownMessageOf(new RolloverRunning({ planId: "p" }))).toBe("a rollover of this plan is already running")
    expect(ownMessageOf(new PlanNotFound({ planId: "p" }))).toBeUndefined()
  })
})

const dataset = loadDataset()

layer(testStorageLayer("sqlite"), { timeout: "60 seconds", excludeTestServices: true })("rollover", (it) => {
  it.effect("fails with RolloverRunning, not an HTTP problem, while another rollover holds the plan's lock", () =>
    Effect.gen(function* () {
      yield* seedPlan(dataset)
      const coordination = yield* Coordination
      expect(yield* coordination.acquire(`rollover:${dataset.plan.id}`, "someone else", 60)).toBe(true)
      const refused = yield* Effect.flip(rollover(dataset.plan.id, fiscalYear(2025), { id: null, label: "test" }))
      expect(refused).toBeInstanceOf(RolloverRunning)
      yield* coordination.release(`rollover:${dataset.plan.id}`, "someone else")
      const opened = yield* rollover(dataset.plan.id, fiscalYear(2025), { id: null, label: "test" })
      expect(opened).toMatchObject({ fromFiscalYear: 2024, toFiscalYear: 2025, created: 54 })
    })
  )
})
