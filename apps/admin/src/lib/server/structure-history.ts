/**
 * An initiative's structural history as its edit page lists it: each audit entry of the initiative
 * with the columns it changed, before and after, and whether it can be restored (a creation has no
 * earlier state).
 */
export interface HistoryEntry {
  readonly id: number
  readonly at: string
  readonly actor: string
  readonly action: string
  readonly changes: ReadonlyArray<{ readonly field: string; readonly before: string; readonly after: string }>
  readonly restorable: boolean
}

interface AuditEntryJson {
  readonly id: number
  readonly at: string
  readonly actorLabel: string
  readonly action: string
  readonly before?: unknown
  readonly after?: unknown
}

/** The fields of an initiative's row a person reads in its history (the rest is bookkeeping). */
const shownFields = [
  "name",
  "markers",
  "content",
  "lifeStagesText",
  "agencies",
  "policyNo",
  "areaNo",
  "objectiveNo",
  "since",
  "until"
]

const text = (value: unknown): string =>
  value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value)

/** The API sends an entry's before and after as JSON text (issue 22 would make them objects): either reads. */
const recordOf = (value: unknown): Record<string, unknown> | null =>
  ((typeof value === "string" ? JSON.parse(value) : value) ?? null) as Record<string, unknown> | null

export const structureHistory = (entries: ReadonlyArray<AuditEntryJson>): ReadonlyArray<HistoryEntry> =>
  entries.map((entry) => {
    const before = recordOf(entry.before)
    const after = recordOf(entry.after) ?? {}
    return {
      id: entry.id,
      at: entry.at,
      actor: entry.actorLabel,
      action: entry.action,
      changes: shownFields
        .filter((field) => text(before?.[field]) !== text(after[field]))
        .map((field) => ({ field, before: text(before?.[field]), after: text(after[field]) })),
      // A creation has no earlier state to go back to.
      restorable: before !== null
    }
  })
