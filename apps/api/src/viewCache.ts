import { Audit, ChangeStamp } from "@sukoyaka/storage"
import { Effect } from "effect"
import { LRUCache } from "lru-cache"

/** The bytes a view holds when it is encoded JSON (a CachedJson or bare bytes); 0 for other views. */
const bytesOf = (value: unknown): number =>
  value instanceof Uint8Array
    ? value.byteLength
    : typeof value === "object" && value !== null && "body" in value && value.body instanceof Uint8Array
      ? value.body.byteLength
      : 0

/**
 * Computed views of a plan (its summary, its initiatives with their evaluations, encoded pages),
 * kept until the plan changes. The plan's audit count is the version: every change of its data
 * writes an entry in the same transaction, so a cached view is never served after a committed
 * change — in this process or another one on the same database.
 *
 * Counting costs a query per request, so the count is remembered with the database's change stamp
 * read before it (ChangeStamp: SQLite's data_version, PostgreSQL's LISTEN/NOTIFY): while the stamp
 * is unchanged nothing was committed anywhere and the count still holds. Without a stamp (the
 * PostgreSQL listener reconnecting) every request counts.
 */
export const makeViewCache = (options: { readonly capacity?: number; readonly maxBytes?: number } = {}) => {
  const capacity = options.capacity ?? 256
  // Encoded pages can be large (pageSize 200): their bytes are bounded too. A single view larger
  // than the whole bound is not kept at all (lru-cache's maxEntrySize defaults to maxSize).
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024
  const entries = new LRUCache<string, { readonly changes: number; readonly value: unknown }>({
    max: capacity,
    maxSize: maxBytes,
    sizeCalculation: (entry) => Math.max(1, bytesOf(entry.value))
  })
  // Plan ids come from URLs: keep as many as views, the least recently used go first.
  const counted = new LRUCache<string, { readonly stamp: string; readonly changes: number }>({ max: capacity })

  /**
   * Work in flight, shared by the requests that arrive while it runs: under load a change used to
   * send every waiting reader to count and to compute the same view at once (200 readers, 200
   * summaries), which held PostgreSQL's pool past the request timeout (bench/src/benches/cycle.ts).
   * A count is shared only between requests that read the same stamp (so nothing was committed
   * between the query's start and the later request), a view only at the same version.
   */
  const counting = new Map<string, { readonly stamp: string; readonly run: Effect.Effect<number> }>()
  const computing = new Map<string, { readonly changes: number; readonly run: Effect.Effect<unknown, unknown> }>()

  /** `effect` run once for everyone who asks while it runs; `forget` when it is done. */
  const shared = <A, E, R>(
    effect: Effect.Effect<A, E, R>,
    remember: (run: Effect.Effect<A, E, R>) => void,
    forget: () => void
  ) =>
    Effect.flatMap(Effect.cached(Effect.ensuring(effect, Effect.sync(forget))), (run) => {
      remember(run)
      return run
    })

  /** The plan's version: its audit count, from memory while the change stamp vouches for it. */
  const versionOf = (planId: string): Effect.Effect<number, never, Audit | ChangeStamp> =>
    ChangeStamp.use((stamps) => {
      const stamp = stamps.current()
      const known = counted.get(planId)
      if (stamp !== null && known?.stamp === stamp) return Effect.succeed(known.changes)
      const count = Effect.tap(
        Audit.use((audit) => audit.changeCount(planId)),
        (changes) =>
          Effect.sync(() => {
            if (stamp !== null) counted.set(planId, { stamp, changes })
          })
      )
      if (stamp === null) return count
      const running = counting.get(planId)
      if (running?.stamp === stamp) return running.run
      return Effect.flatMap(Effect.context<Audit>(), (context) =>
        shared(
          Effect.provideContext(count, context),
          (run) => void counting.set(planId, { stamp, run }),
          () => {
            if (counting.get(planId)?.stamp === stamp) counting.delete(planId)
          }
        )
      )
    })

  /** The view `key` of the plan at `changes` (a version from versionOf), computed at most once. */
  const at = <A, E, R>(
    planId: string,
    changes: number,
    key: string,
    compute: Effect.Effect<A, E, R>
  ): Effect.Effect<A, E, R> =>
    Effect.suspend(() => {
      const id = `${planId}\u0000${key}`
      const hit = entries.get(id)
      if (hit !== undefined && hit.changes === changes) return Effect.succeed(hit.value as A)
      const running = computing.get(id)
      if (running?.changes === changes) return running.run as Effect.Effect<A, E, R>
      return shared(
        Effect.tap(compute, (value) => Effect.sync(() => void entries.set(id, { changes, value }))),
        (run) => void computing.set(id, { changes, run: run as Effect.Effect<unknown, unknown> }),
        () => {
          if (computing.get(id)?.changes === changes) computing.delete(id)
        }
      )
    })

  /**
   * The view without running an Effect, when `stamp` (the change stamp the request read, once, at
   * its start: app.ts) vouches for the plan's version and the view is cached at it; undefined when
   * `view` must run (first request, a change, no stamp).
   */
  const peek = <A>(stamp: string | null, planId: string, key: string): A | undefined => {
    if (stamp === null) return undefined
    const known = counted.get(planId)
    if (known?.stamp !== stamp) return undefined
    const hit = entries.get(`${planId}\u0000${key}`)
    return hit !== undefined && hit.changes === known.changes ? (hit.value as A) : undefined
  }

  /** The view `key` of the plan as it is now. */
  const view = <A, E, R>(
    planId: string,
    key: string,
    compute: Effect.Effect<A, E, R>
  ): Effect.Effect<A, E, R | Audit | ChangeStamp> =>
    Effect.flatMap(versionOf(planId), (changes) => at(planId, changes, key, compute))

  return Object.assign(view, { versionOf, at, peek })
}

export type ViewCache = ReturnType<typeof makeViewCache>
