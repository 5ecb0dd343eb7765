/**
 * The rating views over HTTP on both databases (issue 15): a target's method option is stored and
 * labels every grade, the exact test grades a city's small counts, and a measure's null ratio
 * always says why.
 */
import { describe, expect, it } from "vitest"
import { dialects, expectProblem, getReview, nextYearHarness, PLAN, reviewPath } from "./support.ts"

interface TargetBody {
  version: number
  method?: string
  evaluation: {
    grade: string
    method: string
    pValue: number | null
    pace: string | null
    progress: { category: string; ratio: number | null } | null
  }
}

const deaths = (year: number, count: number) => ({
  year,
  value: (count / 170_000) * 100_000,
  numerator: count,
  denominator: 170_000
})

describe.each(dialects)("rating views on %s", (dialect) => {
  const h = nextYearHarness(dialect)

  const path = `/plans/${PLAN}/targets/suicide-rate`
  const put = (json: unknown, version: number) =>
    h().request<TargetBody>("PUT", path, { token: "admin", json, headers: { "if-match": `"v${version}"` } })

  it("a target's method is stored; the exact test and the 5 % rule each label the grade they give", async () => {
    const current = await h().request<TargetBody & { targetValue: number; targetYear: number | null }>("GET", path, {
      token: "viewer"
    })
    const body = { baseline: deaths(2017, 30), observations: [deaths(2024, 26)], targetValue: 13, targetYear: null }
    const tested = await put(body, current.body.version)
    expect(tested.status, tested.text).toBe(200)
    expect(tested.body.evaluation).toMatchObject({ grade: "C", method: "poissonExact", pace: null })
    expect(tested.body.evaluation.pValue).toBeGreaterThan(0.05)

    const ruled = await put({ ...body, method: "relativeChange" }, tested.body.version)
    expect(ruled.status, ruled.text).toBe(200)
    expect(ruled.body.method).toBe("relativeChange")
    // −13 % is a change under the report's rule; without a target year Ｂ* cannot be judged.
    expect(ruled.body.evaluation).toMatchObject({
      grade: "B",
      method: "relativeChange",
      pValue: null,
      pace: "noTargetYear"
    })
    const reread = await h().request<TargetBody>("GET", path, { token: "viewer" })
    expect(reread.body.method).toBe("relativeChange")
    expect(reread.body.evaluation.method).toBe("relativeChange")

    const bad = await put({ ...body, method: "guess" }, ruled.body.version)
    expectProblem(bad, 400, "validation")
  })

  it("22 → 40 deaths with the baseline already under the target: Ｄ with a deteriorating progress, never on track", async () => {
    const current = await h().request<TargetBody>("GET", path, { token: "viewer" })
    const saved = await put(
      {
        baseline: deaths(2017, 22),
        observations: [deaths(2024, 40)],
        targetValue: 13,
        targetYear: 2027,
        method: "test"
      },
      current.body.version
    )
    expect(saved.status, saved.text).toBe(200)
    expect(saved.body.evaluation.grade).toBe("D")
    expect(saved.body.evaluation.progress?.category).toBe("deterioration")
  })

  it("a measure atMost with an actual of 0 says which: met exactly (100 %) or unbounded", async () => {
    const { review, etag } = await getReview(h(), 85, 2025)
    const measures = [
      { label: "待ち時間", unit: "分", actual: 0, planned: 30, comparator: "atMost" },
      { label: "事故", unit: "件", actual: 0, planned: 0, comparator: "atMost" },
      { label: "参加者", unit: "人", actual: 10, comparator: "atLeast" }
    ]
    const saved = await h().request<{
      evaluation: {
        measures: Array<{ label: string; ratio: number | null; notComputable: string | null; unbounded: boolean }>
      }
    }>("PUT", reviewPath(85, 2025), { token: "admin", json: { ...review, measures }, headers: { "if-match": etag } })
    expect(saved.status, saved.text).toBe(200)
    expect(saved.body.evaluation.measures).toEqual([
      { label: "待ち時間", ratio: null, notComputable: null, unbounded: true },
      { label: "事故", ratio: 1, notComputable: null, unbounded: false },
      { label: "参加者", ratio: null, notComputable: "noPlanned", unbounded: false }
    ])
  })
})
