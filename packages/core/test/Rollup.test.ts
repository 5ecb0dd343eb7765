import { describe, expect, it } from "@effect/vitest"
import { Schema } from "effect"
import {
  AgencyId,
  AreaNo,
  BasicPolicyNo,
  coverageMatrix,
  evaluateReview,
  InitiativeNo,
  ObjectiveNo,
  Review,
  measureKeyOf,
  rolloverReview,
  summarizeYear,
  type YearLine
} from "../src/index.ts"
import { measure, policy } from "./fixtures.ts"

const agency = (id: string) => AgencyId.make(id)
const area = { policyNo: BasicPolicyNo.make(3), areaNo: AreaNo.make(1) }
const objective = (no: number) => ({ ...area, objectiveNo: ObjectiveNo.make(no) })
const always = { since: null, until: null }
const line = (
  no: number,
  objectiveNo: number,
  selfRating: "A" | "B" | "C" | "D" | null,
  options: { agencies?: Array<string>; status?: "active" | "discontinued"; review?: boolean } = {}
): YearLine => {
  const review = options.review === false ? null : { selfRating, status: "submitted" as const }
  return {
    initiative: {
      no: InitiativeNo.make(no),
      name: `事業${no}`,
      ...area,
      objectiveNo: ObjectiveNo.make(objectiveNo),
      lifeStages: objectiveNo === 1 ? ["schoolAge"] : ["adulthood", "elderly"],
      agencies: (options.agencies ?? ["kenko-shien"]).map(agency),
      status: options.status ?? "active",
      since: null,
      until: null
    },
    review,
    evaluation:
      review &&
      evaluateReview(
        { selfRating, ratingReason: "", measures: [measure({ label: "x", actual: 1, planned: 1 })] },
        policy
      )
  }
}

describe("summarizeYear", () => {
  const lines = [
    line(1, 1, "A"),
    line(2, 1, "C"),
    line(3, 2, "B", { agencies: ["police"] }),
    line(4, 2, null, { status: "discontinued" }),
    line(5, 2, null, { review: false }),
    line(6, 2, null, { review: false, status: "discontinued" })
  ]
  const summary = summarizeYear(
    lines,
    [
      { initiativeNo: InitiativeNo.make(1), selfRating: "B" },
      { initiativeNo: InitiativeNo.make(2), selfRating: "A" }
    ],
    2024
  )

  it("counts ratings overall and per objective, leaving out discontinued rows nobody reviews", () => {
    expect(summary.ratings).toEqual({ A: 1, B: 1, C: 1, D: 0, unrated: 2 })
    expect(summary.byObjective.map((row) => [row.objectiveNo, row.ratings])).toEqual([
      [1, { A: 1, B: 0, C: 1, D: 0, unrated: 0 }],
      [2, { A: 0, B: 1, C: 0, D: 0, unrated: 2 }]
    ])
    expect(summary.onTrackShare).toBeCloseTo(2 / 3)
  })

  it("rolls up per life stage and per agency, a row counting for each of its stages", () => {
    expect(summary.byLifeStage.find((row) => row.lifeStage === "elderly")?.ratings).toEqual({
      A: 0,
      B: 1,
      C: 0,
      D: 0,
      unrated: 2
    })
    expect(summary.byAgency.find((row) => row.agencyId === "police")?.ratings).toEqual({
      A: 0,
      B: 1,
      C: 0,
      D: 0,
      unrated: 0
    })
  })

  it("lists what needs attention and why", () => {
    expect(summary.attention.map((item) => [item.initiativeNo, item.reasons])).toEqual([
      [2, ["behind", "ReasonMissing", "RatingDiffers"]],
      [3, ["RatingDiffers"]],
      [4, ["RatingMissing"]],
      [5, ["missingReview"]]
    ])
  })

  it("reports completion and the change from last year", () => {
    expect(summary.completion).toEqual({ total: 5, byStatus: { draft: 0, submitted: 4, approved: 0, missing: 1 } })
    expect(summary.changes).toEqual([
      { initiativeNo: 1, from: "B", to: "A", grades: 1 },
      { initiativeNo: 2, from: "A", to: "C", grades: -2 }
    ])
  })
})

describe("coverageMatrix", () => {
  it("shows where nothing is planned", () => {
    const rows = coverageMatrix(
      [objective(1), objective(2)],
      [
        { ...objective(1), lifeStages: ["schoolAge", "adulthood"], status: "active", ...always },
        { ...objective(1), lifeStages: ["schoolAge"], status: "active", ...always },
        { ...objective(2), lifeStages: ["elderly"], status: "discontinued", ...always }
      ],
      2024
    )
    expect(rows[0]!.counts).toEqual({ pregnancy: 0, infancy: 0, schoolAge: 2, adulthood: 1, elderly: 0 })
    expect(rows[0]!.gaps).toEqual(["pregnancy", "infancy", "elderly"])
    expect(rows[1]!.gaps).toHaveLength(5)
  })
})

describe("rolloverReview", () => {
  it.prop(
    "keeps the plan: next year's planned side is this year's K/L",
    [Review],
    ([review]) => {
      if (review.fiscalYear >= 2099) return
      const next = rolloverReview(review)
      expect(next.fiscalYear).toBe(review.fiscalYear + 1)
      expect(next.plannedActions).toBe(review.next.actions)
      expect(next.plannedText).toBe(review.next.plannedText)
      expect(next.measures.map((m) => [m.label, m.planned, m.unit])).toEqual(
        review.next.measures.map((m) => [m.label, m.planned, m.unit])
      )
      expect(next.measures.every((m) => m.actual === undefined)).toBe(true)
      // The key goes with the plan: the next year's figure lines up with this year's plan for it.
      expect(next.measures.map((m) => m.key)).toEqual(review.next.measures.map(measureKeyOf))
      expect(next).toMatchObject({ selfRating: null, status: "draft", actions: "", ratingReason: "", version: 1 })
    },
    { arbitrary: { runs: 50 } }
  )

  it.prop(
    "a rolled-over review is a valid review",
    [Review],
    ([review]) => {
      if (review.fiscalYear >= 2099) return
      expect(Schema.decodeUnknownSync(Review)(Schema.encodeSync(Review)(rolloverReview(review)))).toEqual(
        rolloverReview(review)
      )
    },
    { arbitrary: { runs: 50 } }
  )
})
