import { describe, expect, it } from "@effect/vitest"
import {
  AreaNo,
  BasicPolicyNo,
  evaluateTarget,
  isRelativeChange,
  poissonInterval,
  progressLabel,
  type Target,
  TargetId,
  targetMethodLabel,
  targetPaceLabel,
  targetRatingMethodLabel
} from "../src/index.ts"

const suicideRate = (overrides: Partial<Target>): Target => ({
  id: TargetId.make("suicide-rate"),
  policyNo: BasicPolicyNo.make(3),
  areaNo: AreaNo.make(1),
  objectiveNo: null,
  since: null,
  until: null,
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
    expect(evaluation.method).toBe("poissonExact")
    expect(evaluation.significant).toBe(false)
    expect(evaluation.grade).toBe("C")
    expect(evaluation.intervals?.latest[0]).toBeLessThan(evaluation.latest!.value)
    expect(evaluation.intervals?.latest[1]).toBeGreaterThan(evaluation.latest!.value)
  })

  it("B when a large population's fall is significant and on the path; B* when behind the path", () => {
    const big = 5_000_000
    const onPath = evaluateTarget(
      suicideRate({
        baseline: deaths(2017, 1000, big),
        observations: [deaths(2024, 700, big)],
        targetYear: 2027,
        targetValue: 13
      })
    )
    expect(onPath.grade).toBe("B")
    const behind = evaluateTarget(
      suicideRate({
        baseline: deaths(2017, 1000, big),
        observations: [deaths(2024, 880, big)],
        targetYear: 2027,
        targetValue: 13
      })
    )
    expect(behind.significant).toBe(true)
    expect(behind.grade).toBe("B*")
  })

  it("D when significantly worse", () => {
    const big = 5_000_000
    expect(
      evaluateTarget(suicideRate({ baseline: deaths(2017, 800, big), observations: [deaths(2024, 1000, big)] })).grade
    ).toBe("D")
  })

  it("uses the relative-change threshold when no counts exist, direction included", () => {
    const share = (value: number, year: number) => ({ year, value })
    const lessons = suicideRate({
      kind: "proportion",
      direction: "increase",
      targetValue: 80,
      per: undefined as never,
      unit: "％"
    })
    expect(evaluateTarget({ ...lessons, baseline: share(60, 2022), observations: [share(62, 2024)] }).grade).toBe("C")
    expect(evaluateTarget({ ...lessons, baseline: share(60, 2022), observations: [share(66, 2024)] }).method).toBe(
      "relativeChange"
    )
    expect(evaluateTarget({ ...lessons, baseline: share(60, 2022), observations: [share(66, 2024)] }).grade).toBe("B*")
    expect(evaluateTarget({ ...lessons, baseline: share(60, 2022), observations: [share(50, 2024)] }).grade).toBe("D")
  })

  it("computes Open SDG's anticipated progress", () => {
    const target = suicideRate({
      kind: "other",
      baseline: { year: 2017, value: 20 },
      targetYear: 2027,
      targetValue: 10
    })
    const required = Math.pow(0.5, 1 / 10) - 1
    const onTrack = evaluateTarget({ ...target, observations: [{ year: 2022, value: 20 * Math.pow(1 + required, 5) }] })
    expect(onTrack.progress?.category).toBe("onTrack")
    expect(onTrack.progress?.ratio).toBeCloseTo(1)
    expect(evaluateTarget({ ...target, observations: [{ year: 2022, value: 16 }] }).progress?.category).toBe("moderate")
    expect(evaluateTarget({ ...target, observations: [{ year: 2022, value: 19.5 }] }).progress?.category).toBe(
      "limited"
    )
    expect(evaluateTarget({ ...target, observations: [{ year: 2022, value: 22 }] }).progress?.category).toBe(
      "deterioration"
    )
  })
})

describe("Open SDG progress honours the direction (issue 15)", () => {
  it("22 → 40 deaths in a city of 170,000, baseline already past the target 13.0: deterioration beside Ｄ, not on track", () => {
    const evaluation = evaluateTarget(suicideRate({ baseline: deaths(2017, 22), observations: [deaths(2024, 40)] }))
    expect(evaluation.baseline!.value).toBeCloseTo(12.94, 2)
    expect(evaluation.grade).toBe("D")
    expect(evaluation.progress?.category).toBe("deterioration")
    expect(evaluation.progress?.ratio).toBeLessThan(0)
  })

  it("a decrease target 12.5 → 15 (target 13) and an increase target 85 % → 78 % (target 80 %) move away from the target", () => {
    const decrease = suicideRate({
      kind: "other",
      baseline: { year: 2017, value: 12.5 },
      observations: [{ year: 2024, value: 15 }]
    })
    expect(evaluateTarget(decrease).progress?.category).toBe("deterioration")
    const increase = suicideRate({
      kind: "other",
      direction: "increase",
      targetValue: 80,
      baseline: { year: 2017, value: 85 },
      observations: [{ year: 2024, value: 78 }]
    })
    expect(evaluateTarget(increase).progress?.category).toBe("deterioration")
  })

  it("a target value of 0 reached is achieved (5 → 0 deaths, target 0)", () => {
    const zero = suicideRate({ targetValue: 0, baseline: deaths(2017, 5), observations: [deaths(2024, 0)] })
    const evaluation = evaluateTarget(zero)
    expect(evaluation.grade).toBe("A")
    expect(evaluation.progress?.category).toBe("targetAchieved")
  })

  it("a target value of 0 not yet reached still gets a progress category (5 → 3 deaths)", () => {
    const zero = suicideRate({
      kind: "other",
      targetValue: 0,
      baseline: { year: 2017, value: 5 },
      observations: [{ year: 2022, value: 3 }]
    })
    const progress = evaluateTarget(zero).progress
    expect(progress?.category).not.toBe("targetAchieved")
    expect(progress?.ratio).toBeGreaterThan(0)
  })

  it("the Open SDG category has its own words, never the self-rating's 「順調」", () => {
    for (const label of Object.values(progressLabel)) {
      expect(label.ja).not.toContain("順調")
      expect(label.en.length).toBeGreaterThan(0)
    }
  })
})

describe("zero and small counts use the exact test (issue 15)", () => {
  it("0 → 6 deaths is a change (exact p = 0.031): Ｄ, where the Wald test with 0.5 said Ｃ", () => {
    const evaluation = evaluateTarget(
      suicideRate({ targetValue: 1, baseline: deaths(2017, 0), observations: [deaths(2024, 6)] })
    )
    expect(evaluation.method).toBe("poissonExact")
    expect(evaluation.pValue).toBeCloseTo(0.03125, 5)
    expect(evaluation.grade).toBe("D")
  })

  it("0 → 7 events is a change (exact p = 0.016)", () => {
    const visits = suicideRate({
      direction: "increase",
      targetValue: 50,
      baseline: deaths(2017, 0),
      observations: [deaths(2024, 7)]
    })
    const evaluation = evaluateTarget(visits)
    expect(evaluation.pValue).toBeCloseTo(0.015625, 5)
    expect(evaluation.significant).toBe(true)
  })

  it("14 → 5 deaths is not a change (exact p = 0.064): Ｃ, where the Wald test said Ｂ", () => {
    const evaluation = evaluateTarget(
      suicideRate({ targetValue: 1, baseline: deaths(2017, 14), observations: [deaths(2024, 5)] })
    )
    expect(evaluation.pValue).toBeCloseTo(0.0636, 3)
    expect(evaluation.grade).toBe("C")
  })
})

describe("the 5 % rule is 「5%以上」 (issue 15)", () => {
  const other = (baseline: number, latest: number, direction: "increase" | "decrease", targetValue: number) =>
    suicideRate({
      kind: "other",
      direction,
      targetValue,
      baseline: { year: 2022, value: baseline },
      observations: [{ year: 2024, value: latest }]
    })

  it("exactly +5 % and −5 % without counts are changes, floating point included (1.05 / 1.00)", () => {
    expect(evaluateTarget(other(1, 1.05, "increase", 2)).grade).toMatch(/^B/)
    expect(evaluateTarget(other(20, 19, "decrease", 10)).grade).toMatch(/^B/)
    expect(evaluateTarget(other(0.1, 0.105, "increase", 1)).grade).toMatch(/^B/)
    expect(evaluateTarget(other(1.5, 1.425, "decrease", 1)).grade).toMatch(/^B/)
    expect(evaluateTarget(other(1, 1.049, "increase", 2)).grade).toBe("C")
  })

  it("isRelativeChange: at the line counts, just below does not", () => {
    expect(isRelativeChange(1.05 / 1 - 1, 0.05)).toBe(true)
    expect(isRelativeChange((0.105 - 0.1) / 0.1, 0.05)).toBe(true)
    expect(isRelativeChange((1.425 - 1.5) / 1.5, 0.05)).toBe(true)
    expect(isRelativeChange(-0.05, 0.05)).toBe(true)
    expect(isRelativeChange(0.0499, 0.05)).toBe(false)
  })
})

describe("Ｂ* edges (issue 15)", () => {
  const improving = (overrides: Partial<Target>) =>
    suicideRate({
      kind: "other",
      baseline: { year: 2017, value: 20 },
      observations: [{ year: 2024, value: 17 }],
      targetValue: 13,
      ...overrides
    })

  it("after the target year without reaching the target: Ｂ*, and says the year passed", () => {
    const evaluation = evaluateTarget(improving({ targetYear: 2022 }))
    expect(evaluation.grade).toBe("B*")
    expect(evaluation.pace).toBe("targetYearPassed")
  })

  it("without a target year: Ｂ, and says that Ｂ* cannot be judged", () => {
    const evaluation = evaluateTarget(improving({ targetYear: null }))
    expect(evaluation.grade).toBe("B")
    expect(evaluation.pace).toBe("noTargetYear")
  })

  it("on and behind the path", () => {
    expect(evaluateTarget(improving({ targetYear: 2027, observations: [{ year: 2024, value: 14 }] })).pace).toBe(
      "onPath"
    )
    expect(evaluateTarget(improving({ targetYear: 2027 })).pace).toBe("behindPath")
    expect(evaluateTarget(improving({ targetYear: 2027 })).grade).toBe("B*")
  })
})

describe("the target's method option: test or the report's 5 % rule (issue 15)", () => {
  it("a rate with counts: the test says Ｃ for 30 → 26 deaths, the 5 % rule says Ｂ (−13 %), each labelled", () => {
    const target = suicideRate({ targetYear: null, baseline: deaths(2017, 30), observations: [deaths(2024, 26)] })
    const tested = evaluateTarget(target)
    expect([tested.method, tested.grade]).toEqual(["poissonExact", "C"])
    const ruled = evaluateTarget({ ...target, method: "relativeChange" })
    expect([ruled.method, ruled.grade, ruled.pValue]).toEqual(["relativeChange", "B", null])
  })

  it("every method and pace has words in Japanese and English", () => {
    for (const label of [
      ...Object.values(targetMethodLabel),
      ...Object.values(targetPaceLabel),
      ...Object.values(targetRatingMethodLabel)
    ]) {
      expect(label.ja.length).toBeGreaterThan(0)
      expect(label.en.length).toBeGreaterThan(0)
    }
  })
})
