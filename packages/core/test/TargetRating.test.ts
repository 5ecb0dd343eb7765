import { describe, expect, it } from "@effect/vitest"
import { evaluateTarget, poissonInterval, type Target, TargetId } from "../src/index.ts"

const suicideRate = (overrides: Partial<Target>): Target => ({
  id: TargetId.make("suicide-rate"),
  objectiveNo: null,
  indicator: "自殺死亡率の減少（人口10万人あたり）",
  text: "■　自殺死亡率の減少（人口10万人あたり）　【13.0】",
  unit: "人口10万人あたり",
  kind: "rate",
  direction: "decrease",
  population: null,
  per: 100_000,
  targetValue: 13,
  targetYear: 2027,
  baseline: null,
  observations: [],
  ...overrides
})

const deaths = (year: number, count: number, population = 170_000) => ({
  year,
  value: (count / population) * 100_000,
  numerator: count,
  denominator: population
})

describe("poissonInterval", () => {
  it("is close to the exact 95 % interval", () => {
    const [lo, hi] = poissonInterval(10)
    expect(lo).toBeCloseTo(4.795, 1)
    expect(hi).toBeCloseTo(18.39, 1)
    expect(poissonInterval(0)[0]).toBe(0)
    expect(poissonInterval(0)[1]).toBeCloseTo(3.689, 1)
  })
})

describe("evaluateTarget (健康日本21's final evaluation)", () => {
  it("E when there is nothing to compare", () => {
    expect(evaluateTarget(suicideRate({})).grade).toBe("E")
    expect(evaluateTarget(suicideRate({ baseline: deaths(2017, 30) })).grade).toBe("E")
  })

  it("A when the latest value reaches the target", () => {
    const evaluation = evaluateTarget(suicideRate({ baseline: deaths(2017, 35), observations: [deaths(2024, 20)] }))
    expect(evaluation.grade).toBe("A")
    expect(evaluation.progress?.category).toBe("targetAchieved")
  })

  it("C for a city of 170,000: 30 → 26 deaths is within Poisson noise", () => {
    const evaluation = evaluateTarget(suicideRate({ baseline: deaths(2017, 30), observations: [deaths(2024, 26)] }))
    expect(evaluation.method).toBe("poisson")
    expect(evaluation.significant).toBe(false)
    expect(evaluation.grade).toBe("C")
    expect(evaluation.intervals?.latest[0]).toBeLessThan(evaluation.latest!.value)
    expect(evaluation.intervals?.latest[1]).toBeGreaterThan(evaluation.latest!.value)
  })

  it("B when a large population's fall is significant and on the path; B* when behind the path", () => {
    const big = 5_000_000
    const onPath = evaluateTarget(
      suicideRate({ baseline: deaths(2017, 1000, big), observations: [deaths(2024, 700, big)], targetYear: 2027, targetValue: 13 })
    )
    expect(onPath.grade).toBe("B")
    const behind = evaluateTarget(
      suicideRate({ baseline: deaths(2017, 1000, big), observations: [deaths(2024, 880, big)], targetYear: 2027, targetValue: 13 })
    )
    expect(behind.significant).toBe(true)
    expect(behind.grade).toBe("B*")
  })

  it("D when significantly worse", () => {
    const big = 5_000_000
    expect(evaluateTarget(suicideRate({ baseline: deaths(2017, 800, big), observations: [deaths(2024, 1000, big)] })).grade).toBe("D")
  })

  it("uses the relative-change threshold when no counts exist, direction included", () => {
    const share = (value: number, year: number) => ({ year, value })
    const lessons = suicideRate({ kind: "proportion", direction: "increase", targetValue: 80, per: undefined as never, unit: "％" })
    expect(evaluateTarget({ ...lessons, baseline: share(60, 2022), observations: [share(62, 2024)] }).grade).toBe("C")
    expect(evaluateTarget({ ...lessons, baseline: share(60, 2022), observations: [share(66, 2024)] }).method).toBe("relativeChange")
    expect(evaluateTarget({ ...lessons, baseline: share(60, 2022), observations: [share(66, 2024)] }).grade).toBe("B*")
    expect(evaluateTarget({ ...lessons, baseline: share(60, 2022), observations: [share(50, 2024)] }).grade).toBe("D")
  })

  it("computes Open SDG's anticipated progress", () => {
    const target = suicideRate({ kind: "other", baseline: { year: 2017, value: 20 }, targetYear: 2027, targetValue: 10 })
    const required = Math.pow(0.5, 1 / 10) - 1
    const onTrack = evaluateTarget({ ...target, observations: [{ year: 2022, value: 20 * Math.pow(1 + required, 5) }] })
    expect(onTrack.progress?.category).toBe("onTrack")
    expect(onTrack.progress?.ratio).toBeCloseTo(1)
    expect(evaluateTarget({ ...target, observations: [{ year: 2022, value: 16 }] }).progress?.category).toBe("moderate")
    expect(evaluateTarget({ ...target, observations: [{ year: 2022, value: 19.5 }] }).progress?.category).toBe("limited")
    expect(evaluateTarget({ ...target, observations: [{ year: 2022, value: 22 }] }).progress?.category).toBe("deterioration")
  })
})
