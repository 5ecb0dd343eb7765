import { describe, expect, it } from "@effect/vitest"
import { Schema } from "effect"
import fc from "fast-check"
import {
  Achievement,
  achievementOf,
  comparatorFromText,
  evaluateReview,
  Measure,
  ratioOf,
  suggestRating,
  toReviewEvaluationView
} from "../src/index.ts"
import { measure, policy } from "./fixtures.ts"

describe("comparatorFromText", () => {
  it("reads the city's words beside a planned figure", () => {
    expect(comparatorFromText("20％以下")).toBe("atMost")
    expect(comparatorFromText("3回(以上)")).toBe("atLeast")
    expect(comparatorFromText("1,300名程度")).toBe("approx")
    expect(comparatorFromText("概ね50人")).toBe("approx")
    expect(comparatorFromText("年間36回の実施予定")).toBe("approx")
    expect(comparatorFromText("100％")).toBe("exact")
  })
})

describe("achievementOf", () => {
  it("divides actual by planned, or planned by actual when lower is better", () => {
    expect(achievementOf(measure({ label: "x", actual: 5731, planned: 4600 }))).toEqual(
      Achievement.Computed({ ratio: 5731 / 4600 })
    )
    expect(
      achievementOf(measure({ label: "喫煙率", unit: "％", actual: 25, planned: 20, comparator: "atMost" }))
    ).toEqual(Achievement.Computed({ ratio: 0.8 }))
  })

  it("never compares 件 with 名 (No. 66: 315 件 against 45 名)", () => {
    const no66 = measure({ label: "延べ件数", unit: "件", actual: 315, planned: 45, plannedUnit: "名" })
    expect(achievementOf(no66)).toEqual(Achievement.NotComputable({ reason: "unitMismatch" }))
  })

  it("has nothing to say without both figures or with a zero plan", () => {
    expect(achievementOf(measure({ label: "x", actual: 3 }))._tag).toBe("NotComputable")
    expect(achievementOf(measure({ label: "x", planned: 3 }))._tag).toBe("NotComputable")
    expect(achievementOf(measure({ label: "x", actual: 3, planned: 0 }))).toEqual(
      Achievement.NotComputable({ reason: "zeroPlanned" })
    )
  })

  const figure = fc.double({ min: 0.01, max: 1e6, noNaN: true })
  // fast-check directly: @effect/vitest 4 takes only Schemas and effect's own Arbitraries.
  it("rises with actual when more is better", () => {
    fc.assert(
      fc.property(
        figure,
        figure,
        figure,
        fc.constantFrom("atLeast" as const, "approx" as const, "exact" as const),
        (a, b, planned, comparator) => {
          const [low, high] = a <= b ? [a, b] : [b, a]
          const ratio = (actual: number) =>
            ratioOf(achievementOf(measure({ label: "x", actual, planned, comparator })))!
          expect(ratio(low)).toBeLessThanOrEqual(ratio(high))
        }
      )
    )
  })

  it("falls with actual when lower is better (atMost is inverted)", () => {
    fc.assert(
      fc.property(figure, figure, figure, (a, b, planned) => {
        const [low, high] = a <= b ? [a, b] : [b, a]
        const ratio = (actual: number) =>
          ratioOf(achievementOf(measure({ label: "x", actual, planned, comparator: "atMost" })))!
        expect(ratio(low)).toBeGreaterThanOrEqual(ratio(high))
      })
    )
  })

  it.prop("a measure whose units differ is never computed", [Measure], ([m]) => {
    if (m.actual !== undefined && m.planned !== undefined && m.plannedUnit !== undefined && m.plannedUnit !== m.unit) {
      expect(achievementOf(m)).toEqual(Achievement.NotComputable({ reason: "unitMismatch" }))
    }
  })
})

const review = (selfRating: "A" | "B" | "C" | "D" | null, measures: ReadonlyArray<Measure>, ratingReason = "理由") => ({
  selfRating,
  ratingReason,
  measures
})

describe("evaluateReview on the seed's own cases", () => {
  it("No. 108 reached 125 % and rated itself Ｂ: shown as one grade more modest than its figures", () => {
    const evaluation = evaluateReview(
      review("B", [measure({ label: "相談件数", unit: "件", actual: 5731, planned: 4600 })]),
      policy
    )
    expect(evaluation.suggestion).toMatchObject({ _tag: "Suggested", rating: "A" })
    expect(evaluation.flags).toContainEqual({ _tag: "RatingDiffers", selfRating: "B", suggested: "A", grades: -1 })
  })

  it("No. 87 (73 %) rated Ｃ and No. 107 (73 %) rated Ｂ: the same figures, one flagged", () => {
    const no87 = evaluateReview(
      review("C", [measure({ label: "参加者", unit: "名", actual: 22, planned: 30 })]),
      policy
    )
    const no107 = evaluateReview(
      review("B", [measure({ label: "相談件数", unit: "件", actual: 76, planned: 104, comparator: "approx" })]),
      policy
    )
    expect(no87.suggestion).toMatchObject({ rating: "B" })
    expect(no107.suggestion).toMatchObject({ rating: "B" })
    expect(no87.flags).toContainEqual({ _tag: "RatingDiffers", selfRating: "C", suggested: "B", grades: -1 })
    expect(no107.flags).toEqual([])
  })

  it("No. 66 compares 件 with 名: flagged, not computable, the agency's Ａ kept", () => {
    const evaluation = evaluateReview(
      review("A", [measure({ label: "延べ件数", unit: "件", actual: 315, planned: 45, plannedUnit: "名" })]),
      policy
    )
    expect(evaluation.suggestion).toEqual({ _tag: "NotComputable" })
    expect(evaluation.flags).toEqual([{ _tag: "UnitMismatch", label: "延べ件数", unit: "件", plannedUnit: "名" }])
  })

  it("No. 64 has no rating: flagged as missing", () => {
    expect(
      evaluateReview(review(null, [measure({ label: "参加者数等", unit: "名", planned: 10 })]), policy).flags
    ).toEqual([{ _tag: "RatingMissing" }])
  })

  it("Ｃ/Ｄ without a reason is flagged, and Ｃ/Ｄ always needs attention", () => {
    const evaluation = evaluateReview(review("D", [], "  "), policy)
    expect(evaluation.flags).toEqual([{ _tag: "ReasonMissing", rating: "D" }])
    expect(evaluation.needsAttention).toBe(true)
    expect(evaluateReview(review("C", []), policy).needsAttention).toBe(true)
    expect(evaluateReview(review("A", []), policy).needsAttention).toBe(false)
  })

  it("a review without figures is not computable", () => {
    expect(suggestRating([], policy)).toEqual({ _tag: "NotComputable" })
    expect(suggestRating([measure({ label: "x", actual: 4 })], policy)).toEqual({ _tag: "NotComputable" })
  })

  it("caps each measure so that one overshoot cannot hide a miss", () => {
    const suggestion = suggestRating(
      [measure({ label: "a", actual: 300, planned: 100 }), measure({ label: "b", actual: 20, planned: 100 })],
      { ...policy, cap: 1 }
    )
    // 300 % counts as 100 %: (1 + 0.2) / 2 = 0.6 → Ｃ, where uncapped (3 + 0.2) / 2 would say Ａ
    expect(suggestion).toMatchObject({ _tag: "Suggested", rating: "C" })
    if (suggestion._tag === "Suggested") expect(suggestion.achievement).toBeCloseTo(0.6)
  })

  it.prop("never changes the agency's own rating", [Schema.Array(Measure)], ([measures]) => {
    for (const selfRating of ["A", "B", "C", "D", null] as const) {
      const input = review(selfRating, measures)
      evaluateReview(input, policy)
      expect(input.selfRating).toBe(selfRating)
    }
  })
})

describe("atMost (以下) with an actual of 0 (issue 15, issue 14)", () => {
  it("0 against a ceiling of 0 is met exactly: 100 %", () => {
    expect(achievementOf(measure({ label: "事故", unit: "件", actual: 0, planned: 0, comparator: "atMost" }))).toEqual(
      Achievement.Computed({ ratio: 1 })
    )
  })

  it("0 against a positive ceiling is unbounded: counted at the cap, and the view says so", () => {
    const zero = measure({ label: "待ち時間", unit: "分", actual: 0, planned: 30, comparator: "atMost" })
    const view = toReviewEvaluationView(evaluateReview(review("A", [zero]), policy))
    expect(view.measures[0]).toEqual({ label: "待ち時間", ratio: null, notComputable: null, unbounded: true })
    expect(view.achievement).toBe(policy.cap)
  })

  it.prop("every null ratio in the view carries its reason", [Schema.Array(Measure)], ([measures]) => {
    const view = toReviewEvaluationView(evaluateReview(review("B", measures), policy))
    for (const m of view.measures) {
      if (m.ratio === null) expect(m.notComputable !== null || m.unbounded).toBe(true)
      else expect([m.notComputable, m.unbounded]).toEqual([null, false])
    }
  })
})

describe("ceilings written in words are atMost (issue 15)", () => {
  it("「30分以内」「5件まで」「10件を上限」「上限10件」", () => {
    for (const text of ["30分以内", "5件まで", "10件を上限", "上限10件", "年間12回まで"])
      expect(comparatorFromText(text)).toBe("atMost")
  })

  it("a deadline is not a ceiling: 「12月まで実施予定」「2026年まで」", () => {
    expect(comparatorFromText("12月まで実施予定")).toBe("approx")
    expect(comparatorFromText("2026年まで")).toBe("exact")
  })
})
