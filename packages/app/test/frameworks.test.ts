/**
 * National frameworks, tags, coverage and the survey export as use-cases on both databases (#24):
 * shipped frameworks load once; tags are checked, versioned and audited; the coverage report lists
 * tagged initiatives under their measures and flags the empty ones; the public report counts
 * approved ratings only; the survey export follows the column map; the example dataset loads.
 */
import { describe, expect, layer } from "@effect/vitest"
import { StaleVersion, TagInvalid } from "@sukoyaka/core"
import { exampleTags, loadDataset } from "@sukoyaka/data-tomakomai"
import { Audit, FrameworkSettingsStore, Frameworks, InitiativeTagSets } from "@sukoyaka/storage"
import { dialects, testStorageLayer } from "@sukoyaka/storage/testing"
import { Effect } from "effect"
import {
  coverageReport,
  loadExampleTags,
  loadShippedFrameworks,
  measuresFromCsv,
  surveyExport,
  seedPlan,
  tagInitiative
} from "../src/index.ts"

const dataset = loadDataset()
const planId = dataset.plan.id
const admin = { id: "usr-admin", label: "admin@example.jp" }
const tag = (measureCode: string, role: "primary" | "secondary" = "primary") => ({
  frameworkId: "jscp-package" as never,
  measureCode,
  since: 2024 as never,
  until: null,
  role,
  rationale: "テスト"
})

describe.each(dialects)("frameworks on %s", (dialect) => {
  layer(testStorageLayer(dialect), { timeout: "60 seconds" })((it) => {
    it.effect("tags initiatives, reports coverage with flags, and exports their codes", () =>
      Effect.gen(function* () {
        yield* seedPlan(dataset)
        expect(yield* loadShippedFrameworks(admin)).toEqual([
          "taikou-r4",
          "package-2017",
          "jscp-package",
          "kenko-nippon-21-3"
        ])
        expect(yield* loadShippedFrameworks(admin)).toEqual([])

        const unknown = yield* Effect.flip(tagInitiative(admin, planId, 95, [tag("J99")], 0))
        expect(unknown).toBeInstanceOf(TagInvalid)
        const first = yield* tagInitiative(admin, planId, 95, [tag("J1")], 0)
        expect(first.version).toBe(1)
        yield* tagInitiative(admin, planId, 93, [tag("J1")], 0)
        yield* tagInitiative(admin, planId, 88, [tag("J5"), tag("J1", "secondary")], 0)
        expect(yield* Effect.flip(tagInitiative(admin, planId, 95, [], 0))).toBeInstanceOf(StaleVersion)

        yield* (yield* FrameworkSettingsStore).put(
          admin,
          planId,
          {
            cityCode: "012131",
            recommended: [{ frameworkId: "jscp-package" as never, code: "J8" }],
            publishCoverage: true,
            surveyColumns: [
              { heading: "No", field: "initiativeNo" },
              { heading: "重点施策", field: "measureCodes", framework: "jscp-package" as never },
              { heading: "継続", field: "continuation" }
            ]
          },
          0
        )
        const report = yield* coverageReport(planId, 2024, "jscp-package", "internal")
        const row = (code: string) => report.measures.find((measure) => measure.code === code)!
        expect(row("J1").initiatives.map((i) => i.no)).toEqual([88, 93, 95])
        expect(row("J5").initiatives.map((i) => [i.no, i.rating])).toEqual([[88, "C"]])
        expect(row("J5").flags).toEqual(["thin"])
        expect(row("J8").flags).toEqual(["empty", "recommendedEmpty"])
        expect(row("J").initiatives).toHaveLength(3)
        expect((yield* coverageReport(planId, 2023, "jscp-package", "internal")).totals.empty).toBe(10)

        const csv = (yield* surveyExport(planId, 2024, "csv")).toString("utf8")
        expect(csv.startsWith("\uFEFFNo,重点施策,継続\r\n")).toBe(true)
        expect(csv).toContain("\r\n88,J5;J1,継続\r\n")
        expect(csv).toContain("\r\n95,J1,")
        const xlsx = yield* surveyExport(planId, 2024, "xlsx")
        expect(xlsx.subarray(0, 2).toString("latin1")).toBe("PK")

        const audit = yield* (yield* Audit).list({ planId })
        expect(
          audit.some((entry) => entry.entity === "initiativeTags" && entry.entityKey === `${planId}/95/tags`)
        ).toBe(true)
      })
    )

    it.effect("loads the example dataset, marked as an example", () =>
      Effect.gen(function* () {
        yield* seedPlan(dataset)
        const loaded = yield* loadExampleTags(admin, planId, exampleTags.initiatives)
        expect(loaded.tagged).toBe(55)
        const report = yield* coverageReport(planId, 2024, "jscp-package", "public")
        const row = (code: string) => report.measures.find((measure) => measure.code === code)!
        expect(row("J8").flags).toContain("empty")
        expect(row("J1").initiatives.map((i) => i.no)).toEqual([93, 95])
        expect(row("J1").initiatives.every((i) => i.example)).toBe(true)
        expect((yield* (yield* InitiativeTagSets).get(planId, 57)).tags[0]!.example).toBe(true)
        const framework = yield* (yield* Frameworks).get("taikou-r4")
        expect(framework.measures.every((measure) => measure.source.document.length > 0)).toBe(true)
      })
    )

    it.effect("reads a measures sheet saved as CSV", () =>
      Effect.gen(function* () {
        const csv = Buffer.from(
          "\uFEFFcode,parent_code,name_ja,order,source_document,source_date,confirmed\r\n" +
            "1,,地域の連携,1,テスト文書,2024-04-01,true\r\n1-1,1,会議,1,テスト文書,,\r\n"
        )
        const measures = yield* measuresFromCsv(csv, "test")
        expect(measures.map((m) => [m.code, m.parentCode, m.confirmed])).toEqual([
          ["1", null, true],
          ["1-1", "1", false]
        ])
        expect((yield* Effect.flip(measuresFromCsv(Buffer.from("code,name_ja\r\n1,x\r\n"), "test")))._tag).toBe(
          "FrameworkInvalid"
        )
      })
    )
  })
})
