import { describe, expect, it } from "@effect/vitest"
import { type Actor, AgencyId, canEditReview, transition } from "../src/index.ts"

const row = { agencies: [AgencyId.make("kenko-shien"), AgencyId.make("police")] }
const admin: Actor = { id: "u1", role: "admin", agencies: [] }
const editor: Actor = { id: "u2", role: "editor", agencies: [AgencyId.make("police")] }
const otherEditor: Actor = { id: "u3", role: "editor", agencies: [AgencyId.make("kodomo-ikusei")] }
const viewer: Actor = { id: "u4", role: "viewer", agencies: [AgencyId.make("police")] }

describe("access", () => {
  it("lets an editor edit only its agencies' drafts", () => {
    expect(canEditReview(editor, row, "draft")).toBe(true)
    expect(canEditReview(editor, row, "submitted")).toBe(false)
    expect(canEditReview(otherEditor, row, "draft")).toBe(false)
    expect(canEditReview(viewer, row, "draft")).toBe(false)
    expect(canEditReview(admin, row, "approved")).toBe(true)
  })

  it("moves the workflow by role", () => {
    expect(transition(editor, row, "draft", "submit")).toEqual({ _tag: "Allowed", to: "submitted" })
    expect(transition(otherEditor, row, "draft", "submit")).toEqual({ _tag: "Forbidden" })
    expect(transition(editor, row, "submitted", "approve")).toEqual({ _tag: "Forbidden" })
    expect(transition(admin, row, "submitted", "approve")).toEqual({ _tag: "Allowed", to: "approved" })
    expect(transition(admin, row, "submitted", "return")).toEqual({ _tag: "Allowed", to: "draft" })
    expect(transition(admin, row, "draft", "approve")).toEqual({ _tag: "InvalidTransition", from: "draft" })
    expect(transition(viewer, row, "draft", "submit")).toEqual({ _tag: "Forbidden" })
  })
})
