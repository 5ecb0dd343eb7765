import { describe, expect, it } from "vitest"
import { figuresMissingFromText, figuresText } from "../src/index.ts"

const measures = [
  { label: "産業保健指導", unit: "回", actual: 48, planned: 46 },
  { label: "参加者", unit: "人", actual: 1250 },
  { label: "率", unit: "％", planned: 2.5 }
]

describe("the figures' text and the figures table agree", () => {
  it("finds a figure the text does not mention, reading full-width digits and thousands separators", () => {
    expect(figuresMissingFromText("・産業保健指導：48回\n・参加者：1,250人", measures, "actual")).toEqual([])
    expect(figuresMissingFromText("・産業保健指導：４８回\n・参加者：１２５０人", measures, "actual")).toEqual([])
    // 140 in the text, 150 in the table: the case the report printed wrong.
    expect(figuresMissingFromText("・産業保健指導：148回\n・参加者：1250人", measures, "actual")).toEqual([
      "産業保健指導"
    ])
    expect(figuresMissingFromText("―", measures, "planned")).toEqual(["産業保健指導", "率"])
    expect(figuresMissingFromText("率は2.5％", measures.slice(2), "planned")).toEqual([])
    expect(figuresMissingFromText("率は2.55％", measures.slice(2), "planned")).toEqual(["率"])
  })

  it("writes the text from the table in the city's layout, one line per figure", () => {
    expect(figuresText(measures, "actual")).toBe("・産業保健指導：48回\n・参加者：1250人")
    expect(figuresText(measures, "planned")).toBe("・産業保健指導：46回\n・率：2.5％")
    expect(figuresMissingFromText(figuresText(measures, "planned"), measures, "planned")).toEqual([])
  })
})
