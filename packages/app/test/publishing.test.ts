/**
 * Publishing and the public views as use-cases on a real SQLite file (#21): a year publishes and
 * withdraws with its version and audit; the public year holds approved reviews only; small counts
 * are withheld; the data package describes each column from the core schemas' annotations.
 */
import { loadDataset } from "@sukoyaka/data-tomakomai"
import { Audit, Reviews, systemActor } from "@sukoyaka/storage"
import { PLAN, SEED_YEAR } from "@sukoyaka/storage/testing"
import { Effect } from "effect"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  type AppRuntime,
  appRuntime,
  dataPackageOf,
  openDataLicenses,
  publicObservation,
  publicYearOf,
  seedPlan,
  setPublished
} from "../src/index.ts"

const settings = { license: openDataLicenses["CC-BY-4.0"], smallCountThreshold: 5 }
const dir = mkdtempSync(join(tmpdir(), "sukoyaka-publishing-"))
let runtime: AppRuntime

beforeAll(async () => {
  runtime = appRuntime({ _tag: "Sqlite", filename: join(dir, "t.db") })
  await runtime.runPromise(seedPlan(loadDataset()))
})
afterAll(async () => {
  await runtime.dispose()
  rmSync(dir, { recursive: true, force: true })
})

describe("publishing a year", () => {
  it("is versioned and audited, and the public year is 404 until published", async () => {
    const notYet = await runtime.runPromise(Effect.flip(publicYearOf(PLAN, SEED_YEAR)))
    expect(notYet._tag).toBe("YearNotPublished")
    const published = await runtime.runPromise(setPublished(systemActor, PLAN, SEED_YEAR, true, 0))
    expect(published).toMatchObject({ fiscalYear: SEED_YEAR, version: 1, publishedAt: expect.any(String) })
    const stale = await runtime.runPromise(Effect.flip(setPublished(systemActor, PLAN, SEED_YEAR, false, 0)))
    expect(stale._tag).toBe("StaleVersion")
    const nothing = await runtime.runPromise(Effect.flip(setPublished(systemActor, PLAN, 2031, true)))
    expect(nothing._tag).toBe("NothingToPublish")
    const audited = await runtime.runPromise(Audit.use((audit) => audit.list({ entity: "publishedYear" })))
    expect(audited.map((entry) => entry.action)).toEqual(["publish"])
  })

  it("shows approved reviews only: a reopened review is null (未公表) and leaves the counts", async () => {
    const before = await runtime.runPromise(publicYearOf(PLAN, SEED_YEAR))
    expect(before.approved).toBe(55)
    await runtime.runPromise(
      Effect.gen(function* () {
        const reviews = yield* Reviews
        const review = yield* reviews.get({ planId: PLAN, initiativeNo: 58, fiscalYear: SEED_YEAR })
        yield* reviews.setStatus(
          systemActor,
          { planId: PLAN, initiativeNo: 58, fiscalYear: SEED_YEAR },
          review.version,
          "draft",
          null
        )
      })
    )
    const after = await runtime.runPromise(publicYearOf(PLAN, SEED_YEAR))
    expect(after.approved).toBe(54)
    const all = after.policies.flatMap((p) => p.areas.flatMap((a) => a.objectives.flatMap((o) => o.initiatives)))
    expect(all.find((initiative) => initiative.no === 58)?.review).toBeNull()
    expect(after.ratings.A + after.ratings.B + after.ratings.C + after.ratings.D + after.ratings.unrated).toBe(54)
  })
})

describe("small numbers", () => {
  it("withholds value, numerator and denominator of a count from 1 to threshold − 1, never of 0", () => {
    expect(publicObservation({ year: 2023, value: 1.8, numerator: 3, denominator: 167_000 }, 5)).toMatchObject({
      value: null,
      numerator: null,
      denominator: null,
      suppressed: true
    })
    expect(publicObservation({ year: 2023, value: 0, numerator: 0, denominator: 167_000 }, 5).suppressed).toBe(false)
    expect(publicObservation({ year: 2023, value: 3.0, numerator: 5, denominator: 167_000 }, 5).value).toBe(3.0)
    expect(publicObservation({ year: 2023, value: 42 }, 5).suppressed).toBe(false)
    expect(publicObservation({ year: 2023, value: 1.8, numerator: 3 }, 1).suppressed).toBe(false)
  })
})

describe("the data package", () => {
  it("describes each column from the core schemas and states the licence and the rule", async () => {
    const dataPackage = await runtime.runPromise(dataPackageOf(PLAN, settings))
    expect(dataPackage.licenses).toEqual([openDataLicenses["CC-BY-4.0"]])
    expect(dataPackage.description).toContain("1〜4")
    const initiatives = dataPackage.resources.find((resource) => resource.path === `data/initiatives-${SEED_YEAR}.csv`)!
    const field = (name: string) => initiatives.schema.fields.find((candidate) => candidate.name === name)
    // Column F's description is ReviewContent.actions' annotations: 実施結果 — Actions — column F, verbatim.
    expect(field("actions")?.description).toBe("実施結果 — Actions — column F, verbatim")
    expect(field("fiscal_year")).toMatchObject({ type: "integer", constraints: { required: true } })
    expect(field("self_rating")).toMatchObject({
      type: "string",
      constraints: { required: false, enum: ["A", "B", "C", "D"] }
    })
    expect(dataPackage.resources.map((resource) => resource.path)).toContain("data/observations.csv")
  })
})
