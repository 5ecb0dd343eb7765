/**
 * The sliding-window counter (as in Cloudflare's and most gateways' rate limiters): the hits of the
 * current fixed window plus the previous window's, weighted by how much of it still lies within the
 * last `windowSeconds`. A fixed window alone lets twice the limit through around a boundary, and
 * forgets a burst the moment the clock crosses one; this estimate does neither, with two counters
 * per key. The weighted part is rounded up, so a hit is never forgotten early.
 */
export interface WindowCounts {
  /** Hits in the current window, this one included. */
  readonly count: number
  /** Hits in the window just before it (0 when the key was idle for a whole window). */
  readonly previousCount: number
}

export interface SlidingVerdict {
  readonly allowed: boolean
  /** The estimated hits within the last window. */
  readonly count: number
  readonly remaining: number
  /** When a next hit would be allowed, if nobody else hits meanwhile (0 when it would be now). */
  readonly retryAfterSeconds: number
}

/** The start of the fixed window that `now` falls in, and of the one before it. */
export const windowStarts = (now: number, windowSeconds: number) => {
  const length = windowSeconds * 1000
  const start = Math.floor(now / length) * length
  return { start, previousStart: start - length }
}

/** The previous window's hits still within the last window, rounded up (integers first: exact at whole points). */
const weighted = (previousCount: number, elapsed: number, length: number) =>
  Math.ceil((previousCount * (length - elapsed)) / length)

export const slidingVerdict = (
  { count, previousCount }: WindowCounts,
  now: number,
  limit: number,
  windowSeconds: number
): SlidingVerdict => {
  const length = windowSeconds * 1000
  const { start } = windowStarts(now, windowSeconds)
  const estimate = weighted(previousCount, now - start, length) + count
  return {
    allowed: estimate <= limit,
    count: estimate,
    remaining: Math.max(0, limit - estimate),
    retryAfterSeconds: Math.max(
      0,
      Math.ceil((nextAllowedAt({ count, previousCount }, start, limit, length) - now) / 1000)
    )
  }
}

/**
 * The first moment a further hit fits under `limit`: later in this window once the previous
 * window's weight has decayed enough, else in the next window once this one's has.
 * (ceil(x) ≤ k ⇔ x ≤ k for an integer k, so each bound is exact.)
 */
const nextAllowedAt = ({ count, previousCount }: WindowCounts, start: number, limit: number, length: number) => {
  const roomNow = limit - count - 1
  if (roomNow >= 0) return start + decayedBy(previousCount, roomNow, length)
  return start + length + decayedBy(count, limit - 1, length)
}

/** How far into a window `hits` of the one before weigh no more than `room`. */
const decayedBy = (hits: number, room: number, length: number) => (hits <= room ? 0 : (length * (hits - room)) / hits)
