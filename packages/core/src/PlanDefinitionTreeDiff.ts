import { Result } from "effect"
import type { AreaPatch, BasicPolicyPatch, ObjectivePatch } from "./api/Structure.ts"
import {
  type Area,
  type AreaRef,
  areaKey,
  type BasicPolicy,
  findArea,
  findPolicy,
  type Objective,
  objectiveKey,
  type Plan
} from "./Plan.ts"
import type { FieldChange, PlanChange } from "./PlanChange.ts"
import { at, differences, isEmpty, spanOf, spanSteps } from "./PlanDefinitionCompare.ts"
import {
  addArea,
  addObjective,
  addPolicy,
  type TreeChange,
  updateArea,
  updateObjective,
  updatePolicy
} from "./PlanTree.ts"
import type { StructureError } from "./StructureError.ts"

/*
 * The tree of a plan-definition file against the plan's: each node, in the file's order, created
 * at its index among its siblings or updated where it differs (the file's nodes first, in order;
 * nodes the file leaves out after them). Each step is the pure tree edit the command will make, so
 * positions and years are judged here as the command will judge them.
 */

type TreeNode = BasicPolicy | Area | Objective
type NodePatch = BasicPolicyPatch & ObjectivePatch

interface Common {
  readonly path: string
  readonly key: string
  readonly title: string
  readonly fields: ReadonlyArray<FieldChange>
}

/** A step of the tree: the edit it makes, and the change that says so. */
interface Step {
  readonly edit: (plan: Plan) => Result.Result<TreeChange, StructureError>
  readonly change: (common: Common) => PlanChange
}

/** How one level of the tree is read and changed. */
interface Level {
  readonly key: string
  readonly siblings: (plan: Plan) => ReadonlyArray<TreeNode>
  readonly ownKeys: ReadonlyArray<"title" | "statement">
  readonly create: (position: number) => Step
  readonly update: (patch: NodePatch) => Step
}

const policyLevel = (policy: BasicPolicy): Level => ({
  key: String(policy.no),
  siblings: (plan) => plan.basicPolicies,
  ownKeys: ["title"],
  create: (position) => {
    const body = { no: policy.no, title: policy.title, position, ...spanOf(policy) }
    return { edit: (plan) => addPolicy(plan, body), change: (c) => ({ _tag: "CreatePolicy", ...c, body }) }
  },
  update: (patch: BasicPolicyPatch) => ({
    edit: (plan) => updatePolicy(plan, policy.no, patch),
    change: (c) => ({ _tag: "UpdatePolicy", ...c, policyNo: policy.no, patch })
  })
})

const areaLevel = (policy: BasicPolicy, area: Area): Level => {
  const ref = { policyNo: policy.no, areaNo: area.no } as AreaRef
  return {
    key: areaKey(ref),
    siblings: (plan) => findPolicy(plan, policy.no)!.areas,
    ownKeys: ["title"],
    create: (position) => {
      const body = { no: area.no, title: area.title, position, ...spanOf(area) }
      return {
        edit: (plan) => addArea(plan, policy.no, body),
        change: (c) => ({ _tag: "CreateArea", ...c, policyNo: policy.no, body })
      }
    },
    update: (patch: AreaPatch) => ({
      edit: (plan) => updateArea(plan, ref, patch),
      change: (c) => ({ _tag: "UpdateArea", ...c, ref, patch })
    })
  }
}

const objectiveLevel = (ref: AreaRef, objective: Objective): Level => {
  const objectiveRef = { ...ref, objectiveNo: objective.no }
  return {
    key: objectiveKey(objectiveRef),
    siblings: (plan) => findArea(plan, ref)!.objectives,
    ownKeys: ["title", "statement"],
    create: (position) => {
      const { no, title, statement } = objective
      const body = { no, title, statement, position, ...spanOf(objective) }
      return {
        edit: (plan) => addObjective(plan, ref, body),
        change: (c) => ({ _tag: "CreateObjective", ...c, ref, body })
      }
    },
    update: (patch: ObjectivePatch) => ({
      edit: (plan) => updateObjective(plan, objectiveRef, patch),
      change: (c) => ({ _tag: "UpdateObjective", ...c, ref: objectiveRef, patch })
    })
  }
}

/** The plan as the file's tree leaves it, and the changes: those to run first, and the narrowing years to run last. */
export interface TreeDiff {
  readonly plan: Plan
  readonly first: ReadonlyArray<PlanChange>
  readonly last: ReadonlyArray<PlanChange>
}

export const diffTree = (start: Plan, policies: ReadonlyArray<BasicPolicy>): Result.Result<TreeDiff, StructureError> =>
  Result.gen(function* () {
    let plan = start
    const first: Array<PlanChange> = []
    const last: Array<PlanChange> = []
    const run = (path: string, step: Step, common: Common) =>
      Result.map(at(path, step.edit(plan)), (change) => {
        plan = change.plan
        return step.change(common)
      })

    /** One node at `index` among its siblings: created, or updated where it differs (years in two steps). */
    const sync = (level: Level, node: TreeNode, index: number, path: string) =>
      Result.gen(function* () {
        const common = { path, key: level.key, title: node.title, fields: [] }
        const siblings = level.siblings(plan)
        const current = siblings.findIndex((sibling) => sibling.no === node.no)
        if (current < 0) {
          first.push(yield* run(path, level.create(index), common))
          return
        }
        const existing = siblings[current]!
        const own = differences(
          level.ownKeys,
          existing,
          node as { readonly title: string; readonly statement?: string }
        )
        const { widen, narrow } = spanSteps(existing, node)
        const moved = current !== index ? [{ field: "position", before: current, after: index }] : []
        const patch = { ...own.patch, ...(moved.length > 0 ? { position: index } : {}), ...widen.patch }
        if (!isEmpty(patch))
          first.push(
            yield* run(path, level.update(patch), { ...common, fields: [...own.fields, ...moved, ...widen.fields] })
          )
        if (!isEmpty(narrow.patch))
          last.push(yield* run(path, level.update(narrow.patch), { ...common, fields: narrow.fields }))
      })

    for (const [p, policy] of policies.entries()) {
      const path = `plan.basicPolicies[${p}]`
      yield* sync(policyLevel(policy), policy, p, path)
      for (const [a, area] of policy.areas.entries()) {
        const areaPath = `${path}.areas[${a}]`
        yield* sync(areaLevel(policy, area), area, a, areaPath)
        const ref = { policyNo: policy.no, areaNo: area.no } as AreaRef
        for (const [o, objective] of area.objectives.entries())
          yield* sync(objectiveLevel(ref, objective), objective, o, `${areaPath}.objectives[${o}]`)
      }
    }
    return { plan, first, last }
  })
