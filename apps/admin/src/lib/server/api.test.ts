import type { Client } from "@sukoyaka/api/client"
import { actorOf, canEditReview, TokenView, UserView } from "@sukoyaka/core"
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { ApiProblem, ApiResponseMismatch, decoded } from "./api.ts"

const json = (status: number, body: unknown) =>
  Promise.resolve(new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } }))

const editor = {
  id: "usr_1",
  email: "editor@example.jp",
  displayName: "子ども育成課",
  role: "editor",
  agencies: ["kodomo-ikusei"],
  disabled: false,
  language: "ja"
}

describe("decoded", () => {
  it("gives the response's values their domain types, for the core's rules", async () => {
    const user = await decoded(UserView, json(200, editor))
    expect(user).toEqual(editor)
    expect(canEditReview(actorOf(user), { agencies: user.agencies }, "draft")).toBe(true)
  })

  it("throws a response the schema does not describe with the schema's message: a bug, not the user's input", async () => {
    const failure = await decoded(UserView, json(200, { ...editor, agencies: ["子ども育成課"] })).catch(
      (e: unknown) => e
    )
    expect(failure).toBeInstanceOf(ApiResponseMismatch)
    expect((failure as Error).message).toContain("is not what its schema says")
    expect((failure as Error).message).toContain(`["agencies"][0]`)
  })

  it("throws a failed call as its problem, before any decoding", async () => {
    const problem = { type: "urn:sukoyaka:problem:forbidden", title: "Forbidden / 権限がありません", status: 403 }
    const failure = await decoded(UserView, json(403, problem)).catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(ApiProblem)
    expect((failure as ApiProblem).problem).toEqual(problem)
  })

  it("takes only a schema whose encoded side is the client's type of the response", () => {
    // Never called: svelte-check fails if either line stops being a type error.
    const mismatched = (client: Client) => [
      // @ts-expect-error GET /tokens answers with a list, not one token
      decoded(TokenView, client.tokens.$get()),
      // @ts-expect-error GET /tokens answers with tokens, not users
      decoded(Schema.Array(UserView), client.tokens.$get())
    ]
    expect(mismatched).toBeTypeOf("function")
  })
})
