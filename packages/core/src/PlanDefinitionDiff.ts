import { Result } from "effect"
import type { Agency } from "./Agency.ts"
import type { AgencyPatch, InitiativePatch, TargetCreate, TargetPatch } from "./api/Structure.ts"
import type { Initiative } from "./Initiative.ts"
import { revisedFieldNames } from "./InitiativeRevision.ts"
import { Plan } from "./Plan.ts"
import type { PlanChange, PlanIdentityPatch, TargetFigures } from "./PlanChange.ts"
import {
  agencyOfDefinition,
  type DefinedTarget,
  type DuplicateInDefinition,
  initiativeOfDefinition,
  type PlanContents,
  type PlanDefinition
} from "./PlanDefinition.ts"
import { at, checkDuplicates, differences, emptySpanAt, isEmpty, spanSteps } from "./PlanDefinitionCompare.ts"
import { diffTree } from "./PlanDefinitionTreeDiff.ts"
import { checkInitiativePlace, checkTargetPlace } from "./PlanTree.ts"
import type { StructureError } from "./StructureError.ts"
import type { Target } from "./Target.ts"

/*
 * What loading a plan-definition file changes (ADR 0010, "Whole-plan import"): a pure function of
 * the plan as it is (or none) and the file, giving the ordered list of structure commands that
 * turn one into the other. Applied in order, every change goes through the same command (audited,
 * versioned) as when a person makes it; an unchanged file gives no change at all.
 *
 * Order: the plan; the tree (file order, each node before what is under it); agencies;
 * initiatives; targets; last, the years that narrow (a node's or agency's retirement), so that the
 * initiatives the file retires with it are retired first. A span that both widens and narrows
 * widens first (to both spans' hull) and narrows last.
 */

export type PlanDefinitionProblem = DuplicateInDefinition | StructureError

const initiativeKeys = [...revisedFieldNames, "notes", "since", "until"] as const satisfies ReadonlyArray<
  keyof InitiativePatch
>

const targetKeys = [
  "policyNo",
  "areaNo",
  "objectiveNo",
  "indicator",
  "text",
  "unit",
  "kind",
  "direction",
  "population",
  "targetValue",
  "targetYear",
  "since",
  "until"
] as const satisfies ReadonlyArray<keyof TargetPatch>

/**
 * The changes that make the plan `current` (none: not in the database yet) what `definition`
 * says, in the order they are to be applied; or the first entry of the file that cannot be
 * applied, named by its path. Deterministic: the same inputs give the same list.
 */
export const diffPlanDefinition = (
  current: PlanContents | undefined,
  definition: PlanDefinition
): Result.Result<ReadonlyArray<PlanChange>, PlanDefinitionProblem> =>
  Result.gen(function* () {
    yield* checkDuplicates(definition)
    const defined = definition.plan
    const first: Array<PlanChange> = []
    const last: Array<PlanChange> = []

    // The plan itself: created bare (its tree follows node by node), or its own fields updated.
    let plan: Plan
    if (current === undefined) {
      plan = new Plan({ ...defined, basicPolicies: [] })
      first.push({ _tag: "CreatePlan", path: "plan", key: defined.id, title: defined.title, fields: [], plan })
    } else {
      plan = current.plan
      const { patch, fields } = differences(["city", "title", "vision", "goal"], plan, defined)
      if (fields.length > 0) {
        first.push({
          _tag: "UpdatePlan",
          path: "plan",
          key: defined.id,
          title: defined.title,
          fields,
          patch: patch as PlanIdentityPatch
        })
        plan = new Plan({ ...plan, ...(patch as PlanIdentityPatch) })
      }
    }

    // The tree; then the rest, judged against the plan as the file leaves it.
    const tree = yield* diffTree(plan, defined.basicPolicies)
    plan = tree.plan
    first.push(...tree.first)
    last.push(...tree.last)

    // Agencies: what initiatives name must be there (in their years) before them.
    const agencies = new Map<string, Agency>((current?.agencies ?? []).map((agency) => [agency.id, agency]))
    for (const [i, agency] of definition.agencies.entries()) {
      const path = `agencies[${i}]`
      yield* emptySpanAt(path, agency)
      const existing = agencies.get(agency.id)
      agencies.set(agency.id, agencyOfDefinition(agency, existing?.position ?? agency.position ?? 0))
      if (existing === undefined) {
        first.push({ _tag: "CreateAgency", path, key: agency.id, title: agency.name, fields: [], body: agency })
        continue
      }
      // A file without an agency's position leaves its place as it is.
      const keys = [
        "name",
        "kind",
        "reading",
        ...(agency.position !== undefined ? (["position"] as const) : [])
      ] as const
      const own = differences(keys, existing, agency)
      const { widen, narrow } = spanSteps(existing, agency)
      const patch = { ...own.patch, ...widen.patch } as AgencyPatch
      const common = { path, key: agency.id, title: agency.name, agencyId: agency.id }
      if (!isEmpty(patch))
        first.push({
          _tag: "UpdateAgency",
          ...common,
          fields: [...own.fields, ...widen.fields],
          version: existing.version,
          patch
        })
      if (!isEmpty(narrow.patch))
        last.push({
          _tag: "UpdateAgency",
          ...common,
          fields: narrow.fields,
          // After the first step the agency's version has risen by one.
          version: existing.version + (isEmpty(patch) ? 0 : 1),
          patch: narrow.patch as AgencyPatch
        })
    }
    const finalAgencies = [...agencies.values()]

    // Initiatives, each placed (as it will be) under an objective and agencies of the plan the file makes.
    const initiatives = new Map<number, Initiative>((current?.initiatives ?? []).map((i) => [i.no, i]))
    for (const [i, initiative] of definition.initiatives.entries()) {
      const path = `initiatives[${i}]`
      const next = initiativeOfDefinition(defined.id, initiative)
      const existing = initiatives.get(initiative.no)
      const key = String(initiative.no)
      if (existing === undefined) {
        yield* at(path, checkInitiativePlace(plan, finalAgencies, next, { place: true, agencies: true }))
        first.push({ _tag: "CreateInitiative", path, key, title: initiative.name, fields: [], body: initiative })
        continue
      }
      const { patch, fields } = differences(initiativeKeys, existing, next)
      if (fields.length === 0) continue
      const touched = new Set(fields.map((field) => field.field))
      const years = touched.has("since") || touched.has("until")
      const moved = touched.has("policyNo") || touched.has("areaNo") || touched.has("objectiveNo")
      yield* at(
        path,
        checkInitiativePlace(plan, finalAgencies, next, {
          place: moved || years,
          agencies: touched.has("agencies") || years
        })
      )
      first.push({
        _tag: "UpdateInitiative",
        path,
        key,
        title: initiative.name,
        fields,
        no: initiative.no,
        version: existing.version,
        patch: patch as InitiativePatch
      })
    }

    // Targets, in the file's order among the plan's targets (those it leaves out after them).
    const targets = new Map<string, Target>((current?.targets ?? []).map((target) => [target.id, target]))
    const order = (current?.targets ?? []).map((target) => target.id as string)
    const placeAt = (id: string, index: number) => {
      const others = order.filter((other) => other !== id)
      order.splice(0, order.length, ...others.slice(0, index), id, ...others.slice(index))
    }
    for (const [i, target] of definition.targets.entries()) {
      const path = `targets[${i}]`
      const existing = targets.get(target.id)
      const next = withFigures(target, existing)
      yield* at(path, checkTargetPlace(plan, next))
      if (existing === undefined) {
        placeAt(target.id, i)
        const body: TargetCreate = {
          ...target,
          baseline: target.baseline ?? null,
          observations: target.observations ?? [],
          position: i
        }
        first.push({ _tag: "CreateTarget", path, key: target.id, title: target.indicator, fields: [], body })
        continue
      }
      const keys = [
        ...targetKeys,
        // A file without `per`, `method` or `initiativeNos` leaves them as they are (the command cannot clear them).
        ...(target.per !== undefined ? (["per"] as const) : []),
        ...(target.method !== undefined ? (["method"] as const) : []),
        ...(target.initiativeNos !== undefined ? (["initiativeNos"] as const) : [])
      ]
      const own = differences(keys, existing, next)
      const figures = differences(["baseline", "observations"], existing, next)
      const index = order.indexOf(target.id)
      const moved = index !== i ? [{ field: "position", before: index, after: i }] : []
      if (index !== i) placeAt(target.id, i)
      if (own.fields.length === 0 && figures.fields.length === 0 && moved.length === 0) continue
      first.push({
        _tag: "UpdateTarget",
        path,
        key: target.id,
        title: target.indicator,
        fields: [...own.fields, ...moved, ...figures.fields],
        targetId: target.id,
        version: existing.version ?? 1,
        patch: { ...own.patch, ...(moved.length > 0 ? { position: i } : {}) } as TargetPatch,
        figures: figures.patch as TargetFigures
      })
    }

    return [...first, ...last]
  })

/** The target as a file leaves it: its figures from the file where it gives them, else as they are. */
const withFigures = (target: DefinedTarget, existing: Target | undefined): Target => {
  const { baseline, observations, since, until, ...fields } = target
  return {
    ...fields,
    baseline: baseline !== undefined ? baseline : (existing?.baseline ?? null),
    observations: observations ?? existing?.observations ?? [],
    since: since ?? null,
    until: until ?? null,
    ...(existing?.version !== undefined ? { version: existing.version } : {})
  }
}
