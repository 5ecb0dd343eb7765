import { describe, expect, it } from "@effect/vitest"
import { Result, Schema } from "effect"
import {
  fieldIssueParseOptions,
  fieldIssuesOf,
  formatPath,
  Initiative,
  RatingPolicy,
  Review,
  ReviewContent,
  Target
} from "../src/index.ts"

describe("encode/decode round-trips", () => {
  for (const [name, schema] of [
    ["Review", Review],
    ["Initiative", Initiative],
    ["Target", Target],
    ["RatingPolicy", RatingPolicy]
  ] as const) {
    // RatingPolicy's checks (A ≥ B ≥ C, cap ≥ A) pass about one generated value in 25: effect's own
    // arbitrary discards the rest within a budget, which 50 runs need raised.
    it.prop(
      `${name}: decode(encode(x)) = x`,
      [schema as Schema.Codec<unknown, unknown>],
      ([value]) => {
        const codec = schema as unknown as Schema.Codec<unknown, unknown>
        expect(Schema.decodeUnknownSync(codec)(Schema.encodeSync(codec)(value))).toEqual(value)
      },
      { arbitrary: { runs: 50, maxDiscards: 10_000 } }
    )
  }
})

describe("decoding errors", () => {
  const decode = Schema.decodeUnknownResult(ReviewContent, fieldIssueParseOptions)
  const valid = {
    actions: "",
    resultText: "",
    plannedText: "",
    measures: [],
    selfRating: "A",
    ratingReason: "",
    next: { fiscalYear: 2025, actions: "", plannedText: "", measures: [] }
  }

  it("accepts a valid review body", () => {
    expect(Result.isSuccess(decode(valid))).toBe(true)
  })

  it("give the field path and a message in Japanese and English", () => {
    const result = decode({
      ...valid,
      selfRating: "E",
      measures: [{ label: "参加者", unit: "人", actual: -1, comparator: "exact" }],
      next: { ...valid.next, fiscalYear: 1999 }
    })
    expect(Result.isFailure(result)).toBe(true)
    if (Result.isSuccess(result)) return
    const issues = fieldIssuesOf(result.failure).map((issue) => ({ ...issue, path: formatPath(issue.path) }))
    expect(issues).toContainEqual(
      expect.objectContaining({
        path: "selfRating",
        ja: expect.stringContaining("自己評価"),
        en: expect.stringContaining("rating")
      })
    )
    expect(issues).toContainEqual(
      expect.objectContaining({ path: "measures[0].actual", ja: expect.stringContaining("0以上") })
    )
    expect(issues).toContainEqual(
      expect.objectContaining({ path: "next.fiscalYear", en: expect.stringContaining("2000") })
    )
  })

  it("report each field once: no 'expected undefined/null' of an optional field, one error for a choice of literals", () => {
    const result = decode({
      ...valid,
      selfRating: "E",
      measures: [{ label: "x", unit: "人", actual: -1, comparator: "sometimes", agency: 5 }]
    })
    if (Result.isSuccess(result)) return expect.fail("decoded")
    const issues = fieldIssuesOf(result.failure).map((issue) => ({ path: formatPath(issue.path), en: issue.en }))
    expect(issues.map((issue) => issue.path).sort()).toEqual([
      "measures[0].actual",
      "measures[0].agency",
      "measures[0].comparator",
      "selfRating"
    ])
    expect(issues).toContainEqual({
      path: "measures[0].comparator",
      en: 'expected one of atLeast, atMost, approx, exact, got "sometimes"'
    })
  })

  it("name a missing field", () => {
    const { selfRating: _omit, ...withoutRating } = valid
    const result = decode(withoutRating)
    if (Result.isSuccess(result)) throw new Error("expected a failure")
    expect(fieldIssuesOf(result.failure)).toContainEqual({
      path: ["selfRating"],
      ja: "必須項目です",
      en: "is required"
    })
  })
})

describe("RatingPolicy (issue 15)", () => {
  const policy = {
    planId: "test-plan",
    version: 2,
    effectiveFrom: 2024,
    aggregate: "mean",
    cap: 1.2,
    thresholds: { A: 0.95, B: 0.65, C: 0.5 },
    note: ""
  }

  it("refuses a cap below the Ａ threshold, with a message that says why", () => {
    const result = Schema.decodeUnknownResult(RatingPolicy)({ ...policy, cap: 0.9 })
    if (Result.isSuccess(result)) return expect.fail("a cap of 90 % under an Ａ line of 95 % was accepted")
    expect(fieldIssuesOf(result.failure)).toContainEqual(
      expect.objectContaining({ ja: expect.stringContaining("Ａの下限"), en: expect.stringContaining("A threshold") })
    )
  })

  it("accepts a cap at or above the Ａ threshold", () => {
    expect(Result.isSuccess(Schema.decodeUnknownResult(RatingPolicy)({ ...policy, cap: 0.95 }))).toBe(true)
    expect(Result.isSuccess(Schema.decodeUnknownResult(RatingPolicy)(policy))).toBe(true)
  })
})

describe("effect's own checks in words (issue 22)", () => {
  const decode = (schema: Schema.Codec<unknown, unknown>, input: unknown) => {
    const result = Schema.decodeUnknownResult(schema, fieldIssueParseOptions)(input)
    return Result.isFailure(result) ? fieldIssuesOf(result.failure).map(({ ja, en }) => ({ ja, en })) : []
  }

  it("says a bound and a length in both languages, whatever the schema is described as", () => {
    const pageSize = Schema.Number.check(Schema.isBetween({ minimum: 1, maximum: 200 })).annotate({
      description: "how many items a page holds"
    })
    expect(decode(pageSize as never, 500)).toEqual([
      { ja: "1〜200 の範囲で指定してください（値: 500）", en: "must be from 1 to 200, got 500" }
    ])
    expect(decode(Schema.String.check(Schema.isMaxLength(64)) as never, "x".repeat(65))[0]).toMatchObject({
      ja: expect.stringMatching(/^64 文字以内で入力してください/),
      en: expect.stringMatching(/^must be at most 64 characters long/)
    })
  })
})
