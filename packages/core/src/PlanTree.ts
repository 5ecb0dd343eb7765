import { Result } from "effect"
import type { Agency } from "./Agency.ts"
import type {
  AreaCreate,
  AreaPatch,
  BasicPolicyCreate,
  BasicPolicyPatch,
  ObjectiveCreate,
  ObjectivePatch
} from "./api/Structure.ts"
import type { FiscalYear } from "./FiscalYear.ts"
import type { Initiative } from "./Initiative.ts"
import { covers, intersect, isEmptySpan, type Lifespan } from "./Lifespan.ts"
import {
  Area,
  type AreaRef,
  areaKey,
  BasicPolicy,
  effectiveSpanOf,
  findArea,
  findObjectivePlace,
  findPolicy,
  Objective,
  type ObjectiveRef,
  objectiveKey,
  Plan
} from "./Plan.ts"
import {
  AlreadyExists,
  InvalidLifespan,
  NodeNotFound,
  NotInEffect,
  StillInUse,
  type StructureEntity,
  UnknownReference
} from "./StructureError.ts"

/*
 * The plan's tree (basic policies › areas › objectives) changed as one document: each edit is a
 * pure function from the plan to the plan after it, with the node before and after for the audit
 * log. Numbers are identities within the parent and never change; order is the array's.
 */

/** One change of the tree: the plan after it and the node's own fields before and after (no children). */
export interface TreeChange {
  readonly plan: Plan
  readonly entity: Extract<StructureEntity, "basicPolicy" | "area" | "objective">
  readonly key: string
  readonly before: NodeFields | null
  readonly after: NodeFields
}

/** What the audit log keeps of a node: its own fields and its place among its siblings. */
export interface NodeFields {
  readonly no: number
  readonly title: string
  readonly statement?: string
  readonly since: FiscalYear | null
  readonly until: FiscalYear | null
  readonly position: number
}

interface Years {
  readonly since?: FiscalYear | null
  readonly until?: FiscalYear | null
}

type TreeNode = BasicPolicy | Area | Objective

const fieldsOf = (node: TreeNode, position: number): NodeFields => ({
  no: node.no,
  title: node.title,
  ...(node instanceof Objective ? { statement: node.statement } : {}),
  since: node.since ?? null,
  until: node.until ?? null,
  position
})

/** Only the years a body gives: an absent key changes nothing, null clears. */
const givenYears = (body: Years): Years => ({
  ...(body.since !== undefined ? { since: body.since } : {}),
  ...(body.until !== undefined ? { until: body.until } : {})
})

const ok: Result.Result<void> = Result.succeed(undefined)

const checkSpan = (span: Lifespan): Result.Result<void, InvalidLifespan> =>
  isEmptySpan(span) ? Result.fail(new InvalidLifespan({ since: span.since!, until: span.until! })) : ok

/** `item` inserted at `position` (past the end: last). */
const insertAt = <A>(items: ReadonlyArray<A>, item: A, position: number | undefined): ReadonlyArray<A> => {
  const at = position === undefined ? items.length : Math.min(position, items.length)
  return [...items.slice(0, at), item, ...items.slice(at)]
}

/** The siblings a node lives among, and how the plan is rebuilt around new ones. */
interface Siblings<N extends TreeNode> {
  readonly nodes: ReadonlyArray<N>
  readonly rebuild: (nodes: ReadonlyArray<N>) => Plan
}

const policiesOf = (plan: Plan): Siblings<BasicPolicy> => ({
  nodes: plan.basicPolicies,
  rebuild: (basicPolicies) => new Plan({ ...plan, basicPolicies })
})

const areasOf = (plan: Plan, policyNo: number, path: string): Result.Result<Siblings<Area>, NodeNotFound> => {
  const policy = findPolicy(plan, policyNo)
  if (policy === undefined) return Result.fail(new NodeNotFound({ entity: "basicPolicy", key: String(policyNo), path }))
  return Result.succeed({
    nodes: policy.areas,
    rebuild: (areas) =>
      policiesOf(plan).rebuild(
        plan.basicPolicies.map((p) => (p.no === policyNo ? new BasicPolicy({ ...p, areas }) : p))
      )
  })
}

const objectivesOf = (
  plan: Plan,
  ref: AreaRef,
  paths: { readonly policy: string; readonly area: string }
): Result.Result<Siblings<Objective>, NodeNotFound> =>
  Result.flatMap(areasOf(plan, ref.policyNo, paths.policy), (areas) => {
    const area = areas.nodes.find((candidate) => candidate.no === ref.areaNo)
    if (area === undefined)
      return Result.fail(new NodeNotFound({ entity: "area", key: areaKey(ref), path: paths.area }))
    return Result.succeed({
      nodes: area.objectives,
      rebuild: (objectives) =>
        areas.rebuild(areas.nodes.map((a) => (a.no === ref.areaNo ? new Area({ ...a, objectives }) : a)))
    })
  })

const addNode = <N extends TreeNode>(
  siblings: Siblings<N>,
  entity: TreeChange["entity"],
  key: string,
  node: N,
  position: number | undefined
): Result.Result<TreeChange, AlreadyExists | InvalidLifespan> => {
  if (siblings.nodes.some((sibling) => sibling.no === node.no))
    return Result.fail(new AlreadyExists({ entity, key, path: "no" }))
  return Result.map(checkSpan(node), () => {
    const nodes = insertAt(siblings.nodes, node, position)
    return { plan: siblings.rebuild(nodes), entity, key, before: null, after: fieldsOf(node, nodes.indexOf(node)) }
  })
}

const updateNode = <N extends TreeNode>(
  siblings: Siblings<N>,
  entity: TreeChange["entity"],
  key: string,
  no: number,
  path: string,
  position: number | undefined,
  change: (current: N) => N
): Result.Result<TreeChange, NodeNotFound | InvalidLifespan> => {
  const index = siblings.nodes.findIndex((node) => node.no === no)
  if (index < 0) return Result.fail(new NodeNotFound({ entity, key, path }))
  const current = siblings.nodes[index]!
  const next = change(current)
  return Result.map(checkSpan(next), () => {
    const others = siblings.nodes.filter((_, i) => i !== index)
    const nodes = insertAt(others, next, position ?? index)
    return {
      plan: siblings.rebuild(nodes),
      entity,
      key,
      before: fieldsOf(current, index),
      after: fieldsOf(next, nodes.indexOf(next))
    }
  })
}

const policyPath = "param.policyNo"
const areaPaths = { policy: policyPath, area: "param.areaNo" }

export const addPolicy = (plan: Plan, body: BasicPolicyCreate) =>
  addNode(
    policiesOf(plan),
    "basicPolicy",
    String(body.no),
    new BasicPolicy({ no: body.no, title: body.title, areas: [], ...givenYears(body) }),
    body.position
  )

export const updatePolicy = (plan: Plan, policyNo: number, patch: BasicPolicyPatch) =>
  updateNode(
    policiesOf(plan),
    "basicPolicy",
    String(policyNo),
    policyNo,
    policyPath,
    patch.position,
    (policy) =>
      new BasicPolicy({ ...policy, ...(patch.title !== undefined ? { title: patch.title } : {}), ...givenYears(patch) })
  )

export const addArea = (plan: Plan, policyNo: number, body: AreaCreate) =>
  Result.flatMap(areasOf(plan, policyNo, policyPath), (areas) =>
    addNode(
      areas,
      "area",
      areaKey({ policyNo, areaNo: body.no } as AreaRef),
      new Area({ no: body.no, title: body.title, objectives: [], ...givenYears(body) }),
      body.position
    )
  )

export const updateArea = (plan: Plan, ref: AreaRef, patch: AreaPatch) =>
  Result.flatMap(areasOf(plan, ref.policyNo, policyPath), (areas) =>
    updateNode(
      areas,
      "area",
      areaKey(ref),
      ref.areaNo,
      areaPaths.area,
      patch.position,
      (area) =>
        new Area({ ...area, ...(patch.title !== undefined ? { title: patch.title } : {}), ...givenYears(patch) })
    )
  )

export const addObjective = (plan: Plan, ref: AreaRef, body: ObjectiveCreate) =>
  Result.flatMap(objectivesOf(plan, ref, areaPaths), (objectives) =>
    addNode(
      objectives,
      "objective",
      objectiveKey({ ...ref, objectiveNo: body.no }),
      new Objective({ no: body.no, title: body.title, statement: body.statement, ...givenYears(body) }),
      body.position
    )
  )

export const updateObjective = (plan: Plan, ref: ObjectiveRef, patch: ObjectivePatch) =>
  Result.flatMap(objectivesOf(plan, ref, areaPaths), (objectives) =>
    updateNode(
      objectives,
      "objective",
      objectiveKey(ref),
      ref.objectiveNo,
      "param.objectiveNo",
      patch.position,
      (objective) =>
        new Objective({
          ...objective,
          ...(patch.title !== undefined ? { title: patch.title } : {}),
          ...(patch.statement !== undefined ? { statement: patch.statement } : {}),
          ...givenYears(patch)
        })
    )
  )

type Placed = Pick<Initiative, "no" | "policyNo" | "areaNo" | "objectiveNo" | "since" | "until">

/** Initiatives whose years its objective (within its area and policy) does not cover in `plan`. */
const outsideTheirObjective = (plan: Plan, initiatives: ReadonlyArray<Placed>): ReadonlySet<number> =>
  new Set(
    initiatives
      .filter((initiative) => {
        const place = findObjectivePlace(plan, initiative)
        return place === undefined || !covers(effectiveSpanOf(place), initiative)
      })
      .map((initiative) => initiative.no)
  )

/**
 * A tree change that would leave initiatives outside the years of their objective, or targets
 * outside the years of their area or objective (a retired node with things in effect after it):
 * refused, naming them. Only what the change breaks counts; a row that was already outside does
 * not block an unrelated edit.
 */
export const checkTreeChange = (
  before: Plan,
  change: TreeChange,
  initiatives: ReadonlyArray<Placed>,
  targets: ReadonlyArray<TargetPlaced> = []
): Result.Result<TreeChange, StillInUse> => {
  const newly = <K>(outside: (plan: Plan) => ReadonlySet<K>): Array<K> => {
    const already = outside(before)
    return [...outside(change.plan)].filter((key) => !already.has(key))
  }
  const newlyInitiatives = newly((plan) => outsideTheirObjective(plan, initiatives)).sort((a, b) => a - b)
  const newlyTargets = newly((plan) => targetsOutsideTheirPlace(plan, targets))
  const path = change.after.until !== change.before?.until ? "until" : "since"
  return newlyInitiatives.length === 0 && newlyTargets.length === 0
    ? Result.succeed(change)
    : Result.fail(
        new StillInUse({
          entity: change.entity,
          key: change.key,
          path,
          initiatives: newlyInitiatives,
          targets: newlyTargets
        })
      )
}

/** The same for an agency: initiatives naming it must stay within its years. */
export const checkAgencyChange = (
  agency: Agency,
  next: Lifespan,
  initiatives: ReadonlyArray<Pick<Initiative, "no" | "agencies" | "since" | "until">>
): Result.Result<void, StillInUse> => {
  const naming = initiatives.filter((initiative) => initiative.agencies.includes(agency.id))
  const newly = naming
    .filter((initiative) => covers(agency, initiative) && !covers(next, initiative))
    .map((initiative) => initiative.no)
  const path = (next.until ?? null) !== agency.until ? "until" : "since"
  return newly.length === 0
    ? ok
    : Result.fail(new StillInUse({ entity: "agency", key: agency.id, path, initiatives: newly, targets: [] }))
}

/**
 * Where an initiative (new, or as a change leaves it) is placed: an objective of the plan whose
 * years (within its area's and policy's) cover the initiative's, and agencies of the plan in effect
 * over them. `check` says which parts the change touched: an untouched part is not re-judged.
 */
export const checkInitiativePlace = (
  plan: Plan,
  agencies: ReadonlyArray<Agency>,
  initiative: Pick<Initiative, "policyNo" | "areaNo" | "objectiveNo" | "agencies" | "since" | "until">,
  check: { readonly place: boolean; readonly agencies: boolean }
): Result.Result<void, UnknownReference | NotInEffect | InvalidLifespan> =>
  Result.gen(function* () {
    yield* checkSpan(initiative)
    if (check.place) {
      const ref = { policyNo: initiative.policyNo, areaNo: initiative.areaNo, objectiveNo: initiative.objectiveNo }
      if (findPolicy(plan, ref.policyNo) === undefined)
        return yield* Result.fail(
          new UnknownReference({ entity: "basicPolicy", key: String(ref.policyNo), path: "policyNo" })
        )
      if (findArea(plan, ref) === undefined)
        return yield* Result.fail(new UnknownReference({ entity: "area", key: areaKey(ref), path: "areaNo" }))
      const place = findObjectivePlace(plan, ref)
      if (place === undefined)
        return yield* Result.fail(
          new UnknownReference({ entity: "objective", key: objectiveKey(ref), path: "objectiveNo" })
        )
      const span = effectiveSpanOf(place)
      if (!covers(span, initiative)) {
        return yield* Result.fail(
          new NotInEffect({
            entity: "objective",
            key: objectiveKey(ref),
            path: "objectiveNo",
            since: span.since ?? null,
            until: span.until ?? null
          })
        )
      }
    }
    if (check.agencies) {
      for (const [index, id] of initiative.agencies.entries()) {
        const agency = agencies.find((candidate) => candidate.id === id)
        const path = `agencies[${index}]`
        if (agency === undefined) return yield* Result.fail(new UnknownReference({ entity: "agency", key: id, path }))
        if (!covers(agency, initiative))
          return yield* Result.fail(
            new NotInEffect({ entity: "agency", key: id, path, since: agency.since, until: agency.until })
          )
      }
    }
  })

/** Where a target is placed: an area (and objective, when it names one) of the plan, within their years. */
export const checkTargetPlace = (
  plan: Plan,
  target: { readonly policyNo: number; readonly areaNo: number; readonly objectiveNo: number | null } & Lifespan
): Result.Result<void, UnknownReference | NotInEffect | InvalidLifespan> =>
  Result.gen(function* () {
    yield* checkSpan(target)
    const policy = findPolicy(plan, target.policyNo)
    if (policy === undefined)
      return yield* Result.fail(
        new UnknownReference({ entity: "basicPolicy", key: String(target.policyNo), path: "policyNo" })
      )
    const area = findArea(plan, target)
    const areaRef = { policyNo: target.policyNo, areaNo: target.areaNo } as AreaRef
    if (area === undefined)
      return yield* Result.fail(new UnknownReference({ entity: "area", key: areaKey(areaRef), path: "areaNo" }))
    if (target.objectiveNo === null) {
      const span = intersect(policy, area)
      if (!covers(span, target))
        return yield* Result.fail(
          new NotInEffect({
            entity: "area",
            key: areaKey(areaRef),
            path: "areaNo",
            since: span.since ?? null,
            until: span.until ?? null
          })
        )
      return
    }
    const ref = { ...areaRef, objectiveNo: target.objectiveNo } as ObjectiveRef
    const place = findObjectivePlace(plan, ref)
    if (place === undefined)
      return yield* Result.fail(
        new UnknownReference({ entity: "objective", key: objectiveKey(ref), path: "objectiveNo" })
      )
    const span = effectiveSpanOf(place)
    if (!covers(span, target))
      return yield* Result.fail(
        new NotInEffect({
          entity: "objective",
          key: objectiveKey(ref),
          path: "objectiveNo",
          since: span.since ?? null,
          until: span.until ?? null
        })
      )
  })

/** What places a target: its area, its objective (null: the whole area) and its years. */
type TargetPlaced = {
  readonly id: string
  readonly policyNo: number
  readonly areaNo: number
  readonly objectiveNo: number | null
} & Lifespan

/** The targets whose area or objective is missing from the plan or not in effect over their years. */
const targetsOutsideTheirPlace = (plan: Plan, targets: ReadonlyArray<TargetPlaced>): ReadonlySet<string> =>
  new Set(targets.filter((target) => Result.isFailure(checkTargetPlace(plan, target))).map((target) => target.id))
