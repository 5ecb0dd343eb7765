import { describe, expect, it } from "@effect/vitest"
import { Result, Schema } from "effect"
import { formatLifeStages, LifeStage, lifeStages, parseLifeStages, sortLifeStages } from "../src/index.ts"

const parsed = (text: string) => Result.getOrThrow(parseLifeStages(text))

describe("parseLifeStages", () => {
  it("reads one stage, a range and the whole life", () => {
    expect(parsed("学童期")).toEqual(["schoolAge"])
    expect(parsed("学童期～青壮年期")).toEqual(["schoolAge", "adulthood"])
    expect(parsed("妊娠期～乳幼児期")).toEqual(["pregnancy", "infancy"])
    expect(parsed("学童期～高齢期")).toEqual(["schoolAge", "adulthood", "elderly"])
    expect(parsed("全期対象")).toEqual(lifeStages)
  })

  it("reads the seed's vertical print, one character per line", () => {
    expect(parsed("学\n\n童\n\n期\n～\n\n青\n\n壮\n\n年\n\n期")).toEqual(["schoolAge", "adulthood"])
    expect(parsed(" 全\n期\n対\n象")).toEqual(lifeStages)
  })

  it("reads lists and the half-width tilde people type", () => {
    expect(parsed("高齢期、妊娠期")).toEqual(["pregnancy", "elderly"])
    expect(parsed("学童期~青壮年期")).toEqual(["schoolAge", "adulthood"])
  })

  it("refuses what is not a stage, with a message in both languages", () => {
    for (const text of ["", "年期", "青壮年期～学童期", "学童期～青壮年期～高齢期"]) {
      const result = parseLifeStages(text)
      expect(Result.isFailure(result)).toBe(true)
      if (Result.isFailure(result)) {
        expect(result.failure.ja).not.toBe("")
        expect(result.failure.en).not.toBe("")
      }
    }
  })

  it.prop("format then parse gives the stages back", [Schema.Array(LifeStage)], ([stages]) => {
    const canonical = sortLifeStages(stages)
    if (canonical.length === 0) return
    expect(parsed(formatLifeStages(canonical))).toEqual(canonical)
  })

  it("formats contiguous ranges with ～ and gaps with 、", () => {
    expect(formatLifeStages(["adulthood", "schoolAge"])).toBe("学童期～青壮年期")
    expect(formatLifeStages(["pregnancy", "elderly"])).toBe("妊娠期、高齢期")
    expect(formatLifeStages(lifeStages)).toBe("全期対象")
  })
})
