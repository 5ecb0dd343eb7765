import { AreaNo, BasicPolicyNo, InitiativeNo, ObjectiveNo, PlanId } from "@sukoyaka/core"
import { describe, expect, it } from "vitest"
import { exportInitiativeYears, exportMeasureYears, type LongYearRow } from "../src/index.ts"

const initiative = {
  planId: PlanId.make("plan"),
  no: InitiativeNo.make(57),
  name: "子育て支援センター事業, 講座",
  policyNo: BasicPolicyNo.make(3),
  areaNo: AreaNo.make(1),
  objectiveNo: ObjectiveNo.make(1),
  agencies: ["kodomo" as never, "kenko" as never]
}
const rows: ReadonlyArray<LongYearRow> = [
  {
    fiscalYear: 2023,
    initiative,
    review: {
      status: "approved",
      selfRating: "C",
      measures: [
        {
          key: "講座",
          label: "子育て講座参加者",
          unit: "人",
          actual: 30,
          comparator: "atLeast"
        }
      ]
    }
  },
  {
    fiscalYear: 2024,
    initiative,
    review: {
      status: "approved",
      selfRating: "A",
      measures: [
        {
          key: "講座",
          label: "各種講座参加者",
          unit: "人",
          actual: 40,
          planned: 35,
          comparator: "atLeast"
        }
      ]
    }
  },
  { fiscalYear: 2025, initiative, review: null }
]

const recordsOf = (file: Buffer) => {
  expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  return file.toString("utf8").slice(1).split("\r\n").slice(0, -1)
}

describe("the long exports", () => {
  it("writes one row per initiative × year, on_track 1 for Ａ/Ｂ, 0 for Ｃ/Ｄ, missing without a review", () => {
    expect(recordsOf(exportInitiativeYears(rows))).toEqual([
      "plan_id,fiscal_year,initiative_no,initiative_name,policy_no,area_no,objective_no,agencies,review_status,self_rating,on_track",
      'plan,2023,57,"子育て支援センター事業, 講座",3,1,1,kodomo;kenko,approved,C,0',
      'plan,2024,57,"子育て支援センター事業, 講座",3,1,1,kodomo;kenko,approved,A,1',
      'plan,2025,57,"子育て支援センター事業, 講座",3,1,1,kodomo;kenko,missing,,'
    ])
  })

  it("writes one row per measure × year under its key, a figure not given left empty", () => {
    expect(recordsOf(exportMeasureYears(rows))).toEqual([
      "plan_id,fiscal_year,initiative_no,measure_key,measure_label,unit,actual,planned,planned_unit,comparator",
      "plan,2023,57,講座,子育て講座参加者,人,30,,,atLeast",
      "plan,2024,57,講座,各種講座参加者,人,40,35,,atLeast"
    ])
  })
})
