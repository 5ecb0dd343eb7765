/**
 * N clients updating the same and different reviews for a while, over one or several API
 * processes: no lost update (every refusal is a 412, each version acknowledged once), the final
 * state equals the acknowledged changes, the audit log complete — every acknowledged write
 * exactly once, with its actor, before and after, and nothing else.
 */
import { PLAN, SEED_YEAR, type TestDatabase } from "./harness.ts"
import { percentile } from "./http.ts"
import {
  emptyTally,
  lastAuditId,
  mergeTallies,
  type ReviewRef,
  verifyAgainstAcks,
  versionsOf,
  writer
} from "./writers.ts"

/** Three reviews every client writes (contention), and one of its own per client. */
const hotRefs: ReadonlyArray<ReviewRef> = [57, 58, 59].map((no) => ({ no, year: SEED_YEAR }))
const ownNos = [
  60, 61, 62, 63, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90
]

export const runConcurrency = async (options: {
  db: TestDatabase
  servers: ReadonlyArray<string>
  tokens: ReadonlyArray<string>
  clients: number
  seconds: number
}) => {
  const own = ownNos.slice(0, options.clients).map((no) => ({ no, year: SEED_YEAR }))
  const refs = [...hotRefs, ...own]
  const since = await lastAuditId(options.db)
  const start = await versionsOf(options.db, PLAN, refs)
  const until = Date.now() + options.seconds * 1000
  const tallies = Array.from({ length: options.clients }, emptyTally)
  const started = performance.now()
  await Promise.all(
    tallies.map((tally, index) =>
      writer({
        id: `c${index}`,
        // Client i starts on server i mod n, and alternates between them as a balancer would.
        servers: options.servers.map((_, k) => options.servers[(index + k) % options.servers.length]!),
        token: options.tokens[index % options.tokens.length]!,
        plan: PLAN,
        pick: (n) => (n % 2 === 0 ? hotRefs[(index + n) % hotRefs.length]! : own[index]!),
        stop: () => Date.now() >= until,
        tally
      })
    )
  )
  const elapsed = (performance.now() - started) / 1000
  const tally = mergeTallies(tallies)
  const verdict = await verifyAgainstAcks(options.db, PLAN, refs, tally.acks, since, start, true)
  const hotAcks = tally.acks.filter((ack) => hotRefs.some((ref) => ref.no === ack.no)).length
  return {
    figures: {
      clients: options.clients,
      processes: options.servers.length,
      seconds: Math.round(elapsed * 10) / 10,
      requests: tally.requests,
      puts: tally.puts,
      acknowledged: tally.acks.length,
      acknowledgedOnSharedReviews: hotAcks,
      conflicts412: tally.conflicts,
      otherStatuses: tally.unexpected.length,
      unanswered: tally.unanswered,
      acknowledgedChecked: verdict.acknowledgedChecked,
      auditEntries: verdict.auditEntries,
      requestsPerSecond: Math.round(tally.requests / elapsed),
      p50ms: Math.round(percentile(tally.latenciesMs, 50)),
      p99ms: Math.round(percentile(tally.latenciesMs, 99))
    },
    problems: [
      ...verdict.problems,
      ...tally.unexpected.slice(0, 10).map((u) => `unexpected ${u.status}: ${u.text}`),
      ...(tally.unanswered ? [`${tally.unanswered} requests unanswered`] : [])
    ],
    tally,
    verdict
  }
}
