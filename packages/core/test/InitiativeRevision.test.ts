import { describe, expect, it } from "vitest"
import { initiativeAsOf, type Initiative, type InitiativeRevision, revisedFieldsOf } from "../src/index.ts"

const initiative = {
  planId: "p",
  no: 57,
  policyNo: 3,
  areaNo: 1,
  objectiveNo: 1,
  name: "今の名前",
  markers: { isNew: false, newNote: null, formerName: null },
  content: "",
  lifeStagesText: "",
  lifeStages: [],
  agencies: [],
  status: "active",
  since: null,
  until: null,
  notes: [],
  version: 3
} as unknown as Initiative

const revision = (until: number, name: string, objectiveNo = 1): InitiativeRevision =>
  ({ initiativeNo: 57, until, fields: { ...revisedFieldsOf(initiative), name, objectiveNo } }) as InitiativeRevision

describe("initiativeAsOf", () => {
  const revisions = [revision(2025, "二度目の名前", 2), revision(2024, "最初の名前")]

  it("reads each year with the revision that held it, the latest years with the row itself", () => {
    expect(initiativeAsOf(initiative, revisions, 2023).name).toBe("最初の名前")
    expect(initiativeAsOf(initiative, revisions, 2024).name).toBe("最初の名前")
    expect(initiativeAsOf(initiative, revisions, 2025)).toMatchObject({ name: "二度目の名前", objectiveNo: 2 })
    expect(initiativeAsOf(initiative, revisions, 2026)).toBe(initiative)
  })

  it("keeps what is not structure (its years, version) as the row has it", () => {
    expect(initiativeAsOf(initiative, revisions, 2024)).toMatchObject({ version: 3, until: null, no: 57 })
  })

  it("ignores another initiative's revisions", () => {
    expect(initiativeAsOf({ ...initiative, no: 58 } as Initiative, revisions, 2024).name).toBe("今の名前")
  })
})
