import { describe, expect, it } from "@effect/vitest"
import type { Measure } from "@sukoyaka/core"
import { carryMeasures } from "../src/Figures.ts"

const measure = (fields: Partial<Measure> & Pick<Measure, "label" | "unit">): Measure => ({
  comparator: "exact",
  ...fields
})

describe("carryMeasures: structured figures follow the text", () => {
  const school = [
    measure({
      label: "実施学校数（中学校）",
      unit: "校",
      actual: 15,
      planned: 15,
      comparator: "approx"
    }),
    measure({
      label: "参加者（中学校）",
      unit: "名",
      actual: 1390,
      planned: 1300,
      comparator: "approx"
    })
  ]

  it("keeps the measures when the text is unchanged", () => {
    expect(carryMeasures(school, "中学校15校", "中学校15校", "actual")).toEqual({
      measures: school,
      update: "unchanged"
    })
  })

  it("updates the figure read from the text, full-width digits and commas included", () => {
    const carried = carryMeasures(school, "中学校：15校。1,390名が参加", "中学校：１５校。１，４００名が参加", "actual")
    expect(carried.update).toBe("updated")
    expect(carried.measures.map((m) => m.actual)).toEqual([15, 1400])
    expect(carried.measures.map((m) => m.planned)).toEqual([15, 1300])
  })

  it("follows 以上 added to a planned figure", () => {
    const planned = [measure({ label: "個別研修会", unit: "社", planned: 25 })]
    const carried = carryMeasures(planned, "②個別研修会：25社", "②個別研修会：30社以上", "planned")
    expect(carried.measures).toEqual([{ ...planned[0]!, planned: 30, comparator: "atLeast" }])
  })

  it("asks for a review when the wording changed, and keeps the measures", () => {
    const carried = carryMeasures(school, "中学校15校", "中学校と高校で計23校", "actual")
    expect(carried).toEqual({ measures: school, update: "needsReview" })
  })

  it("leaves measures alone whose figure is not written in the text", () => {
    const ratio = [measure({ label: "割合", unit: "％", actual: 100 })]
    expect(carryMeasures(ratio, "全校で実施（2回）", "全校で実施（3回）", "actual").measures).toEqual(ratio)
  })
})
