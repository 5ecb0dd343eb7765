import { objectiveMark } from "@sukoyaka/core"

interface PlanLike {
  readonly basicPolicies: ReadonlyArray<{
    readonly areas: ReadonlyArray<{
      readonly objectives: ReadonlyArray<{ readonly no: number; readonly title: string; readonly statement: string }>
    }>
  }>
}

export const objectivesOfPlan = (plan: PlanLike) =>
  plan.basicPolicies.flatMap((policy) => policy.areas.flatMap((area) => area.objectives))

export const objectiveName = (plan: PlanLike, no: number): string => {
  const objective = objectivesOfPlan(plan).find((candidate) => candidate.no === no)
  return `${objectiveMark(no)} ${objective?.title ?? ""}`.trim()
}
