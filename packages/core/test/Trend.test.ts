import { describe, expect, it } from "@effect/vitest"
import {
  AreaNo,
  BasicPolicyNo,
  councilAttention,
  InitiativeNo,
  ObjectiveNo,
  measureTrends,
  ratingTrends,
  summarizeYear,
  targetTrend,
  type Rating,
  type YearLine
} from "../src/index.ts"
import { measure } from "./fixtures.ts"

const line = (no: number, policyNo: number, selfRating: Rating | null): YearLine => ({
  initiative: {
    no: InitiativeNo.make(no),
    name: `事業${no}`,
    policyNo: BasicPolicyNo.make(policyNo),
    areaNo: AreaNo.make(1),
    objectiveNo: ObjectiveNo.make(1),
    lifeStages: [],
    agencies: [],
    status: "active",
    since: null,
    until: null
  },
  review: { selfRating, status: "approved" },
  evaluation: null
})

const year = (fiscalYear: number, lines: ReadonlyArray<YearLine>) => ({
  fiscalYear,
  summary: summarizeYear(lines, [], fiscalYear)
})

describe("ratingTrends", () => {
  // Policy 2 has nothing counted in FY2024: its series still has a point for that year.
  const trends = ratingTrends([
    year(2025, [line(1, 1, "A"), line(2, 1, "C"), line(3, 2, "D"), line(4, 2, null)]),
    year(2024, [line(1, 1, "B"), line(2, 1, "B")]),
    year(2023, [line(1, 1, "C"), line(2, 1, "D"), line(3, 2, "A")])
  ])

  it("puts the years in order, one point per year in every series", () => {
    expect(trends.years).toEqual([2023, 2024, 2025])
    expect(trends.byPolicy.map((series) => series.points.map((point) => point.fiscalYear))).toEqual([
      [2023, 2024, 2025],
      [2023, 2024, 2025]
    ])
  })

  it("reads the share on track ((Ａ+Ｂ) / rated) from each year's summary", () => {
    expect(trends.plan.map((point) => point.onTrackShare)).toEqual([1 / 3, 1, 1 / 3])
    expect(trends.byPolicy[0]!.points.map((point) => point.onTrackShare)).toEqual([0, 1, 0.5])
    expect(trends.byPolicy[1]!.points.map((point) => point.onTrackShare)).toEqual([1, null, 0])
  })

  it("keeps the mix of ratings, unrated included, and an empty mix for a year without the policy", () => {
    expect(trends.byPolicy[1]!.points[1]!.ratings).toEqual({ A: 0, B: 0, C: 0, D: 0, unrated: 0 })
    expect(trends.byPolicy[1]!.points[2]!.ratings).toEqual({ A: 0, B: 0, C: 0, D: 1, unrated: 1 })
    expect(trends.byArea.map((series) => [series.policyNo, series.areaNo])).toEqual([
      [1, 1],
      [2, 1]
    ])
    expect(trends.byObjective).toHaveLength(2)
  })
})

describe("measureTrends", () => {
  it("lines a renamed measure up by its key, and leaves a year without it empty", () => {
    const trends = measureTrends([
      {
        fiscalYear: 2025,
        measures: [measure({ key: "講座参加者", label: "各種講座参加者", actual: 40, planned: 50 })]
      },
      {
        fiscalYear: 2023,
        measures: [
          measure({ key: "講座参加者", label: "子育て講座参加者", actual: 30, planned: 30 }),
          measure({ label: "相談件数", unit: "件", actual: 12 })
        ]
      },
      { fiscalYear: 2024, measures: [measure({ key: "講座参加者", label: "子育て講座参加者", planned: 35 })] }
    ])
    expect(trends.years).toEqual([2023, 2024, 2025])
    expect(trends.measures.map((m) => [m.key, m.label])).toEqual([
      ["講座参加者", "各種講座参加者"],
      ["相談件数／件", "相談件数"]
    ])
    expect(trends.measures[0]!.points.map((p) => [p.actual, p.planned])).toEqual([
      [30, 30],
      [null, 35],
      [40, 50]
    ])
    expect(trends.measures[1]!.points.map((p) => p.actual)).toEqual([12, null, null])
  })
})

describe("targetTrend", () => {
  it("draws the straight line from the baseline to the target value in the target year", () => {
    const trend = targetTrend({
      baseline: { year: 2022, value: 20 },
      observations: [
        { year: 2024, value: 17 },
        { year: 2022, value: 20 },
        { year: 2023, value: 19 }
      ],
      targetValue: 12,
      targetYear: 2026
    })
    expect(trend.path).toEqual([
      { year: 2022, value: 20 },
      { year: 2023, value: 18 },
      { year: 2024, value: 16 },
      { year: 2025, value: 14 },
      { year: 2026, value: 12 }
    ])
    expect(trend.observations.map((o) => o.year)).toEqual([2023, 2024])
    expect(trend.years).toEqual([2022, 2023, 2024, 2025, 2026])
  })

  it("draws no line without a target year, and spans the observations alone", () => {
    const trend = targetTrend({
      baseline: null,
      observations: [
        { year: 2021, value: 3 },
        { year: 2023, value: 4 }
      ],
      targetValue: 5,
      targetYear: null
    })
    expect(trend.path).toEqual([])
    expect(trend.years).toEqual([2021, 2022, 2023])
  })
})

describe("councilAttention", () => {
  it("leaves the internal check flags out, and the items only they named", () => {
    expect(
      councilAttention([
        { initiativeNo: 1, reasons: ["behind", "RatingDiffers"] },
        { initiativeNo: 2, reasons: ["UnitMismatch"] },
        { initiativeNo: 3, reasons: ["missingReview"] }
      ] as const)
    ).toEqual([
      { initiativeNo: 1, reasons: ["behind"] },
      { initiativeNo: 3, reasons: ["missingReview"] }
    ])
  })
})
