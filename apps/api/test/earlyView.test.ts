/**
 * The early path for cached views (earlyView.ts): a repeated GET of a plan's summary, trends or a
 * page of its initiatives is answered before the rest of the middleware, the validators and the
 * route run, with exactly the answer the whole way gives, and only when the whole way would give it.
 * Over real HTTP on both databases, and over a small app of the real pieces that counts what reaches
 * its route.
 */
import { Accounts, ChangeStamp } from "@sukoyaka/storage"
import { Effect } from "effect"
import { Hono } from "hono"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { authenticate } from "../src/auth.ts"
import { cachedJson } from "../src/cachedJson.ts"
import { earlyView, makeViewUrls, sendCachedView } from "../src/earlyView.ts"
import type { AppEnv } from "../src/env.ts"
import { runner } from "../src/runtime.ts"
import { makeViewCache } from "../src/viewCache.ts"
import { changesCounted, dialects, type Harness, PLAN, rawResponse, SEED_YEAR, startHarness, V1 } from "./support.ts"

/** The headers of an answer that should be the same whichever way it was made (not its date or request id). */
const comparable = (response: Awaited<ReturnType<typeof rawResponse>>) => {
  const { date: _date, "x-request-id": requestId, ...rest } = response.headers
  expect(requestId).toMatch(/^[\w-]+$/)
  return rest
}

describe.each(dialects)("the early path for cached views on %s", (dialect) => {
  let h: Harness
  beforeAll(async () => {
    // No webhook schedule: nothing commits in the background, so the stamp moves only when a test writes.
    h = await startHarness(dialect, { webhooks: false })
  })
  afterAll(async () => {
    await h?.close()
  })

  const paths = [
    `/plans/${PLAN}/summary?fiscalYear=${SEED_YEAR}`,
    `/plans/${PLAN}/summary`,
    `/plans/${PLAN}/trends`,
    `/plans/${PLAN}/initiatives?fiscalYear=${SEED_YEAR}&pageSize=20&page=2`
  ]

  it("answers a repeated GET as the whole way did: headers, body, coding, 304 and HEAD", async () => {
    const { cookie } = await h.userWithSession({ role: "viewer" })
    for (const path of paths) {
      const url = `${h.url}${V1}${path}`
      const token = { authorization: `Bearer ${h.tokens.viewer}` }
      // The first request of a URL goes the whole way; the next ones are early.
      const first = await rawResponse(url, { headers: { ...token, "accept-encoding": "identity" } })
      expect(first.status, path).toBe(200)
      const etag = first.headers.etag as string
      for (const headers of [
        { "accept-encoding": "identity" },
        { "accept-encoding": "gzip" },
        { "accept-encoding": "br, gzip" },
        { "accept-encoding": "gzip", "if-none-match": etag },
        { "if-none-match": `"other", W/${etag}` }
      ]) {
        // A session always goes the whole way (its check is a query): what the early answer must equal.
        const whole = await rawResponse(url, { headers: { ...headers, cookie } })
        const early = await rawResponse(url, { headers: { ...headers, ...token } })
        expect(early.status, `${path} ${JSON.stringify(headers)}`).toBe(whole.status)
        expect(comparable(early), `${path} ${JSON.stringify(headers)}`).toEqual(comparable(whole))
        expect(early.body.equals(whole.body), path).toBe(true)
      }
      const again = await rawResponse(url, { headers: { ...token, "accept-encoding": "identity" } })
      expect(comparable(again)).toEqual(comparable(first))
      expect(again.body.equals(first.body)).toBe(true)
      const head = await rawResponse(url, { method: "HEAD", headers: { ...token, "accept-encoding": "identity" } })
      const wholeHead = await rawResponse(url, { method: "HEAD", headers: { cookie, "accept-encoding": "identity" } })
      expect(head.status).toBe(200)
      expect(head.body.byteLength).toBe(0)
      expect(comparable(head)).toEqual(comparable(wholeHead))
    }
  })

  it("leaves to the whole way what it would refuse: a bad or unknown token, no credentials", async () => {
    const url = `${h.url}${V1}${paths[0]}`
    const token = { authorization: `Bearer ${h.tokens.viewer}` }
    for (let i = 0; i < 2; i++) expect((await rawResponse(url, { headers: token })).status).toBe(200)
    for (const authorization of ["Basic dXNlcjpwYXNz", "Bearer not-a-token", undefined]) {
      const refused = await rawResponse(url, { headers: authorization === undefined ? {} : { authorization } })
      expect(refused.status, authorization).toBe(401)
      expect(refused.headers["www-authenticate"]).toBe('Bearer realm="sukoyaka"')
      expect(JSON.parse(refused.body.toString()).type).toBe("urn:sukoyaka:problem:unauthorized")
    }
  })

  describe("over the real pieces", () => {
    let reached = 0
    let computed = 0
    let app: Hono<AppEnv>
    beforeAll(async () => {
      const memory = await h.run(
        Effect.gen(function* () {
          return { accounts: yield* Accounts, stamps: yield* ChangeStamp }
        })
      )
      const views = makeViewCache()
      const viewUrls = makeViewUrls()
      app = new Hono<AppEnv>()
      app.use(async (c, next) => {
        c.set("run", runner(h.server.runtime))
        c.set("views", views)
        c.set("viewUrls", viewUrls)
        c.set("memory", memory)
        c.set("stamp", memory.stamps.current())
        await next()
      })
      app.use("/plans/*", earlyView)
      app.use("/plans/*", authenticate)
      app.get("/plans/:planId/view", async (c) => {
        reached += 1
        const planId = c.req.param("planId")
        const view =
          views.peek<ReturnType<typeof cachedJson>>(c.get("stamp"), planId, "view") ??
          (await c.get("run")(
            views(
              planId,
              "view",
              Effect.sync(() => cachedJson(JSON.stringify({ computed: ++computed })))
            )
          ))
        return sendCachedView(c, { planId, key: "view", headers: () => ({ Link: "</next>" }) }, view)
      })
      app.onError((error, c) => c.text(error.message, 401))
    })

    const get = (headers: Record<string, string> = {}, method = "GET") =>
      app.request(`/plans/${PLAN}/view`, {
        method,
        headers: { authorization: `Bearer ${h.tokens.viewer}`, ...headers }
      })

    /** Until the token and the view are cached at the current stamp (a first use records the token's use: a commit). */
    const warm = async () => {
      await get()
      await changesCounted(h)
      const answer = await get()
      expect(answer.status).toBe(200)
      return answer
    }

    it("answers from the cached view without reaching the route, the route's headers and 304 included", async () => {
      const first = await warm()
      const before = reached
      const second = await get()
      expect(reached).toBe(before)
      expect(await second.text()).toBe(await first.text())
      expect(second.headers.get("etag")).toBe(first.headers.get("etag"))
      expect(second.headers.get("link")).toBe("</next>")
      const notModified = await get({ "if-none-match": first.headers.get("etag")! })
      expect(notModified.status).toBe(304)
      expect(notModified.headers.get("link")).toBe("</next>")
      expect((await get({}, "HEAD")).status).toBe(200)
      expect(reached).toBe(before)
    })

    it("goes on to the route after a commit, for an unknown token, a session, a body or a write", async () => {
      await warm()
      let before = reached
      // Any commit, by this process or another, changes the stamp: the plan's version is counted again.
      await h.issue({ role: "viewer", name: "a commit" })
      await changesCounted(h)
      await get()
      expect(reached).toBe(before + 1)
      await get()
      expect(reached).toBe(before + 1)

      before = reached
      expect((await get({ authorization: "Bearer unknown-token" })).status).toBe(401)
      expect((await get({ authorization: "Bearer" })).status).toBe(401)
      const { cookie } = await h.userWithSession({ role: "viewer" })
      await changesCounted(h)
      // The commits above (the session) are counted on the next request, which goes the whole way.
      await warm()
      before = reached
      expect((await app.request(`/plans/${PLAN}/view`, { headers: { cookie } })).status).toBe(200)
      expect(reached).toBe(before + 1)
      await get({ "content-length": "2", "content-type": "application/json" })
      expect(reached).toBe(before + 2)
      // No POST route: a 404, not the view.
      expect((await get({}, "POST")).status).toBe(404)
    })
  })
})
