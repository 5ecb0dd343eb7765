import { type Measure, measureKeyOf, rolloverReview } from "@sukoyaka/core"
import { describe, expect, it } from "vitest"
import { dataset } from "./helpers.ts"

/** The key of the measure labelled `label` (and counted in `unit`) in a list of measures. */
const keyOf = (measures: ReadonlyArray<Measure>, label: string, unit: string) => {
  const measure = measures.find((candidate) => candidate.label === label && candidate.unit === unit)
  expect(measure, `${label}（${unit}）`).toBeDefined()
  return measureKeyOf(measure!)
}

describe("measures renamed for FY2025 keep their line across years", () => {
  const review = (no: number) => dataset.reviews.find((candidate) => candidate.initiativeNo === no)!

  it.each([
    { no: 57, before: "子育て講座参加者", after: "各種講座参加者", unit: "人" },
    { no: 88, before: "Mombsサロン", after: "子育てサロンOasis", unit: "組" },
    { no: 88, before: "プレママ・ママの安心訪問事業", after: "子育て見守り応援隊", unit: "回" }
  ])("No.$no: $before → $after", ({ no, before, after, unit }) => {
    const fy2024 = keyOf(review(no).measures, before, unit)
    expect(keyOf(review(no).next.measures, after, unit)).toBe(fy2024)
    // Rolled over, FY2025's draft carries the key: its figures line up with FY2024's.
    expect(keyOf(rolloverReview(review(no)).measures, after, unit)).toBe(fy2024)
  })

  it("no two measures of one review share a key", () => {
    for (const { measures, next } of dataset.reviews)
      for (const list of [measures, next.measures]) {
        const keys = list.map(measureKeyOf)
        expect(new Set(keys).size, keys.join(" | ")).toBe(keys.length)
      }
  })
})
