import { LRUCache } from "lru-cache"

/**
 * Active API tokens by hash, remembered between requests so that a request whose token was checked
 * a moment ago does not query the database again. An entry is trusted only while
 * - the database's change stamp is the one read before the entry was loaded (SQLite: nothing was
 *   committed since, by any process, so the token cannot have been revoked), or, where there is no
 *   stamp (PostgreSQL), for `recheckMs` at most (0 by default: not at all);
 * - the token has not expired (checked against the clock on every use);
 * - its last use was recorded less than `lastUsedResolutionMs` ago (older: the database is asked,
 *   which records the use).
 * `invalidate()` (a revocation, a user change in this process) forgets every entry and refuses the
 * ones whose query started before it, so a revoked token is refused at once in this process.
 * Unknown tokens are never remembered: guessing cannot fill the cache.
 */
export interface CachedToken {
  readonly expiresAt: string | null
  readonly lastUsedAt: string | null
}

interface Entry<T> {
  readonly token: T
  readonly stamp: string | null
  readonly loadedAt: number
}

export const makeTokenCache = <T extends CachedToken>(options: {
  readonly recheckMs: number
  readonly lastUsedResolutionMs: number
  readonly capacity: number
}) => {
  // Bounded: the least recently used entry goes when a new token would exceed `capacity`.
  const entries = new LRUCache<string, Entry<T>>({ max: options.capacity })
  let generation = 0

  return {
    /** The token if the entry can be trusted at `now` with the database at `stamp`. */
    get: (tokenHash: string, stamp: string | null, now: number): T | undefined => {
      const entry = entries.get(tokenHash)
      if (entry === undefined) return undefined
      const unchanged = stamp !== null ? entry.stamp === stamp : now - entry.loadedAt < options.recheckMs
      // The clock as text only for a token that expires: this runs on every authenticated request.
      const expired = entry.token.expiresAt !== null && entry.token.expiresAt <= new Date(now).toISOString()
      const useToRecord =
        entry.token.lastUsedAt === null ||
        entry.token.lastUsedAt < new Date(now - options.lastUsedResolutionMs).toISOString()
      if (unchanged && !expired && !useToRecord) return entry.token
      entries.delete(tokenHash)
      return undefined
    },
    /** Taken before the query; `set` ignores a result loaded before the latest `invalidate`. */
    generation: () => generation,
    set: (
      tokenHash: string,
      token: T,
      loaded: { readonly stamp: string | null; readonly at: number; readonly generation: number }
    ) => {
      if (loaded.generation !== generation) return
      entries.set(tokenHash, { token, stamp: loaded.stamp, loadedAt: loaded.at })
    },
    invalidate: () => {
      generation += 1
      entries.clear()
    }
  }
}
