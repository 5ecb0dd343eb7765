import { Result } from "effect"
import type { FiscalYear } from "./FiscalYear.ts"
import { isEmptySpan, type Lifespan } from "./Lifespan.ts"
import type { FieldChange } from "./PlanChange.ts"
import { DuplicateInDefinition, type PlanDefinition } from "./PlanDefinition.ts"
import { InvalidLifespan, relocate, type StructureError } from "./StructureError.ts"

/* How a plan-definition file is compared with the plan: field by field, years in two steps. */

/** Equal as data (JSON values): the file's arrays and records against the stored ones. */
const sameValue = (a: unknown, b: unknown): boolean => {
  if (a === b) return true
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a)) {
    const other = b as ReadonlyArray<unknown>
    return a.length === other.length && a.every((item, index) => sameValue(item, other[index]))
  }
  const keysOf = (value: object) =>
    Object.keys(value).filter((key) => (value as Record<string, unknown>)[key] !== undefined)
  const keys = keysOf(a)
  return (
    keys.length === keysOf(b).length &&
    keys.every((key) => sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
  )
}

/** The keys whose value in `next` differs from `current`'s: the patch (next's values) and its lines. */
export const differences = <N extends object, K extends keyof N & string>(
  keys: ReadonlyArray<K>,
  current: object,
  next: N
): { readonly patch: Partial<Pick<N, K>>; readonly fields: ReadonlyArray<FieldChange> } => {
  const before = (key: K) => (current as Record<string, unknown>)[key] ?? null
  const after = (key: K) => next[key] ?? null
  const changed = keys.filter((key) => !sameValue(before(key), after(key)))
  return {
    patch: Object.fromEntries(changed.map((key) => [key, after(key)])) as Partial<Pick<N, K>>,
    fields: changed.map((field) => ({ field, before: before(field), after: after(field) }))
  }
}

interface Span {
  readonly since: FiscalYear | null
  readonly until: FiscalYear | null
}

export const spanOf = (entity: Lifespan): Span => ({
  since: (entity.since ?? null) as FiscalYear | null,
  until: (entity.until ?? null) as FiscalYear | null
})

/**
 * A change of years in two steps: first to the hull of both spans (only ever wider, so nothing
 * placed within the old years falls out), last to the new span (only ever narrower).
 */
export const spanSteps = (current: Lifespan, next: Lifespan) => {
  const before = spanOf(current)
  const after = spanOf(next)
  const hull: Span = {
    since: before.since === null || after.since === null ? null : (Math.min(before.since, after.since) as FiscalYear),
    until: before.until === null || after.until === null ? null : (Math.max(before.until, after.until) as FiscalYear)
  }
  const keys = ["since", "until"] as const
  return { widen: differences(keys, before, hull), narrow: differences(keys, hull, after) }
}

export const isEmpty = (record: object) => Object.keys(record).length === 0

export const emptySpanAt = (path: string, span: Lifespan): Result.Result<void, InvalidLifespan> =>
  isEmptySpan(span)
    ? Result.fail(new InvalidLifespan({ since: span.since!, until: span.until!, path: `${path}.until` }))
    : Result.succeed(undefined)

/** The first entry whose key an earlier one has: the file must name each thing once. */
const duplicateOf = <A>(
  items: ReadonlyArray<A>,
  keyOf: (item: A) => string,
  entity: string,
  pathOf: (index: number) => string
): Result.Result<void, DuplicateInDefinition> => {
  const seen = new Map<string, number>()
  for (const [index, item] of items.entries()) {
    const key = keyOf(item)
    const first = seen.get(key)
    if (first !== undefined)
      return Result.fail(new DuplicateInDefinition({ entity, key, path: pathOf(index), firstPath: pathOf(first) }))
    seen.set(key, index)
  }
  return Result.succeed(undefined)
}

export const checkDuplicates = (definition: PlanDefinition): Result.Result<void, DuplicateInDefinition> =>
  Result.gen(function* () {
    const policies = definition.plan.basicPolicies
    yield* duplicateOf(
      policies,
      (p) => String(p.no),
      "basicPolicy",
      (i) => `plan.basicPolicies[${i}].no`
    )
    for (const [p, policy] of policies.entries()) {
      const policyPath = `plan.basicPolicies[${p}]`
      yield* duplicateOf(
        policy.areas,
        (a) => `${policy.no}-${a.no}`,
        "area",
        (i) => `${policyPath}.areas[${i}].no`
      )
      for (const [a, area] of policy.areas.entries()) {
        yield* duplicateOf(
          area.objectives,
          (o) => `${policy.no}-${area.no}-${o.no}`,
          "objective",
          (i) => `${policyPath}.areas[${a}].objectives[${i}].no`
        )
      }
    }
    yield* duplicateOf(
      definition.agencies,
      (a) => a.id,
      "agency",
      (i) => `agencies[${i}].id`
    )
    yield* duplicateOf(
      definition.initiatives,
      (a) => String(a.no),
      "initiative",
      (i) => `initiatives[${i}].no`
    )
    yield* duplicateOf(
      definition.targets,
      (t) => t.id,
      "target",
      (i) => `targets[${i}].id`
    )
  })

/** A failing tree step's error, at the file's entry it comes from. */
export const at = <A, E extends StructureError>(
  path: string,
  result: Result.Result<A, E>
): Result.Result<A, StructureError> => Result.mapError(result, (error) => relocate(error, path))
