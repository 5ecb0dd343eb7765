/** The three levels of the plan's tree. */
export type Level = "policy" | "area" | "objective"

interface Numbers {
  readonly policyNo: number | string
  readonly areaNo?: number | string | undefined
  readonly objectiveNo?: number | string | undefined
}

/**
 * The key of a node's forms: it prefixes their field ids and tells which form an answer is for
 * (the page holds one form per node and per action).
 */
export const nodeKey = (level: Level, n: Numbers): string =>
  level === "policy"
    ? `policy-${n.policyNo}`
    : level === "area"
      ? `area-${n.policyNo}-${n.areaNo}`
      : `objective-${n.policyNo}-${n.areaNo}-${n.objectiveNo}`

/** The key of the form that adds a node at `level` (under the policy or area the numbers name). */
export const newKey = (level: Level, n: Numbers): string =>
  level === "policy"
    ? "new-policy"
    : level === "area"
      ? `new-area-${n.policyNo}`
      : `new-objective-${n.policyNo}-${n.areaNo}`
