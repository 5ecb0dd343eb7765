import type { Initiative } from "./Initiative.ts"
import { type LifeStage, lifeStages } from "./LifeStage.ts"
import type { ObjectiveNo } from "./Plan.ts"

export interface CoverageRow {
  readonly objectiveNo: ObjectiveNo
  /** active initiatives of the objective that address each stage */
  readonly counts: Readonly<Record<LifeStage, number>>
  /** the stages where nothing is planned */
  readonly gaps: ReadonlyArray<LifeStage>
}

/** The objective × life stage matrix: where the plan does something, and where nothing is planned. */
export const coverageMatrix = (
  objectiveNos: ReadonlyArray<ObjectiveNo>,
  initiatives: ReadonlyArray<Pick<Initiative, "objectiveNo" | "lifeStages" | "status">>
): ReadonlyArray<CoverageRow> =>
  objectiveNos.map((objectiveNo) => {
    const counts = Object.fromEntries(lifeStages.map((stage) => [stage, 0])) as Record<LifeStage, number>
    for (const initiative of initiatives) {
      if (initiative.objectiveNo !== objectiveNo || initiative.status !== "active") continue
      for (const stage of initiative.lifeStages) counts[stage] += 1
    }
    return { objectiveNo, counts, gaps: lifeStages.filter((stage) => counts[stage] === 0) }
  })
