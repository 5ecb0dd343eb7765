import { describe, expect, it } from "vitest"
import { Result } from "effect"
import { emptyObservationRow, readTargetForm, rowOf, targetUpdateOf, type TargetFormState } from "./target-form.ts"

const state = (over: Partial<TargetFormState> = {}): TargetFormState => ({
  baseline: { year: "令和4", value: "20.1", numerator: "34", denominator: "169,000", source: "人口動態統計" },
  targetYear: "R17年度",
  rows: [
    { year: "２０２３", value: "15.5", numerator: "26", denominator: "168000", source: "" },
    { year: "令和６年度", value: "11.9", numerator: "", denominator: "", source: "" }
  ],
  method: "relativeChange",
  initiativeNos: [58, 57],
  ...over
})

const errorsOf = (result: ReturnType<typeof targetUpdateOf>) => (Result.isFailure(result) ? result.failure : [])

describe("the target form", () => {
  it("reads years typed as 和暦 or 西暦 and figures as the city writes them", () => {
    const result = targetUpdateOf(state(), 13)
    expect(Result.getOrUndefined(result)).toEqual({
      baseline: { year: 2022, value: 20.1, numerator: 34, denominator: 169_000, source: "人口動態統計" },
      observations: [
        { year: 2023, value: 15.5, numerator: 26, denominator: 168_000 },
        { year: 2024, value: 11.9 }
      ],
      targetValue: 13,
      targetYear: 2035,
      method: "relativeChange",
      initiativeNos: [58, 57]
    })
  })

  it("leaves an empty baseline and target year empty", () => {
    const result = targetUpdateOf(state({ baseline: emptyObservationRow(), targetYear: "", rows: [] }), 13)
    expect(Result.getOrUndefined(result)).toMatchObject({ baseline: null, targetYear: null, observations: [] })
  })

  it("names each field it cannot read, once, in both languages", () => {
    const errors = errorsOf(
      targetUpdateOf(
        state({
          baseline: { ...state().baseline, year: "大正5" },
          targetYear: "そのうち",
          rows: [{ year: "R6", value: "たくさん", numerator: "", denominator: "-1", source: "" }]
        }),
        13
      )
    )
    expect(errors.map((error) => error.path)).toEqual([
      "baseline.year",
      "targetYear",
      "observations[0].value",
      "observations[0].denominator"
    ])
    expect(errors[0]).toMatchObject({ ja: expect.stringContaining("令和7"), en: expect.stringContaining("FY2025") })
    expect(errors.every((error) => error.ja !== "" && error.en !== "")).toBe(true)
  })

  it("reads the posted form, dropping blank rows and keeping the chosen initiatives", () => {
    const form = new FormData()
    form.set("count", "3")
    form.set("baseline.year", " 令和4 ")
    form.set("observations[0].year", "R5")
    form.set("observations[0].value", "15")
    form.set("observations[2].year", "2024")
    form.set("targetYear", "2035")
    form.append("initiativeNos", "57")
    form.append("initiativeNos", "58")
    const read = readTargetForm(form)
    expect(read.baseline.year).toBe("令和4")
    expect(read.rows.map((row) => row.year)).toEqual(["R5", "2024"])
    expect(read.initiativeNos).toEqual([57, 58])
    expect(read.method).toBe("test")
    expect(rowOf({ year: 2024, value: 11.9 })).toEqual({ ...emptyObservationRow(), year: "2024", value: "11.9" })
  })
})
