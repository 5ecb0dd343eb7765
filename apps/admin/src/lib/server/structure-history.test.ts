import { describe, expect, it } from "vitest"
import { structureHistory } from "./structure-history.ts"

describe("structureHistory", () => {
  const entry = { id: 7, at: "2026-12-04T01:52:00Z", actorLabel: "admin@example.jp" }

  it("lists the columns a change touched, before and after, as the API sends them (JSON text)", () => {
    const [change] = structureHistory([
      {
        ...entry,
        action: "update",
        before: JSON.stringify({ name: "旧", content: "同じ", version: 1 }),
        after: JSON.stringify({ name: "新", content: "同じ", version: 2 })
      }
    ])
    expect(change).toMatchObject({ restorable: true, changes: [{ field: "name", before: "旧", after: "新" }] })
  })

  it("offers no restore for a creation, which has no earlier state", () => {
    const [created] = structureHistory([
      { ...entry, action: "create", before: null, after: JSON.stringify({ name: "新" }) }
    ])
    expect(created).toMatchObject({ restorable: false, changes: [{ field: "name", before: "", after: "新" }] })
  })
})
