import type { AuditEntry } from "@sukoyaka/storage"
import { describe, expect, it } from "vitest"
import { SETTLE_MS, settled } from "../src/ChangeFeed.ts"

const now = Date.parse("2026-04-01T00:10:00Z")
const entry = (id: number, agoMs: number): AuditEntry => ({
  id,
  at: new Date(now - agoMs).toISOString(),
  actorId: null,
  actorLabel: "system",
  planId: "p",
  entity: "review",
  entityKey: `p/${id}/2025`,
  action: "update",
  before: null,
  after: null
})
const ids = (entries: ReadonlyArray<AuditEntry>) => entries.map((e) => e.id)

describe("which audit entries a change feed may hand out", () => {
  it("on PostgreSQL, stops before a fresh gap: the missing id may still commit", () => {
    expect(ids(settled([entry(11, 5), entry(12, 5), entry(14, 1), entry(15, 1)], 10, now, false))).toEqual([11, 12])
    // A gap right after the cursor holds everything back.
    expect(ids(settled([entry(12, 5)], 10, now, false))).toEqual([])
  })

  it("on PostgreSQL, passes a gap once what follows is older than any transaction runs: the id was rolled back", () => {
    const old = SETTLE_MS + 1
    expect(ids(settled([entry(11, old), entry(13, old), entry(14, 5)], 10, now, false))).toEqual([11, 13, 14])
  })

  it("on SQLite, ids commit in order (one writer): everything is settled", () => {
    expect(ids(settled([entry(12, 1), entry(20, 1)], 10, now, true))).toEqual([12, 20])
  })
})
