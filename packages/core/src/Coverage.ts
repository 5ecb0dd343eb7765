import { expectedIn, type Initiative } from "./Initiative.ts"
import { type LifeStage, lifeStages } from "./LifeStage.ts"
import { type AreaNo, type BasicPolicyNo, objectiveKey, type ObjectiveNo, type ObjectiveRef } from "./Plan.ts"

export interface CoverageRow {
  readonly policyNo: BasicPolicyNo
  readonly areaNo: AreaNo
  readonly objectiveNo: ObjectiveNo
  /** initiatives of the objective that address each stage, in effect in the year and continuing after it */
  readonly counts: Readonly<Record<LifeStage, number>>
  /** the stages where nothing is planned */
  readonly gaps: ReadonlyArray<LifeStage>
}

/**
 * The objective × life stage matrix of FY `fiscalYear`: where the plan keeps doing something, and
 * where nothing is planned. An initiative counts when it is in effect in the year and continues into
 * the next: one ending with the year (No. 64) leaves the gap its end opens, as a discontinued row
 * always did. Objectives are matched by their full place (the ① of another area is another one).
 */
export const coverageMatrix = (
  objectives: ReadonlyArray<ObjectiveRef>,
  initiatives: ReadonlyArray<
    Pick<Initiative, "policyNo" | "areaNo" | "objectiveNo" | "lifeStages" | "status" | "since" | "until">
  >,
  fiscalYear: number
): ReadonlyArray<CoverageRow> => {
  const counted = new Map<string, Record<LifeStage, number>>()
  for (const ref of objectives)
    counted.set(
      objectiveKey(ref),
      Object.fromEntries(lifeStages.map((stage) => [stage, 0])) as Record<LifeStage, number>
    )
  for (const initiative of initiatives) {
    const counts = counted.get(objectiveKey(initiative))
    if (counts === undefined || !expectedIn(initiative, fiscalYear) || !expectedIn(initiative, fiscalYear + 1)) continue
    for (const stage of initiative.lifeStages) counts[stage] += 1
  }
  return objectives.map((ref) => {
    const counts = counted.get(objectiveKey(ref))!
    return {
      policyNo: ref.policyNo,
      areaNo: ref.areaNo,
      objectiveNo: ref.objectiveNo,
      counts,
      gaps: lifeStages.filter((stage) => counts[stage] === 0)
    }
  })
}
