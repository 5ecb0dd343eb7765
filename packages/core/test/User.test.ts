import { describe, expect, it } from "@effect/vitest"
import { Schema } from "effect"
import { actorOf, canEditReview, User, UserCreate, UserView } from "../src/index.ts"

const user = {
  id: "u1",
  email: "kodomo@example.jp",
  displayName: "こども育成課",
  role: "editor",
  agencies: ["kodomo-ikusei"],
  disabled: false,
  language: "ja"
}

describe("User", () => {
  it("is what the API shows as UserView: the same fields, decoded alike", () => {
    expect(Object.keys(UserView.fields)).toEqual(Object.keys(User.fields))
    expect(Schema.decodeUnknownSync(UserView)(user)).toEqual(Schema.decodeUnknownSync(User)(user))
  })

  it("acts as the actor its role and agencies make it", () => {
    const decoded = Schema.decodeUnknownSync(User)(user)
    const actor = actorOf(decoded)
    expect(actor).toEqual({ id: "u1", role: "editor", agencies: ["kodomo-ikusei"] })
    expect(canEditReview(actor, { agencies: decoded.agencies }, "draft")).toBe(true)
  })

  it("checks a new user's e-mail and password, not a stored user's", () => {
    const created = { email: "not-an-address", displayName: "x", role: "viewer", agencies: [], password: "short" }
    expect(Schema.is(UserCreate)(created)).toBe(false)
    expect(Schema.is(User)({ ...user, email: "admin@localhost" })).toBe(true)
  })
})
