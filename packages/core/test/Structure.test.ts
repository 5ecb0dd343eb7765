import { describe, expect, it } from "@effect/vitest"
import { Option, Result, Schema } from "effect"
import {
  addArea,
  addObjective,
  addPolicy,
  Agency,
  AgencyId,
  AlreadyExists,
  AreaNo,
  BasicPolicyNo,
  checkAgencyChange,
  checkInitiativePlace,
  checkTargetLinks,
  checkTargetPlace,
  checkTreeChange,
  coverageMatrix,
  covers,
  explanationOf,
  fiscalYear,
  httpStatusOf,
  inEffect,
  InitiativeNo,
  InvalidLifespan,
  NodeNotFound,
  normalizeInitiativeNos,
  NotInEffect,
  ObjectiveNo,
  objectiveKey,
  Plan,
  PlanId,
  StillInUse,
  summarizeYear,
  UnknownReference,
  updateArea,
  updateObjective,
  updatePolicy,
  type YearLine
} from "../src/index.ts"

const FY = fiscalYear
const P = BasicPolicyNo.make
const A = AreaNo.make
const O = ObjectiveNo.make

const empty = new Plan({
  id: PlanId.make("fiction"),
  city: "架空市",
  title: "架空市健康増進計画",
  vision: "",
  goal: "",
  basicPolicies: []
})

/** Two basic policies, each with an area whose objectives number from ①, as a whole plan does. */
const twoAreas = (() => {
  let plan = empty
  for (const [policy, title] of [
    [1, "生活習慣の改善"],
    [3, "こころの健康づくり"]
  ] as const) {
    plan = Result.getOrThrow(addPolicy(plan, { no: P(policy), title })).plan
    plan = Result.getOrThrow(addArea(plan, policy, { no: A(1), title: `${title}の分野` })).plan
    plan = Result.getOrThrow(
      addObjective(plan, { policyNo: P(policy), areaNo: A(1) }, { no: O(1), title: "取組", statement: "" })
    ).plan
  }
  return plan
})()

const failure = <E>(result: Result.Result<unknown, E>): E => {
  if (Result.isSuccess(result)) throw new Error("expected a failure")
  return result.failure
}

describe("years (since / until)", () => {
  it("an open end reaches as far as it goes; until is the last year in effect", () => {
    expect(inEffect({ since: null, until: null }, 2000)).toBe(true)
    expect(inEffect({}, 2100)).toBe(true)
    expect([2023, 2024, 2025, 2026].map((year) => inEffect({ since: FY(2024), until: FY(2025) }, year))).toEqual([
      false,
      true,
      true,
      false
    ])
  })

  it("an open end is covered only by an open end", () => {
    expect(covers({ since: null, until: null }, { since: FY(2030), until: null })).toBe(true)
    expect(covers({ since: null, until: FY(2025) }, { since: null, until: null })).toBe(false)
    expect(covers({ since: FY(2025), until: null }, { since: null, until: null })).toBe(false)
    expect(covers({ since: FY(2024), until: FY(2030) }, { since: FY(2025), until: FY(2026) })).toBe(true)
  })
})

describe("the plan's tree", () => {
  it("holds two areas that both number their objectives from ①, told apart by their keys", () => {
    const keys = twoAreas.basicPolicies.flatMap((policy) =>
      policy.areas.flatMap((area) =>
        area.objectives.map((objective) =>
          objectiveKey({ policyNo: policy.no, areaNo: area.no, objectiveNo: objective.no })
        )
      )
    )
    expect(keys).toEqual(["1-1-1", "3-1-1"])
  })

  it("refuses a taken number (409), a missing parent (404) and years that end before they start", () => {
    const taken = failure(addPolicy(twoAreas, { no: P(3), title: "重複" }))
    expect(taken).toBeInstanceOf(AlreadyExists)
    expect(httpStatusOf(taken)).toEqual(Option.some(409))
    expect(explanationOf(taken)).toEqual([
      {
        path: "no",
        ja: expect.stringContaining("基本方針3はすでにあります"),
        en: expect.stringContaining("basic policy 3 exists already")
      }
    ])
    const noPolicy = failure(addArea(twoAreas, 2, { no: A(1), title: "x" }))
    expect(noPolicy).toBeInstanceOf(NodeNotFound)
    expect(httpStatusOf(noPolicy)).toEqual(Option.some(404))
    expect(
      failure(addObjective(twoAreas, { policyNo: P(3), areaNo: A(2) }, { no: O(1), title: "x", statement: "" }))
    ).toMatchObject({ entity: "area", key: "3-2" })
    expect(
      failure(addObjective(twoAreas, { policyNo: P(3), areaNo: A(1) }, { no: O(1), title: "x", statement: "" }))
    ).toMatchObject({ _tag: "AlreadyExists", key: "3-1-1" })
    const backwards = failure(updatePolicy(twoAreas, 3, { since: FY(2026), until: FY(2025) }))
    expect(backwards).toBeInstanceOf(InvalidLifespan)
    expect(httpStatusOf(backwards)).toEqual(Option.some(400))
  })

  it("renames, reorders and retires a node, keeping its number and its children", () => {
    const moved = Result.getOrThrow(updatePolicy(twoAreas, 3, { position: 0, title: "こころ" }))
    expect(moved.plan.basicPolicies.map((policy) => [policy.no, policy.title])).toEqual([
      [3, "こころ"],
      [1, "生活習慣の改善"]
    ])
    expect(moved.before).toMatchObject({ no: 3, position: 1, title: "こころの健康づくり" })
    expect(moved.after).toMatchObject({ no: 3, position: 0, title: "こころ", until: null })
    expect(moved.plan.basicPolicies[0]!.areas[0]!.objectives).toHaveLength(1)
    const retired = Result.getOrThrow(updateArea(twoAreas, { policyNo: P(1), areaNo: A(1) }, { until: FY(2025) }))
    expect(retired.plan.basicPolicies[0]!.areas[0]!.until).toBe(2025)
    expect(retired.after).toMatchObject({ until: 2025, position: 0 })
    const statement = Result.getOrThrow(
      updateObjective(twoAreas, { policyNo: P(1), areaNo: A(1), objectiveNo: O(1) }, { statement: "…を図ります。" })
    )
    expect(statement.after).toMatchObject({ statement: "…を図ります。" })
    // What the API sends back decodes as a plan again.
    expect(Schema.decodeUnknownSync(Plan)(Schema.encodeSync(Plan)(statement.plan))).toEqual(statement.plan)
  })

  it("refuses to retire a node while initiatives under it are in effect after the end, naming them", () => {
    const initiatives = [
      { no: InitiativeNo.make(1), policyNo: P(1), areaNo: A(1), objectiveNo: O(1), since: null, until: null },
      { no: InitiativeNo.make(2), policyNo: P(1), areaNo: A(1), objectiveNo: O(1), since: null, until: FY(2024) },
      { no: InitiativeNo.make(3), policyNo: P(3), areaNo: A(1), objectiveNo: O(1), since: null, until: null }
    ]
    const change = Result.getOrThrow(updatePolicy(twoAreas, 1, { until: FY(2024) }))
    const refused = failure(checkTreeChange(twoAreas, change, initiatives))
    expect(refused).toBeInstanceOf(StillInUse)
    expect(refused).toMatchObject({ entity: "basicPolicy", key: "1", path: "until", initiatives: [1] })
    expect(httpStatusOf(refused)).toEqual(Option.some(422))
    expect(explanationOf(refused)?.[0]?.ja).toContain("Ｎｏ.1")
    // Once No. 1 ends with the policy, the policy may end.
    const ended = initiatives.map((initiative) =>
      initiative.no === 1 ? { ...initiative, until: FY(2024) } : initiative
    )
    expect(Result.isSuccess(checkTreeChange(twoAreas, change, ended))).toBe(true)
  })

  it("refuses to retire an area while targets under it (or its objectives) are in effect after the end", () => {
    const targets = [
      { id: "whole-area", policyNo: P(1), areaNo: A(1), objectiveNo: null, since: null, until: null },
      { id: "of-objective", policyNo: P(1), areaNo: A(1), objectiveNo: O(1), since: null, until: FY(2025) },
      { id: "ended", policyNo: P(1), areaNo: A(1), objectiveNo: O(1), since: null, until: FY(2024) },
      { id: "elsewhere", policyNo: P(3), areaNo: A(1), objectiveNo: null, since: null, until: null }
    ]
    const change = Result.getOrThrow(updateArea(twoAreas, { policyNo: P(1), areaNo: A(1) }, { until: FY(2024) }))
    const refused = failure(checkTreeChange(twoAreas, change, [], targets))
    expect(refused).toMatchObject({
      _tag: "StillInUse",
      entity: "area",
      key: "1-1",
      path: "until",
      initiatives: [],
      targets: ["whole-area", "of-objective"]
    })
    expect(explanationOf(refused)?.[0]?.ja).toContain("目標「whole-area」")
    expect(explanationOf(refused)?.[0]?.en).toContain("target of-objective")
    const ended = targets.map((target) => ({ ...target, until: target.policyNo === 1 ? FY(2024) : null }))
    expect(Result.isSuccess(checkTreeChange(twoAreas, change, [], ended))).toBe(true)
  })

  it("links a target only to initiatives of the plan", () => {
    const initiatives = [{ no: InitiativeNo.make(57) }, { no: InitiativeNo.make(58) }]
    expect(Result.isSuccess(checkTargetLinks({ initiativeNos: [58, 57] }, initiatives))).toBe(true)
    expect(Result.isSuccess(checkTargetLinks({}, initiatives))).toBe(true)
    const refused = failure(checkTargetLinks({ initiativeNos: [58, 999] }, initiatives))
    expect(refused).toMatchObject({ _tag: "UnknownReference", entity: "initiative", key: "999" })
    expect(explanationOf(refused)).toEqual([
      { path: "initiativeNos[1]", ja: "Ｎｏ.999はこの計画にありません", en: "the plan has no No. 999" }
    ])
    expect(normalizeInitiativeNos([58, 57, 58])).toEqual([57, 58])
  })
})

describe("placing an initiative", () => {
  const agency = new Agency({ id: AgencyId.make("kaku-ka"), name: "架空課", kind: "cityDivision", until: FY(2025) })
  const initiative = {
    policyNo: P(3),
    areaNo: A(1),
    objectiveNo: O(1),
    agencies: [agency.id],
    since: FY(2024),
    until: FY(2025)
  }
  const place = { place: true, agencies: true }

  it("takes an objective of the plan, and agencies of the plan in effect over its years", () => {
    expect(Result.isSuccess(checkInitiativePlace(twoAreas, [agency], initiative, place))).toBe(true)
  })

  it("refuses an unknown objective or agency (422, naming the field)", () => {
    expect(failure(checkInitiativePlace(twoAreas, [agency], { ...initiative, areaNo: A(2) }, place))).toMatchObject({
      _tag: "UnknownReference",
      entity: "area",
      path: "areaNo"
    })
    expect(
      failure(checkInitiativePlace(twoAreas, [agency], { ...initiative, objectiveNo: O(2) }, place))
    ).toMatchObject({ _tag: "UnknownReference", key: "3-1-2" })
    const unknown = failure(checkInitiativePlace(twoAreas, [], initiative, place))
    expect(unknown).toBeInstanceOf(UnknownReference)
    expect(explanationOf(unknown)).toEqual([
      { path: "agencies[0]", ja: "実施機関「kaku-ka」はこの計画にありません", en: "the plan has no agency kaku-ka" }
    ])
    expect(httpStatusOf(unknown)).toEqual(Option.some(422))
  })

  it("refuses a retired objective or agency for years after its end", () => {
    const retired = Result.getOrThrow(
      updateObjective(twoAreas, { policyNo: P(3), areaNo: A(1), objectiveNo: O(1) }, { until: FY(2024) })
    ).plan
    expect(failure(checkInitiativePlace(retired, [agency], initiative, place))).toMatchObject({
      _tag: "NotInEffect",
      entity: "objective",
      path: "objectiveNo",
      until: 2024
    })
    const open = { ...initiative, until: null }
    const refused = failure(checkInitiativePlace(twoAreas, [agency], open, place))
    expect(refused).toBeInstanceOf(NotInEffect)
    expect(refused).toMatchObject({ entity: "agency", path: "agencies[0]" })
    // What the change did not touch is not judged again.
    expect(Result.isSuccess(checkInitiativePlace(twoAreas, [agency], open, { place: true, agencies: false }))).toBe(
      true
    )
  })

  it("an agency may not end while initiatives naming it go on", () => {
    const open = new Agency({ id: AgencyId.make("kaku-ka"), name: "架空課", kind: "cityDivision" })
    const refused = failure(
      checkAgencyChange(open, { since: null, until: FY(2024) }, [
        { no: InitiativeNo.make(9), agencies: [open.id], since: null, until: null }
      ])
    )
    expect(refused).toMatchObject({ _tag: "StillInUse", entity: "agency", initiatives: [9] })
  })

  it("places a target in an area, or in one of its objectives", () => {
    expect(Result.isSuccess(checkTargetPlace(twoAreas, { policyNo: 1, areaNo: 1, objectiveNo: null }))).toBe(true)
    expect(failure(checkTargetPlace(twoAreas, { policyNo: 1, areaNo: 1, objectiveNo: 2 }))).toMatchObject({
      _tag: "UnknownReference",
      key: "1-1-2"
    })
    expect(failure(checkTargetPlace(twoAreas, { policyNo: 2, areaNo: 1, objectiveNo: null }))).toMatchObject({
      _tag: "UnknownReference",
      entity: "basicPolicy"
    })
  })
})

describe("roll-ups of a whole plan", () => {
  const line = (
    no: number,
    policyNo: number,
    rating: "A" | "C" | null,
    years: { since?: number; until?: number } = {}
  ): YearLine => ({
    initiative: {
      no: InitiativeNo.make(no),
      name: `事業${no}`,
      policyNo: P(policyNo),
      areaNo: A(1),
      objectiveNo: O(1),
      lifeStages: ["adulthood"],
      agencies: [],
      status: years.until === undefined ? "active" : "discontinued",
      since: years.since === undefined ? null : FY(years.since),
      until: years.until === undefined ? null : FY(years.until)
    },
    review: rating === null ? null : { selfRating: rating, status: "submitted" },
    evaluation: null
  })

  it("counts the ① of each area apart, per basic policy and per area", () => {
    const summary = summarizeYear([line(1, 1, "A"), line(57, 3, "C"), line(58, 3, "A")], [], 2024)
    expect(summary.byObjective.map((row) => [objectiveKey(row), row.ratings.A, row.ratings.C])).toEqual([
      ["1-1-1", 1, 0],
      ["3-1-1", 1, 1]
    ])
    expect(summary.byPolicy.map((row) => [row.policyNo, row.onTrackShare])).toEqual([
      [1, 1],
      [3, 0.5]
    ])
    expect(summary.byArea.map((row) => [row.policyNo, row.areaNo, row.ratings.A])).toEqual([
      [1, 1, 1],
      [3, 1, 1]
    ])
  })

  it("owes a review only for initiatives in effect in the year", () => {
    const lines = [line(1, 1, null, { until: 2024 }), line(2, 1, null, { since: 2026 }), line(3, 1, null)]
    expect(summarizeYear(lines, [], 2024).completion).toEqual({
      total: 2,
      byStatus: { draft: 0, submitted: 0, approved: 0, missing: 2 }
    })
    expect(summarizeYear(lines, [], 2025).attention.map((item) => item.initiativeNo)).toEqual([3])
    expect(summarizeYear(lines, [], 2026).completion.total).toBe(2)
  })

  it("covers each objective by its full place, with what continues after the year", () => {
    const initiatives = [
      line(1, 1, null).initiative,
      line(2, 3, null, { until: 2024 }).initiative,
      line(3, 3, null, { until: 2025 }).initiative
    ]
    const rows = coverageMatrix(
      [
        { policyNo: P(1), areaNo: A(1), objectiveNo: O(1) },
        { policyNo: P(3), areaNo: A(1), objectiveNo: O(1) }
      ],
      initiatives,
      2024
    )
    expect(rows.map((row) => [row.policyNo, row.counts.adulthood])).toEqual([
      [1, 1],
      [3, 1]
    ])
  })
})
