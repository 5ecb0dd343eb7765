import { issueToken } from "@sukoyaka/app"
import { type ApiUnderTest, startApiForTest } from "@sukoyaka/app/testing"
import { YearSummaryView } from "@sukoyaka/core"
import { Accounts } from "@sukoyaka/storage"
import { Effect, Schema } from "effect"
import { createServer as createHttpServer } from "node:http"
import { createServer } from "node:net"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import {
  frameOf,
  KEY,
  PLAN,
  press,
  type Rendered,
  renderAt,
  seededCopy,
  waitForFrame,
  waitForText
} from "../test/support.tsx"
import { App } from "./App.tsx"
import { type DataSource, SourceError } from "./data/DataSource.ts"
import { httpSource } from "./data/httpSource.ts"
import { localSource } from "./data/localSource.ts"

const actor = { id: null, label: "test" }
let server: ApiUnderTest
let token: { id: string; token: string }
let closedPort: number

/** A port nothing listens on: bound once, then released. */
const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const address = probe.address()
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 9))
    })
  })

/** The outside world going away: the network drops every request while `down` is set. */
const network = { down: false }
const flakyFetch: typeof fetch = (input, init) =>
  network.down
    ? Promise.reject(
        new TypeError("fetch failed", {
          cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" })
        })
      )
    : fetch(input, init)

beforeAll(async () => {
  server = await startApiForTest(seededCopy())
  token = await server.runtime.runPromise(
    issueToken(actor, { name: "dashboard", role: "viewer", agencies: [], expiresAt: null })
  )
  closedPort = await freePort()
})

afterAll(async () => {
  await server?.close()
})

const opened: Array<Rendered> = []
afterEach(() => {
  network.down = false
  for (const rendered of opened.splice(0)) rendered.unmount()
})

const dashboard = (source: DataSource) => {
  const rendered = renderAt(<App source={source} planId={PLAN} refreshSeconds={0} />)
  opened.push(rendered)
  return rendered
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected a SourceError")
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(SourceError)
      return error as SourceError
    }
  )

describe("the HTTP source against the real API", { timeout: 60_000 }, () => {
  it("reads the same year as the local database, with a viewer token", async () => {
    const api = httpSource({ baseUrl: server.url, token: token.token })
    const local = localSource(seededCopy())
    try {
      const [remote, direct] = await Promise.all([api.load(PLAN, 2024), local.load(PLAN, 2024)])
      expect(remote.summary.ratings).toEqual({ A: 45, B: 5, C: 4, D: 0, unrated: 1 })
      expect(Schema.encodeSync(YearSummaryView)(remote.summary)).toEqual(
        Schema.encodeSync(YearSummaryView)(direct.summary)
      )
      expect(remote.initiatives).toHaveLength(55)
      expect(remote.initiatives.map((item) => item.review?.evaluation.flags)).toEqual(
        direct.initiatives.map((item) => item.review?.evaluation.flags)
      )
      expect(remote.targets.map((target) => target.id)).toEqual(direct.targets.map((target) => target.id))
      expect(remote.plan.title).toBe(direct.plan.title)
      // Without a year: the latest year with reviews, for the list as well.
      expect((await api.load(PLAN, undefined)).summary.fiscalYear).toBe(2024)
      const detail = await api.initiative(PLAN, 66)
      expect(detail.reviews.map((review) => review.fiscalYear)).toEqual([2024])
    } finally {
      await local.close()
    }
  })

  it("names each failure: refused token, unknown plan, unreachable server, unreadable answer", async () => {
    expect(await failure(httpSource({ baseUrl: server.url, token: "skt_wrong" }).load(PLAN, 2024))).toMatchObject({
      kind: "unauthorized",
      status: 401
    })
    expect(await failure(httpSource({ baseUrl: server.url, token: undefined }).load(PLAN, 2024))).toMatchObject({
      kind: "unauthorized"
    })
    expect(
      await failure(httpSource({ baseUrl: server.url, token: token.token }).load("no-such-plan", 2024))
    ).toMatchObject({ kind: "notFound", status: 404 })
    const unreachable = await failure(
      httpSource({ baseUrl: `http://127.0.0.1:${closedPort}`, token: token.token }).load(PLAN, 2024)
    )
    expect(unreachable).toMatchObject({ kind: "unreachable" })
    expect(unreachable.message).toContain(`127.0.0.1:${closedPort}`)
    // Something that is not the API answers 200 with other JSON: decoded, refused, said so.
    const impostor: typeof fetch = async () => Response.json({ hello: "world" })
    expect(
      await failure(httpSource({ baseUrl: server.url, token: token.token, fetch: impostor }).load(PLAN, 2024))
    ).toMatchObject({ kind: "invalidResponse" })
  })
})

describe("the address and the refresh (issue 22)", { timeout: 60_000 }, () => {
  it("accepts the address pnpm start prints, with /api/v1 and a trailing slash or not", async () => {
    for (const address of [`${server.url}/api/v1`, `${server.url}/api/v1/`, `${server.url}/`]) {
      const data = await httpSource({ baseUrl: address, token: token.token }).load(PLAN, 2024)
      expect(data.summary.fiscalYear, address).toBe(2024)
    }
  })

  it("says an address that answers but is not Sukoyaka is not a Sukoyaka API, not that the plan is missing", async () => {
    const other = createHttpServer((_, response) => {
      response.writeHead(404, { "Content-Type": "text/html" }).end("<h1>Not Found</h1>")
    })
    await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve))
    const address = other.address()
    const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`
    try {
      const ja = await failure(httpSource({ baseUrl: url, token: token.token }).load(PLAN, 2024))
      expect(ja).toMatchObject({ kind: "notSukoyaka" })
      expect(ja.message).toBe(
        `${url} はすこやかのAPIではありません（pnpm start が表示するAPIのアドレスを指定してください）`
      )
      const en = await failure(httpSource({ baseUrl: url, token: token.token, lang: "en" }).load(PLAN, 2024))
      expect(en.message).toBe(`${url} is not a Sukoyaka API (give the API address that pnpm start prints)`)
      const rendered = dashboard(httpSource({ baseUrl: url, token: token.token }))
      const frame = await waitForText(rendered, "すこやかのAPIではありません")
      expect(frame).not.toContain("見つかりません")
    } finally {
      await new Promise<void>((resolve) => other.close(() => resolve()))
    }
  })

  it("refreshes with If-None-Match: an unchanged year comes back as 304s and reads the same", async () => {
    const statuses: Array<number> = []
    const sent: Array<string | null> = []
    const watching: typeof fetch = async (input, init) => {
      const request = new Request(input, init)
      sent.push(request.headers.get("if-none-match"))
      const response = await fetch(request)
      statuses.push(response.status)
      return response
    }
    const api = httpSource({ baseUrl: server.url, token: token.token, fetch: watching })
    const first = await api.load(PLAN, 2024)
    expect(statuses.every((status) => status === 200)).toBe(true)
    expect(sent.every((header) => header === null)).toBe(true)
    statuses.length = 0
    sent.length = 0
    const again = await api.load(PLAN, 2024)
    expect(statuses.length).toBeGreaterThan(0)
    expect(statuses.every((status) => status === 304)).toBe(true)
    expect(sent.every((header) => header !== null)).toBe(true)
    expect(again.summary).toEqual(first.summary)
    expect(again.initiatives).toEqual(first.initiatives)
  })
})

describe("the dashboard over the API", { timeout: 60_000 }, () => {
  it("shows the API's data, its address in the header", async () => {
    const rendered = dashboard(httpSource({ baseUrl: server.url, token: token.token }))
    const frame = await waitForText(rendered, "Ａ 45")
    expect(frame.split("\n")[0]).toMatch(/API http:\/\/127\.0\.0\.1:\d+$/)
  })

  it("says in the status line when the API is unreachable", async () => {
    const rendered = dashboard(httpSource({ baseUrl: `http://127.0.0.1:${closedPort}`, token: token.token }))
    const frame = await waitForText(rendered, "APIに接続できません")
    expect(frame.split("\n").at(-1)).toMatch(
      new RegExp(`^！APIに接続できません（ECONNREFUSED: http://127\\.0\\.0\\.1:${closedPort}）`)
    )
    expect(frame).toContain("データを表示できません")
  })

  it("says in the status line when the token is refused", async () => {
    const rendered = dashboard(httpSource({ baseUrl: server.url, token: "skt_not-a-token" }))
    const frame = await waitForText(rendered, "トークンが拒否されました（401）")
    expect(frame).not.toContain("Ａ 45")
  })

  it("keeps showing the last data, marked stale, while the API is away, and recovers", async () => {
    const rendered = dashboard(httpSource({ baseUrl: server.url, token: token.token, fetch: flakyFetch }))
    await waitForText(rendered, /\d\d:\d\d:\d\d 更新/)
    network.down = true
    await press(rendered, "r")
    const stale = await waitForText(rendered, "古いデータ")
    expect(stale).toContain("Ａ 45")
    expect(stale.split("\n")[0]).toMatch(/^すこやか 令和６年度（FY2024）［古いデータ］/)
    expect(stale.split("\n").at(-1)).toMatch(/^！\d\d:\d\d:\d\d 時点の古いデータ　APIに接続できません（ECONNREFUSED/)
    // The screens still work on the stale data.
    await press(rendered, KEY.tab)
    await waitForText(rendered, "政策・事業 55 件")
    network.down = false
    await press(rendered, "r")
    await waitForFrame(rendered, (frame) => !frame.includes("古いデータ") && /\d\d:\d\d:\d\d 更新/.test(frame))
  })

  it("keeps the last data when the token is revoked while it runs", async () => {
    const revocable = await server.runtime.runPromise(
      issueToken(actor, { name: "revoked", role: "viewer", agencies: [], expiresAt: null })
    )
    const rendered = dashboard(httpSource({ baseUrl: server.url, token: revocable.token }))
    await waitForText(rendered, "Ａ 45")
    await server.runtime.runPromise(Effect.flatMap(Accounts, (accounts) => accounts.revokeToken(actor, revocable.id)))
    await press(rendered, "r")
    const frame = await waitForText(rendered, "トークンが拒否されました（401）")
    expect(frame).toContain("古いデータ")
    expect(frameOf(rendered)).toContain("Ａ 45")
  })
})
