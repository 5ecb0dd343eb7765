import { Audit, ChangeStamp } from "@sukoyaka/storage"
import { Effect } from "effect"

/**
 * Computed views of a plan (its summary, its initiatives with their evaluations, encoded pages),
 * kept until the plan changes. The plan's audit count is the version: every change of its data
 * writes an entry in the same transaction, so a cached view is never served after a committed
 * change — in this process or another one on the same database.
 *
 * Counting costs a query per request, so the count is remembered with the database's change stamp
 * read before it (ChangeStamp: SQLite's data_version): while the stamp is unchanged nothing was
 * committed anywhere and the count still holds. Without a stamp (PostgreSQL) every request counts.
 */
export const makeViewCache = (options: { readonly capacity?: number; readonly maxBytes?: number } = {}) => {
  const capacity = options.capacity ?? 256
  // Encoded pages can be large (pageSize 200): their bytes are bounded too.
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024
  const entries = new Map<string, { readonly changes: number; readonly value: unknown; readonly bytes: number }>()
  const counted = new Map<string, { readonly stamp: string; readonly changes: number }>()
  let bytes = 0

  /** The plan's version: its audit count, from memory while the change stamp vouches for it. */
  const versionOf = (planId: string): Effect.Effect<number, never, Audit | ChangeStamp> =>
    Effect.flatMap(ChangeStamp, (stamps) => {
      const stamp = stamps.current()
      const known = counted.get(planId)
      if (stamp !== null && known?.stamp === stamp) return Effect.succeed(known.changes)
      return Effect.tap(
        Effect.flatMap(Audit, (audit) => audit.changeCount(planId)),
        (changes) => {
          if (stamp === null) return
          counted.delete(planId)
          counted.set(planId, { stamp, changes })
          // Plan ids come from URLs: keep as many as views, the oldest go first.
          if (counted.size > capacity) counted.delete(counted.keys().next().value!)
        }
      )
    })

  /** The view `key` of the plan at `changes` (a version from versionOf), computed at most once. */
  const at = <A, E, R>(planId: string, changes: number, key: string, compute: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.suspend(() => {
      const id = `${planId}\u0000${key}`
      const hit = entries.get(id)
      if (hit !== undefined && hit.changes === changes) return Effect.succeed(hit.value as A)
      return Effect.tap(compute, (value) => {
        // Map order is insertion order: re-inserting marks the entry as recent, the first is the oldest.
        const previous = entries.get(id)
        if (previous !== undefined) bytes -= previous.bytes
        entries.delete(id)
        const size = value instanceof Uint8Array ? value.byteLength : typeof value === "object" && value !== null && "body" in value && value.body instanceof Uint8Array ? value.body.byteLength : 0
        entries.set(id, { changes, value, bytes: size })
        bytes += size
        while (entries.size > capacity || (bytes > maxBytes && entries.size > 1)) {
          const oldest = entries.keys().next().value!
          bytes -= entries.get(oldest)!.bytes
          entries.delete(oldest)
        }
      })
    })

  /**
   * The view without running an Effect, when the stamp vouches for the plan's version and the view
   * is cached at it; undefined when `view` must run (first request, a change, PostgreSQL).
   */
  const peek = <A>(stamps: ChangeStamp, planId: string, key: string): A | undefined => {
    const stamp = stamps.current()
    const known = counted.get(planId)
    if (stamp === null || known?.stamp !== stamp) return undefined
    const hit = entries.get(`${planId}\u0000${key}`)
    return hit !== undefined && hit.changes === known.changes ? (hit.value as A) : undefined
  }

  /** The view `key` of the plan as it is now. */
  const view = <A, E, R>(planId: string, key: string, compute: Effect.Effect<A, E, R>): Effect.Effect<A, E, R | Audit | ChangeStamp> =>
    Effect.flatMap(versionOf(planId), (changes) => at(planId, changes, key, compute))

  return Object.assign(view, { versionOf, at, peek })
}

export type ViewCache = ReturnType<typeof makeViewCache>
