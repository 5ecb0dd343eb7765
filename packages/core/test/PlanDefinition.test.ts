import { describe, expect, it } from "@effect/vitest"
import { Result, Schema } from "effect"
import {
  AgencyId,
  contentsOfDefinition,
  describeChange,
  diffPlanDefinition,
  DuplicateInDefinition,
  explanationOf,
  fiscalYear,
  InvalidLifespan,
  type PlanChange,
  type PlanContents,
  PlanDefinition,
  planImportResult,
  UnknownReference
} from "../src/index.ts"
import { FICTIONAL_PLAN, fictionalPlanDefinition, fictionalPlanJson } from "../src/testing.ts"

const definition = fictionalPlanDefinition()
const loaded: PlanContents = contentsOfDefinition(definition)
const summary = (changes: ReadonlyArray<PlanChange>) =>
  changes.map((change) => `${change._tag} ${change.key} ${change.fields.map((field) => field.field).join(",")}`.trim())
const diffOk = (current: PlanContents | undefined, next: PlanDefinition) =>
  Result.getOrThrow(diffPlanDefinition(current, next))
const diffError = (current: PlanContents | undefined, next: PlanDefinition) => {
  const result = diffPlanDefinition(current, next)
  if (Result.isSuccess(result)) throw new Error("expected the file to be refused")
  return result.failure
}
/** The file with `edit` applied to its JSON: a city editing its file. */
// The file as a city edits it: any JSON, decoded again afterwards (the decoding is what is typed).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type EditableJson = any
const edited = (edit: (json: EditableJson) => void): PlanDefinition => {
  const json = fictionalPlanJson() as EditableJson
  edit(json)
  return Schema.decodeUnknownSync(PlanDefinition)(json)
}

describe("a plan-definition file", () => {
  it("decodes the example with the defaults of what it leaves out", () => {
    expect(definition.plan.id).toBe(FICTIONAL_PLAN)
    expect(definition.plan.basicPolicies.map((policy) => policy.areas[0]!.objectives[0]!.no)).toEqual([1, 1])
    expect(definition.initiatives[0]!.markers).toEqual({ isNew: false, newNote: null, formerName: null })
    expect(definition.targets[0]!.observations).toBeUndefined()
    expect(definition.targets[0]!.baseline?.value).toBe(22.4)
  })

  it("loads into an empty database as the plan, then its tree in order, agencies, initiatives and targets", () => {
    const changes = diffOk(undefined, definition)
    expect(summary(changes)).toEqual([
      "CreatePlan kakuu-kenko",
      "CreatePolicy 1",
      "CreateArea 1-1",
      "CreateObjective 1-1-1",
      "CreateObjective 1-1-2",
      "CreatePolicy 2",
      "CreateArea 2-1",
      "CreateObjective 2-1-1",
      "CreateObjective 2-1-2",
      "CreateAgency kenko-zukuri",
      "CreateAgency kosodate",
      "CreateAgency shokuiku-net",
      "CreateInitiative 1",
      "CreateInitiative 2",
      "CreateInitiative 3",
      "CreateInitiative 4",
      "CreateTarget vegetable-intake"
    ])
    expect(changes.map((change) => change.path).slice(0, 5)).toEqual([
      "plan",
      "plan.basicPolicies[0]",
      "plan.basicPolicies[0].areas[0]",
      "plan.basicPolicies[0].areas[0].objectives[0]",
      "plan.basicPolicies[0].areas[0].objectives[1]"
    ])
    const result = planImportResult(definition.plan.id, changes, true)
    expect(result).toMatchObject({ created: 17, updated: 0, dryRun: true })
    expect(result.changes[7]!.label).toEqual({ ja: "基本方針2 分野1 取組方針1", en: "objective 2-1-1" })
  })

  it("is deterministic, and a plan that is as the file says needs no change (re-import is idempotent)", () => {
    expect(diffOk(undefined, definition)).toEqual(diffOk(undefined, definition))
    expect(diffOk(loaded, definition)).toEqual([])
  })

  it("updates only the fields that differ, with their values before and after", () => {
    const next = edited((json) => {
      json.initiatives[0].name = "野菜たっぷり料理教室（親子向け）"
      json.initiatives[0].agencies = ["kenko-zukuri"]
      json.plan.basicPolicies[1].areas[0].objectives[0].title = "睡眠の大切さの普及啓発"
      json.agencies[1].reading = "こそだてしえんか"
    })
    const changes = diffOk(loaded, next)
    expect(summary(changes)).toEqual([
      "UpdateObjective 2-1-1 title",
      "UpdateAgency kosodate reading",
      "UpdateInitiative 1 name,agencies"
    ])
    const initiative = changes[2]!
    expect(initiative.fields[1]).toEqual({
      field: "agencies",
      before: ["kenko-zukuri", "shokuiku-net"],
      after: ["kenko-zukuri"]
    })
    expect(initiative._tag === "UpdateInitiative" && initiative.patch).toEqual({
      name: "野菜たっぷり料理教室（親子向け）",
      agencies: ["kenko-zukuri"]
    })
    expect(describeChange(initiative)).toEqual({ action: "update", entity: "initiative" })
  })

  it("retires a basic policy after the initiatives it retires with it, so that none is left outside its years", () => {
    const next = edited((json) => {
      json.plan.basicPolicies[1].until = 2025
      json.initiatives[2].until = 2025
      json.initiatives[3].until = 2025
    })
    const changes = diffOk(loaded, next)
    expect(summary(changes)).toEqual(["UpdateInitiative 3 until", "UpdateInitiative 4 until", "UpdatePolicy 2 until"])
    expect(changes.at(-1)!.fields).toEqual([{ field: "until", before: null, after: 2025 }])
  })

  it("moves years that both widen and narrow in two steps: wider first, narrower last", () => {
    const next = edited((json) => {
      json.plan.basicPolicies[1].areas[0].objectives[1].since = 2024
      json.plan.basicPolicies[1].areas[0].objectives[1].until = 2030
      json.initiatives[3].until = 2030
    })
    const changes = diffOk(loaded, next)
    expect(summary(changes)).toEqual([
      "UpdateObjective 2-1-2 since",
      "UpdateInitiative 4 until",
      "UpdateObjective 2-1-2 until"
    ])
    expect(changes.map((change) => change._tag === "UpdateObjective" && change.patch)).toEqual([
      { since: 2024 },
      false,
      { until: 2030 }
    ])
  })

  it("puts the file's order on the tree and the targets", () => {
    const next = edited((json) => {
      json.plan.basicPolicies.reverse()
    })
    expect(summary(diffOk(loaded, next))).toEqual(["UpdatePolicy 2 position"])
  })

  it("leaves alone what the file does not mention: other initiatives, a target's observations", () => {
    const observed: PlanContents = {
      ...loaded,
      targets: loaded.targets.map((target) => ({ ...target, observations: [{ year: 2025, value: 25 }] }))
    }
    expect(diffOk(observed, definition)).toEqual([])
    const withObservations = edited((json) => {
      json.targets[0].observations = [{ year: 2025, value: 26 }]
    })
    const changes = diffOk(observed, withObservations)
    expect(summary(changes)).toEqual(["UpdateTarget vegetable-intake observations"])
    expect(changes[0]!._tag === "UpdateTarget" && changes[0]!.figures).toEqual({
      observations: [{ year: 2025, value: 26 }]
    })
    const fewer = edited((json) => {
      json.initiatives.pop()
    })
    expect(diffOk(loaded, fewer)).toEqual([])
  })

  it("names the entry of the file an unknown agency comes from, in Japanese and English", () => {
    const error = diffError(
      undefined,
      edited((json) => {
        json.initiatives[3].agencies = ["xyz", "kosodate"]
      })
    )
    expect(error).toBeInstanceOf(UnknownReference)
    expect(explanationOf(error)).toEqual([
      {
        path: "initiatives[3].agencies[0]",
        ja: "実施機関「xyz」はこの計画にありません",
        en: "the plan has no agency xyz"
      }
    ])
  })

  it("refuses an initiative under an objective that is not in effect in its years, at the initiative", () => {
    const error = diffError(
      undefined,
      edited((json) => {
        delete json.initiatives[3].since
      })
    )
    expect(error._tag).toBe("NotInEffect")
    expect(explanationOf(error)![0]!.path).toBe("initiatives[3].objectiveNo")
  })

  it("refuses a number given twice and years that end before they start", () => {
    const twice = diffError(
      undefined,
      edited((json) => {
        json.initiatives[1].no = 1
      })
    )
    expect(twice).toBeInstanceOf(DuplicateInDefinition)
    expect(explanationOf(twice)![0]).toMatchObject({
      path: "initiatives[1].no",
      ja: expect.stringContaining("initiatives[0].no")
    })
    const backwards = diffError(
      loaded,
      edited((json) => {
        json.plan.basicPolicies[1].areas[0].since = 2030
        json.plan.basicPolicies[1].areas[0].until = 2026
      })
    )
    expect(backwards).toBeInstanceOf(InvalidLifespan)
    expect(explanationOf(backwards)![0]!.path).toBe("plan.basicPolicies[1].areas[0].until")
  })

  it("refuses a taken agency id in the file as a duplicate, not as two agencies", () => {
    const error = diffError(
      undefined,
      edited((json) => {
        json.agencies.push({ id: "kosodate", name: "別の課", kind: "cityDivision" })
      })
    )
    expect(error).toMatchObject({
      _tag: "DuplicateInDefinition",
      path: "agencies[3].id",
      key: AgencyId.make("kosodate")
    })
    expect(fiscalYear(2024)).toBe(2024)
  })
})
