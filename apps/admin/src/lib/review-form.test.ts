import { describe, expect, it } from "vitest"
import { Result } from "effect"
import {
  candidateOf,
  contentOf,
  differingFields,
  emptyMeasureRow,
  measureRow,
  merge,
  parseFigure,
  rowAchievement,
  typedMeasures,
  validateReview,
  type ReviewFormState
} from "./review-form.ts"
import { diffJson } from "@sukoyaka/core"

const state = (over: Partial<ReviewFormState> = {}): ReviewFormState => ({
  actions: "講座を開催",
  resultText: "参加者 40人",
  plannedText: "参加者 50人",
  measures: [
    { ...emptyMeasureRow(), label: "参加者", unit: "人", actual: "40", planned: "50", comparator: "atLeast" },
    emptyMeasureRow()
  ],
  selfRating: "B",
  ratingReason: "",
  next: { fiscalYear: 2025, actions: "継続", plannedText: "50人", measures: [] },
  ...over
})

describe("the review form", () => {
  it("reads full-width figures with separators, and leaves unreadable text for the schema", () => {
    expect(parseFigure("１，２００")).toBe(1200)
    expect(parseFigure("")).toBeUndefined()
    expect(parseFigure("たくさん")).toBe("たくさん")
  })

  it("drops blank measure rows and shows the achievement as typed", () => {
    const candidate = candidateOf(state())
    expect(candidate.measures).toEqual([
      { label: "参加者", unit: "人", comparator: "atLeast", actual: 40, planned: 50 }
    ])
    expect(rowAchievement(state().measures[0]!)).toEqual({ ratio: 0.8 })
    expect(rowAchievement({ ...emptyMeasureRow(), actual: "3", planned: "", label: "x" })).toEqual({
      reason: "noPlanned"
    })
  })

  it("reads the typed figures through the core schema: a row with text or a negative figure has no measure yet", () => {
    const row = {
      ...emptyMeasureRow(),
      label: "参加者",
      unit: "人",
      actual: "45",
      planned: "50",
      comparator: "atLeast" as const
    }
    expect(rowAchievement({ ...row, actual: "たくさん" })).toEqual({ reason: "invalid" })
    expect(rowAchievement({ ...row, actual: "-5" })).toEqual({ reason: "invalid" })
    expect(typedMeasures([row, { ...row, actual: "-5" }, { ...row, label: "" }, emptyMeasureRow()])).toEqual([
      { label: "参加者", unit: "人", comparator: "atLeast", actual: 45, planned: 50 }
    ])
  })

  it("reports the schema's field errors with paths, in both languages", () => {
    const bad = state({
      measures: [{ ...emptyMeasureRow(), label: "参加者", unit: "人", actual: "-3", planned: "50" }]
    })
    const result = validateReview(candidateOf(bad), "tomakomai-step3", 2024)
    expect(Result.isFailure(result)).toBe(true)
    const errors = Result.isFailure(result) ? result.failure : []
    expect(errors.map((e) => e.path)).toContain("measures[0].actual")
    expect(errors[0]!.ja).toMatch(/0以上/)
  })

  it("requires a reason for Ｃ/Ｄ and for a rating the figures do not support", () => {
    const c = validateReview(candidateOf(state({ selfRating: "C" })), "tomakomai-step3", 2024)
    expect(Result.isFailure(c) && c.failure[0]!.path).toBe("ratingReason")
    // 80% suggests Ｂ: rating Ａ without a reason is inconsistent.
    const a = validateReview(candidateOf(state({ selfRating: "A" })), "tomakomai-step3", 2024)
    expect(Result.isFailure(a) && a.failure[0]!.path).toBe("ratingReason")
    expect(Result.isSuccess(validateReview(candidateOf(state({ selfRating: "B" })), "tomakomai-step3", 2024))).toBe(
      true
    )
  })

  it("merges two versions field by field as the person chose", () => {
    const mine = Result.getOrThrow(validateReview(candidateOf(state({ actions: "mine" })), "p", 2024))
    const theirs = Result.getOrThrow(
      validateReview(candidateOf(state({ actions: "theirs", resultText: "theirs too" })), "p", 2024)
    )
    expect(differingFields(mine, theirs)).toEqual(["actions", "resultText"])
    const merged = merge(mine, theirs, { actions: "mine", resultText: "theirs" })
    expect(merged.actions).toBe("mine")
    expect(merged.resultText).toBe("theirs too")
    // The PUT body is the content only, whatever else the review read from the API carries.
    const review = { ...merged, status: "draft", version: 3 }
    expect(contentOf(review)).toEqual(merged)
  })
})

describe("the audit diff", () => {
  it("lists changed leaves with their paths, ignoring the version", () => {
    expect(
      diffJson(
        { version: 1, measures: [{ actual: 40 }], actions: "a" },
        { version: 2, measures: [{ actual: 45 }], actions: "a" }
      )
    ).toEqual([{ path: "measures[0].actual", before: 40, after: 45 }])
  })
})

describe("a measure's key across years", () => {
  const opened = measureRow({ label: "子育て講座参加者", unit: "人", comparator: "approx", planned: 1200 })

  it("saves an untouched measure as it was, with no key written", () => {
    expect(typedMeasures([opened])[0]).not.toHaveProperty("key")
  })

  it("keeps the key the measure opened with when its label is reworded", () => {
    expect(typedMeasures([{ ...opened, label: "各種講座参加者" }])[0]).toMatchObject({
      key: "子育て講座参加者／人",
      label: "各種講座参加者"
    })
  })

  it("never changes a key that was stored", () => {
    const keyed = measureRow({ key: "講座", label: "講座参加者", unit: "人", comparator: "exact" })
    expect(typedMeasures([{ ...keyed, label: "各種講座" }])[0]).toMatchObject({ key: "講座" })
  })
})
