import { describe, expect, it } from "vitest"
import {
  frictionlessFields,
  InitiativeYearRecord,
  isSmallCount,
  MeasureYearRecord,
  ObservationRecord
} from "../src/index.ts"

describe("the open data's fields", () => {
  it("are all described, from the schemas they are built of, with a type each", () => {
    for (const record of [InitiativeYearRecord, MeasureYearRecord, ObservationRecord]) {
      const fields = frictionlessFields(record as never)
      expect(fields.map((field) => field.name)).toEqual(Object.keys(record.fields))
      for (const field of fields) expect(field.description, field.name).not.toBe("—")
    }
  })

  it("read integers, numbers, booleans, enumerations and what may be missing from the schema", () => {
    const observation = new Map(frictionlessFields(ObservationRecord as never).map((field) => [field.name, field]))
    expect(observation.get("year")).toMatchObject({ type: "integer", constraints: { required: true } })
    expect(observation.get("value")).toMatchObject({ type: "number", constraints: { required: false } })
    expect(observation.get("suppressed")).toMatchObject({ type: "boolean", constraints: { required: true } })
    expect(observation.get("direction")?.constraints?.enum).toEqual(["increase", "decrease"])
    expect(observation.get("numerator")?.description).toBe(
      "分子 — Numerator — e.g. deaths, respondents who answered yes"
    )
  })
})

describe("small counts", () => {
  it("are 1 to threshold − 1: never 0, never an observation without counts", () => {
    expect([0, 1, 4, 5].map((numerator) => isSmallCount({ numerator }, 5))).toEqual([false, true, true, false])
    expect(isSmallCount({}, 5)).toBe(false)
    expect(isSmallCount({ numerator: 1 }, 1)).toBe(false)
  })
})
