import { type ChangeEntry, type ChangeFeed, diffJson, type Role } from "@sukoyaka/core"
import { Audit, type AuditEntry, Database } from "@sukoyaka/storage"
import { Clock, Effect } from "effect"
import { visibleActors } from "./VisibleActors.ts"

/**
 * How long a PostgreSQL transaction may hold an audit id before it commits or rolls back: longer
 * than any request may run (15 s) with room for lock waits.
 */
export const SETTLE_MS = 60_000

/**
 * The entries a feed may hand out without ever skipping one later. SQLite has one writer at a time,
 * so ids commit in order. PostgreSQL hands out ids as transactions insert, not as they commit: id 11
 * may be visible while id 10's transaction still runs. A reader that moved past 11 would never see
 * 10. So the feed stops at the first gap in the ids, unless what follows the gap is older than
 * SETTLE_MS: then the missing id was rolled back and never comes.
 */
export const settled = (
  entries: ReadonlyArray<AuditEntry>,
  afterId: number,
  now: number,
  idsCommitInOrder: boolean
): ReadonlyArray<AuditEntry> => {
  if (idsCommitInOrder) return entries
  const kept: Array<AuditEntry> = []
  let previous = afterId
  for (const entry of entries) {
    if (entry.id !== previous + 1 && now - Date.parse(entry.at) < SETTLE_MS) break
    kept.push(entry)
    previous = entry.id
  }
  return kept
}

const versionOf = (data: unknown): number | null => {
  const version = (data as { version?: unknown } | null)?.version
  return typeof version === "number" && Number.isInteger(version) ? version : null
}

/** An audit entry as the feed (and a webhook event) serves it. */
export const changeOf = (entry: AuditEntry): ChangeEntry => ({
  cursor: String(entry.id),
  at: entry.at,
  entity: entry.entity,
  key: entry.entityKey,
  action: entry.action,
  actor: entry.actorLabel,
  version: versionOf(entry.after),
  changed: entry.before === null || entry.after === null ? [] : diffJson(entry.before, entry.after).map((c) => c.path),
  data: entry.after
})

/**
 * A plan's committed changes after `after`, oldest first, for a system that keeps a copy in step:
 * every change of the plan's data (reviews, initiatives, the structure, agencies, targets, cycles)
 * with the thing as it became. Every reader of a plan may read all of it (users and tokens, which
 * are not a plan's, never appear). The cursor moves over other plans' entries too, so that a page
 * of none of this plan's still brings the reader forward. Actors show as the history shows them to `role`.
 */
export const changesOf = (planId: string, after: number, limit: number, role: Role) =>
  Effect.gen(function* () {
    const { config } = yield* Database
    const entries = yield* (yield* Audit).after(after, limit)
    const now = yield* Clock.currentTimeMillis
    const kept = settled(entries, after, now, config._tag === "Sqlite")
    const feed: ChangeFeed = {
      changes: (yield* visibleActors(
        role,
        kept.filter((entry) => entry.planId === planId)
      )).map(changeOf),
      next: String(kept.at(-1)?.id ?? after),
      // A page cut at an unsettled gap is not "more": the reader comes back after its usual pause.
      more: entries.length === limit && kept.length === entries.length
    }
    return feed
  }).pipe(Effect.withSpan("changesOf"))
