import { objectiveMark } from "@sukoyaka/core"

interface PlanLike {
  readonly basicPolicies: ReadonlyArray<{
    readonly no: number
    readonly areas: ReadonlyArray<{
      readonly no: number
      readonly objectives: ReadonlyArray<{ readonly no: number; readonly title: string; readonly statement: string }>
    }>
  }>
}

/** An objective's place: its number is unique only within its area (another area has its own ①). */
export interface ObjectiveRefLike {
  readonly policyNo: number
  readonly areaNo: number
  readonly objectiveNo: number
}

export const objectivesOfPlan = (plan: PlanLike) =>
  plan.basicPolicies.flatMap((policy) => policy.areas.flatMap((area) => area.objectives))

/** Every objective with its full reference and its key 「3-1-1」, in plan order. */
export const objectivePlaces = (plan: PlanLike) =>
  plan.basicPolicies.flatMap((policy) =>
    policy.areas.flatMap((area) =>
      area.objectives.map((objective) => ({
        objective,
        ref: { policyNo: policy.no, areaNo: area.no, objectiveNo: objective.no },
        key: `${policy.no}-${area.no}-${objective.no}`
      }))
    )
  )

const areaCount = (plan: PlanLike) => plan.basicPolicies.reduce((sum, policy) => sum + policy.areas.length, 0)

/**
 * 「① こども・若者への…」; with a full reference in a plan of more than one area 「3-1① …」, as the
 * sheet tabs name it, so that the ① of another area is told apart. A bare number finds the first ①.
 */
export const objectiveName = (plan: PlanLike, objective: number | ObjectiveRefLike): string => {
  const ref = typeof objective === "number" ? null : objective
  const no = ref?.objectiveNo ?? (objective as number)
  const found = objectivePlaces(plan).find((place) =>
    ref
      ? place.ref.policyNo === ref.policyNo && place.ref.areaNo === ref.areaNo && place.ref.objectiveNo === no
      : place.ref.objectiveNo === no
  )
  const prefix = ref && areaCount(plan) > 1 ? `${ref.policyNo}-${ref.areaNo}` : ""
  return `${prefix}${objectiveMark(no)} ${found?.objective.title ?? ""}`.trim()
}
