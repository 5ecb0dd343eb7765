/**
 * Clients that update reviews as a person would (GET, change, PUT with If-Match) and remember what
 * the server acknowledged; and the check of the database against those acknowledgements through
 * the rows and the audit log.
 */
import { call } from "./http.ts"
import { reviewPath, type TestDatabase } from "./harness.ts"

export interface ReviewRef {
  readonly no: number
  readonly year: number
}

const keyString = (plan: string, ref: ReviewRef) => `${plan}/${ref.no}/${ref.year}`

/** A write the server answered 200 with an ETag: it must be in the database, whatever happens next. */
export interface Ack {
  readonly no: number
  readonly year: number
  readonly version: number
  readonly ratingReason: string
  readonly actions: string
  readonly server: string
}

export interface WriterTally {
  acks: Array<Ack>
  conflicts: number
  /** Statuses other than 200 and 412 on a PUT, and other than 200 on a GET: each is a finding. */
  unexpected: Array<{ status: number; text: string }>
  /** Requests that got no answer (the process was killed under them). */
  unanswered: number
  requests: number
  gets: number
  puts: number
  latenciesMs: Array<number>
}

export const emptyTally = (): WriterTally => ({
  acks: [],
  conflicts: 0,
  unexpected: [],
  unanswered: 0,
  requests: 0,
  gets: 0,
  puts: 0,
  latenciesMs: []
})

export const mergeTallies = (tallies: ReadonlyArray<WriterTally>): WriterTally => ({
  acks: tallies.flatMap((t) => t.acks),
  conflicts: tallies.reduce((n, t) => n + t.conflicts, 0),
  unexpected: tallies.flatMap((t) => t.unexpected),
  unanswered: tallies.reduce((n, t) => n + t.unanswered, 0),
  requests: tallies.reduce((n, t) => n + t.requests, 0),
  gets: tallies.reduce((n, t) => n + t.gets, 0),
  puts: tallies.reduce((n, t) => n + t.puts, 0),
  latenciesMs: tallies.flatMap((t) => t.latenciesMs)
})

/**
 * One client: until `stop()` says so, picks a review (`pick`), GETs it, changes two text fields to
 * values nobody else writes, and PUTs it back with the ETag it read. Which server it talks to may
 * change per request (`servers`), as behind a load balancer.
 */
export const writer = async (options: {
  readonly id: string
  readonly servers: ReadonlyArray<string>
  readonly token: string
  readonly plan: string
  readonly pick: (n: number) => ReviewRef
  readonly stop: () => boolean
  readonly tally: WriterTally
  /** Pause between writes (ms), for a steady rate; 0 = as fast as the server answers. */
  readonly pauseMs?: number
}) => {
  const { tally } = options
  for (let n = 0; !options.stop(); n++) {
    const ref = options.pick(n)
    const server = options.servers[n % options.servers.length]!
    const reader = options.servers[(n + 1) % options.servers.length]!
    try {
      tally.requests++
      tally.gets++
      const read = await call<Record<string, unknown>>(reader, "GET", reviewPath(ref.no, ref.year), {
        token: options.token
      })
      tally.latenciesMs.push(read.ms)
      if (read.status !== 200) {
        tally.unexpected.push({ status: read.status, text: read.text.slice(0, 300) })
        continue
      }
      const etag = read.headers.get("etag")!
      const ratingReason = `${options.id}#${n} 理由 <b>${n}</b>`
      const actions = `${options.id}#${n} 実施 '; --`
      tally.requests++
      tally.puts++
      const written = await call<{ version: number }>(server, "PUT", reviewPath(ref.no, ref.year), {
        token: options.token,
        json: { ...read.body, ratingReason, actions },
        headers: { "if-match": etag }
      })
      tally.latenciesMs.push(written.ms)
      if (written.status === 200 && written.headers.get("etag")) {
        const version = Number(/"v(\d+)"/.exec(written.headers.get("etag")!)?.[1])
        tally.acks.push({ no: ref.no, year: ref.year, version, ratingReason, actions, server })
      } else if (written.status === 412) tally.conflicts++
      else tally.unexpected.push({ status: written.status, text: written.text.slice(0, 300) })
    } catch {
      tally.unanswered++
      if (options.stop()) return
      // A refused connection when the process is gone: wait a little rather than spin.
      await new Promise((ok) => setTimeout(ok, 50))
    }
    if (options.pauseMs) await new Promise((ok) => setTimeout(ok, options.pauseMs))
  }
}

interface AuditRow {
  readonly id: number
  readonly entityKey: string
  readonly action: string
  readonly actorId: string | null
  readonly actorLabel: string
  readonly before: string | null
  readonly after: string | null
}

interface Snapshot {
  readonly version: number
  readonly ratingReason: string
  readonly actions: string
}

export const lastAuditId = async (db: TestDatabase) => {
  const rows = await db.sql<{ id: number | null }>((sql) => sql`SELECT MAX(id) AS id FROM audit_log`)
  return Number(rows[0]?.id ?? 0)
}

export interface Verdict {
  readonly problems: ReadonlyArray<string>
  readonly acknowledgedChecked: number
  readonly auditEntries: number
  /** Writes that committed although their answer never arrived (in flight at a kill): allowed, counted. */
  readonly committedUnacknowledged: number
}

/**
 * The database against the acknowledgements, per review: every acknowledged version is in the audit
 * log exactly once with the acknowledged content; versions run without gap or repeat from the first
 * to the stored one, each entry's `before` is the previous entry's `after`; the stored row is the
 * last entry's `after`. `exact`: no write may be committed without its acknowledgement (no crash).
 */
export const verifyAgainstAcks = async (
  db: TestDatabase,
  plan: string,
  refs: ReadonlyArray<ReviewRef>,
  acks: ReadonlyArray<Ack>,
  sinceAuditId: number,
  startVersions: ReadonlyMap<string, number>,
  exact: boolean
): Promise<Verdict> => {
  const problems: Array<string> = []
  let checked = 0
  let entries = 0
  let unacknowledged = 0
  const audit = await db.sql<AuditRow>(
    (sql) =>
      sql`SELECT id, entity_key, action, actor_id, actor_label, before, after FROM audit_log WHERE entity = 'review' AND id > ${sinceAuditId} ORDER BY id`
  )
  const rows = await db.sql<{
    initiativeNo: number
    fiscalYear: number
    version: number
    ratingReason: string
    actions: string
  }>(
    (sql) =>
      sql`SELECT initiative_no, fiscal_year, version, rating_reason, actions FROM reviews WHERE plan_id = ${plan}`
  )
  for (const ref of refs) {
    const key = keyString(plan, ref)
    const start = startVersions.get(key) ?? 1
    const mine = audit.filter((entry) => entry.entityKey === key)
    entries += mine.length
    const afters = mine.map((entry) => JSON.parse(entry.after ?? "null") as Snapshot)
    const befores = mine.map((entry) => JSON.parse(entry.before ?? "null") as Snapshot | null)
    afters.forEach((after, index) => {
      if (after.version !== start + index + 1)
        problems.push(`${key}: audit entry ${index} has version ${after.version}, expected ${start + index + 1}`)
      const before = befores[index]
      if (!before || before.version !== after.version - 1)
        problems.push(`${key}: the entry of v${after.version} has before v${before?.version}`)
      else if (
        index > 0 &&
        (before.ratingReason !== afters[index - 1]!.ratingReason || before.actions !== afters[index - 1]!.actions)
      ) {
        problems.push(`${key}: the before of v${after.version} is not the after of v${after.version - 1}`)
      }
      if (!mine[index]!.actorId || !mine[index]!.actorLabel)
        problems.push(`${key}: the entry of v${after.version} has no actor`)
    })
    const row = rows.find(
      (candidate) => Number(candidate.initiativeNo) === ref.no && Number(candidate.fiscalYear) === ref.year
    )
    if (!row) {
      problems.push(`${key}: the review is gone`)
      continue
    }
    const finalVersion = start + afters.length
    if (Number(row.version) !== finalVersion)
      problems.push(`${key}: stored version ${row.version}, the audit log ends at v${finalVersion}`)
    const last = afters.at(-1)
    if (last && (row.ratingReason !== last.ratingReason || row.actions !== last.actions))
      problems.push(`${key}: the stored row is not the last audited version`)
    const acked = acks.filter((ack) => ack.no === ref.no && ack.year === ref.year)
    const versions = new Set<number>()
    for (const ack of acked) {
      checked++
      if (versions.has(ack.version)) problems.push(`${key}: v${ack.version} acknowledged twice (a lost update)`)
      versions.add(ack.version)
      const entry = afters.find((after) => after.version === ack.version)
      if (!entry) problems.push(`${key}: acknowledged v${ack.version} (${ack.ratingReason}) is not in the audit log`)
      else if (entry.ratingReason !== ack.ratingReason || entry.actions !== ack.actions) {
        problems.push(
          `${key}: v${ack.version} holds ${JSON.stringify(entry.ratingReason)}, acknowledged ${JSON.stringify(ack.ratingReason)}`
        )
      }
    }
    const extra = afters.length - acked.length
    unacknowledged += extra
    if (exact && extra !== 0) problems.push(`${key}: ${afters.length} audited writes but ${acked.length} acknowledged`)
    const highest = acked.reduce<Ack | undefined>(
      (best, ack) => (best && best.version > ack.version ? best : ack),
      undefined
    )
    if (exact && highest && (row.ratingReason !== highest.ratingReason || Number(row.version) !== highest.version)) {
      problems.push(`${key}: the final state is not the last acknowledged change`)
    }
    if (!exact && highest && Number(row.version) < highest.version)
      problems.push(`${key}: stored v${row.version} is older than acknowledged v${highest.version}`)
  }
  return {
    problems,
    acknowledgedChecked: checked,
    auditEntries: entries,
    committedUnacknowledged: unacknowledged
  }
}

/** The current version of each review, to measure from. */
export const versionsOf = async (db: TestDatabase, plan: string, refs: ReadonlyArray<ReviewRef>) => {
  const rows = await db.sql<{ initiativeNo: number; fiscalYear: number; version: number }>(
    (sql) => sql`SELECT initiative_no, fiscal_year, version FROM reviews WHERE plan_id = ${plan}`
  )
  const map = new Map<string, number>()
  for (const ref of refs) {
    const row = rows.find(
      (candidate) => Number(candidate.initiativeNo) === ref.no && Number(candidate.fiscalYear) === ref.year
    )
    map.set(keyString(plan, ref), Number(row?.version ?? 0))
  }
  return map
}
