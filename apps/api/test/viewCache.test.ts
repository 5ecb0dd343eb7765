/** A view asked for by many requests at once is computed once per version, not once per request. */
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { makeViewCache } from "../src/viewCache.ts"

describe("the view cache", () => {
  it("shares a computation in flight between the requests for the same view and version", async () => {
    const views = makeViewCache()
    let computed = 0
    const compute = (version: number) =>
      Effect.gen(function* () {
        computed += 1
        yield* Effect.sleep("20 millis")
        return { version, at: computed }
      })
    const ten = (version: number) =>
      Effect.all(
        Array.from({ length: 10 }, () => views.at("plan", version, "summary", compute(version))),
        { concurrency: "unbounded" }
      )
    const first = await Effect.runPromise(ten(1))
    expect(computed).toBe(1)
    expect(new Set(first).size).toBe(1)
    // Cached afterwards; a new version computes again, once.
    await Effect.runPromise(ten(1))
    expect(computed).toBe(1)
    const second = await Effect.runPromise(ten(2))
    expect(computed).toBe(2)
    expect(second.every((view) => view.version === 2)).toBe(true)
  })

  it("does not keep a failed computation: the next request tries again", async () => {
    const views = makeViewCache()
    let attempts = 0
    const failing = Effect.suspend(() => {
      attempts += 1
      return attempts === 1 ? Effect.fail("unavailable" as const) : Effect.succeed("ok")
    })
    expect(await Effect.runPromise(Effect.result(views.at("plan", 1, "trends", failing)))).toMatchObject({
      _tag: "Failure"
    })
    expect(await Effect.runPromise(views.at("plan", 1, "trends", failing))).toBe("ok")
  })
})
