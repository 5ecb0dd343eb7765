import { Audit } from "@sukoyaka/storage"
import { Effect } from "effect"

/**
 * Computed views of a plan (its summary, its initiatives with their evaluations), kept until the
 * plan changes. The plan's audit count is the version: every change of its data writes an entry
 * in the same transaction, so a cached view is never served after a committed change — in this
 * process or another one on the same database.
 */
export const makeViewCache = (capacity = 256) => {
  const entries = new Map<string, { readonly changes: number; readonly value: unknown }>()
  return <A, E, R>(planId: string, key: string, compute: Effect.Effect<A, E, R>): Effect.Effect<A, E, R | Audit> =>
    Effect.gen(function* () {
      const changes = yield* (yield* Audit).changeCount(planId)
      const id = `${planId}\u0000${key}`
      const hit = entries.get(id)
      if (hit !== undefined && hit.changes === changes) return hit.value as A
      const value = yield* compute
      // Map order is insertion order: re-inserting marks the entry as recent, the first is the oldest.
      entries.delete(id)
      entries.set(id, { changes, value })
      if (entries.size > capacity) entries.delete(entries.keys().next().value!)
      return value
    })
}

export type ViewCache = ReturnType<typeof makeViewCache>
