/**
 * Bounds the argon2 work of sign-in. Each verification costs ~50 ms of a core and 19 MiB (it runs
 * in libuv's thread pool, packages/app/src/Security.ts), so a burst of attempts queued behind one
 * another used to hold every request past the API's timeout (a flood of 150 answered 503 to
 * everyone for ~17 s). Here:
 * - one address has at most `perAddress` attempts in flight; more are refused at once (429);
 * - at most `concurrency` verifications run together, at most `maxWaiting` wait; beyond that an
 *   attempt is refused at once (503) instead of joining a queue that would outlast its timeout.
 * A flood from one address therefore costs a few verifications at a time, and a sign-in from
 * anywhere else waits behind at most `concurrency + maxWaiting` of them.
 *
 * The verifications' queue is p-limit's: this code is promise-based (a Hono handler), where p-limit
 * is the well-kept limiter; code that is already an Effect bounds its work with Effect's
 * `Semaphore` instead (as storage's SQLite client lends its connection).
 */
import pLimit from "p-limit"

export type Admission =
  | { readonly verify: <A>(work: () => Promise<A>) => Promise<A>; readonly leave: () => void }
  | "addressBusy"
  | "overloaded"

export const makeSignInGate = (options: {
  readonly perAddress: number
  readonly concurrency: number
  readonly maxWaiting: number
}) => {
  const inFlight = new Map<string, number>()
  const verifications = pLimit(options.concurrency)

  const admit = (address: string): Admission => {
    const current = inFlight.get(address) ?? 0
    if (current >= options.perAddress) return "addressBusy"
    // Every slot taken and the queue full. (A queue forms only while every slot is taken, so the
    // sum is the test; it also holds while p-limit hands a freed slot to the next in line.)
    if (verifications.activeCount + verifications.pendingCount >= options.concurrency + options.maxWaiting)
      return "overloaded"
    inFlight.set(address, current + 1)
    let left = false
    return {
      verify: (work) => verifications(work),
      leave: () => {
        if (left) return
        left = true
        const remaining = (inFlight.get(address) ?? 1) - 1
        if (remaining <= 0) inFlight.delete(address)
        else inFlight.set(address, remaining)
      }
    }
  }

  return { admit }
}
