/**
 * Every endpoint of the API over real HTTP, on SQLite and on PostgreSQL: the happy path and the
 * 404s. Roles are in access.test.ts, reviews' ETags, workflow and validation in reviews.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  dialects,
  getReview,
  type Harness,
  OWN_AGENCY,
  OWN_ROWS,
  PLAN,
  reviewPath,
  SEED_YEAR,
  startHarness,
  expectProblem
} from "./support.ts"

describe.each(dialects)("every endpoint on %s", (dialect) => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness(dialect)
  })
  afterAll(async () => {
    await h?.close()
  })

  describe("public", () => {
    it("GET /health and /api/v1/health answer without a token", async () => {
      for (const path of ["/health", "/api/v1/health"]) {
        const response = await h.request("GET", path)
        expect(response.status).toBe(200)
        expect(response.body).toEqual({ status: "ok", database: dialect === "sqlite" ? "sqlite" : "postgresql" })
      }
    })

    it("GET /api/docs serves Swagger UI from the package, and 404s an unknown asset", async () => {
      const page = await h.request("GET", "/api/docs")
      expect(page.status).toBe(200)
      expect(page.headers.get("content-type")).toMatch(/text\/html/)
      expect(page.text).toContain("/api/v1/openapi.json")
      const css = await h.request("GET", "/api/docs/assets/swagger-ui.css")
      expect(css.status).toBe(200)
      expect(css.headers.get("content-type")).toMatch(/text\/css/)
      const init = await h.request("GET", "/api/docs/assets/docs-init.js")
      expect(init.text).toContain("SwaggerUIBundle")
      expectProblem(await h.request("GET", "/api/docs/assets/..%2Fpackage.json"), 404, "notFound")
      expectProblem(await h.request("GET", "/api/docs/assets/nope.js"), 404, "notFound")
    })

    it("GET /api/v1/openapi.json answers without a token", async () => {
      const response = await h.request<{ openapi: string }>("GET", "/api/v1/openapi.json")
      expect(response.status).toBe(200)
      expect(response.body.openapi).toMatch(/^3\./)
    })

    it("an unknown route is a 404 problem, after authentication", async () => {
      expectProblem(await h.request("GET", "/plans/x/nothing-here", { token: "viewer" }), 404, "notFound")
      expectProblem(await h.request("GET", "/api/v2/plans"), 404, "notFound")
      expectProblem(await h.request("GET", "/plans/x/nothing-here"), 401, "unauthorized")
    })

    it("sets the secure headers on every answer", async () => {
      const response = await h.request("GET", "/health")
      expect(response.headers.get("x-content-type-options")).toBe("nosniff")
      expect(response.headers.get("x-request-id")).toBeTruthy()
    })
  })

  describe("plans", () => {
    it("GET /plans lists the seeded plan", async () => {
      const response = await h.request<Array<{ id: string; city: string }>>("GET", "/plans", { token: "viewer" })
      expect(response.status).toBe(200)
      expect(response.body.map((plan) => plan.id)).toEqual([PLAN])
      expect(response.body[0]!.city).toBe("苫小牧市")
    })

    it("GET /plans/{planId} returns the plan with its policies; 404 for an unknown plan", async () => {
      const response = await h.request<{
        id: string
        basicPolicies: Array<{ no: number; areas: Array<{ objectives: unknown[] }> }>
      }>("GET", `/plans/${PLAN}`, {
        token: "viewer"
      })
      expect(response.status).toBe(200)
      expect(response.body.basicPolicies[0]!.no).toBe(3)
      expect(response.body.basicPolicies[0]!.areas[0]!.objectives).toHaveLength(4)
      expectProblem(await h.request("GET", "/plans/no-such-plan", { token: "viewer" }), 404, "notFound")
      expectProblem(await h.request("GET", `/plans/${"x".repeat(65)}`, { token: "viewer" }), 400, "validation")
    })

    it("GET /plans/{planId}/agencies lists the agencies; 404 for an unknown plan", async () => {
      const response = await h.request<Array<{ id: string; name: string }>>("GET", `/plans/${PLAN}/agencies`, {
        token: "viewer"
      })
      expect(response.status).toBe(200)
      expect(response.body.length).toBe(39)
      expect(response.body.find((agency) => agency.id === OWN_AGENCY)?.name).toBe("健康支援課")
      expectProblem(await h.request("GET", "/plans/no-such-plan/agencies", { token: "viewer" }), 404, "notFound")
    })
  })

  describe("initiatives", () => {
    type Page = {
      items: Array<{ no: number; objectiveNo: number; review: { selfRating: string | null; status: string } | null }>
      page: number
      pageSize: number
      total: number
    }
    const list = (query: string) => h.request<Page>("GET", `/plans/${PLAN}/initiatives${query}`, { token: "viewer" })

    it("lists the year's initiatives with their reviews, paged", async () => {
      const all = await list(`?fiscalYear=${SEED_YEAR}&pageSize=200`)
      expect(all.status).toBe(200)
      expect(all.body.total).toBe(55)
      expect(all.body.items.map((item) => item.no)).toEqual(Array.from({ length: 55 }, (_, i) => 57 + i))
      expect(all.body.items.every((item) => item.review?.status === "approved")).toBe(true)
      const page = await list(`?fiscalYear=${SEED_YEAR}&pageSize=10&page=6`)
      expect(page.body).toMatchObject({ page: 6, pageSize: 10, total: 55 })
      expect(page.body.items.map((item) => item.no)).toEqual([107, 108, 109, 110, 111])
    })

    it("filters by objective, agency, life stage, rating, status and text", async () => {
      expect((await list(`?fiscalYear=${SEED_YEAR}&objective=3`)).body.items.map((item) => item.no)).toEqual([
        82, 83, 84, 85, 86, 87
      ])
      expect((await list(`?fiscalYear=${SEED_YEAR}&agency=${OWN_AGENCY}`)).body.items.map((item) => item.no)).toEqual([
        ...OWN_ROWS
      ])
      const elderly = await list(`?fiscalYear=${SEED_YEAR}&lifeStage=elderly&pageSize=200`)
      expect(elderly.body.total).toBeGreaterThan(0)
      expect(elderly.body.total).toBeLessThan(55)
      const unrated = await list(`?fiscalYear=${SEED_YEAR}&rating=unrated`)
      expect(unrated.body.items.map((item) => item.no)).toContain(64)
      expect(unrated.body.items.every((item) => item.review?.selfRating === null)).toBe(true)
      const ratedC = await list(`?fiscalYear=${SEED_YEAR}&rating=C`)
      expect(ratedC.body.items.every((item) => item.review?.selfRating === "C")).toBe(true)
      expect((await list(`?fiscalYear=${SEED_YEAR}&status=draft`)).body.total).toBe(0)
      const searched = await list(`?fiscalYear=${SEED_YEAR}&q=${encodeURIComponent("にんしんSOS")}`)
      expect(searched.body.items.map((item) => item.no)).toContain(58)
      // An initiative is found by its number, written as people write it.
      for (const q of ["88", "No.88", "ｎｏ．８８", "no 88", "８８"]) {
        const byNumber = await list(`?fiscalYear=${SEED_YEAR}&q=${encodeURIComponent(q)}`)
        expect(
          byNumber.body.items.map((item) => item.no),
          q
        ).toContain(88)
      }
      expect((await list(`?fiscalYear=${SEED_YEAR}&progress=approved`)).body.total).toBe(55)
      expect((await list(`?fiscalYear=${SEED_YEAR}&progress=returned`)).body.total).toBe(0)
    })

    it("rejects a bad query with its field path, and 404s an unknown plan", async () => {
      const bad = expectProblem(await list("?pageSize=0&objective=x"), 400, "validation")
      expect(bad.errors?.map((error) => error.path).sort()).toEqual(["query.objective", "query.pageSize"])
      expect(expectProblem(await list("?fiscalYear=1999"), 400, "validation").errors?.[0]?.path).toBe(
        "query.fiscalYear"
      )
      expectProblem(await h.request("GET", "/plans/no-such-plan/initiatives", { token: "viewer" }), 404, "notFound")
    })

    it("GET one initiative with all its reviews; 400 for a bad number, 404 for an unknown one", async () => {
      const response = await h.request<{
        no: number
        agencies: string[]
        reviews: Array<{ fiscalYear: number; evaluation: unknown }>
      }>("GET", `/plans/${PLAN}/initiatives/58`, { token: "viewer" })
      expect(response.status).toBe(200)
      expect(response.body.agencies).toEqual([OWN_AGENCY])
      expect(response.body.reviews.map((review) => review.fiscalYear)).toContain(SEED_YEAR)
      expect(response.body.reviews[0]!.evaluation).toBeDefined()
      expectProblem(await h.request("GET", `/plans/${PLAN}/initiatives/9999`, { token: "viewer" }), 404, "notFound")
      expectProblem(await h.request("GET", `/plans/no-such-plan/initiatives/58`, { token: "viewer" }), 404, "notFound")
      const bad = expectProblem(
        await h.request("GET", `/plans/${PLAN}/initiatives/abc`, { token: "viewer" }),
        400,
        "validation"
      )
      expect(bad.errors?.[0]?.path).toBe("param.no")
    })
  })

  describe("reviews", () => {
    it("GET a review with its evaluation and ETag; 404 for an unknown year, initiative or plan", async () => {
      const response = await h.request<{
        initiativeNo: number
        version: number
        evaluation: { suggestedRating: string | null }
      }>("GET", reviewPath(58, SEED_YEAR), {
        token: "viewer"
      })
      expect(response.status).toBe(200)
      expect(response.headers.get("etag")).toBe('"v1"')
      expect(response.body).toMatchObject({ initiativeNo: 58, version: 1, selfRating: "A", status: "approved" })
      expect(response.body.evaluation.suggestedRating).toBe("A")
      expectProblem(await h.request("GET", reviewPath(58, 2030), { token: "viewer" }), 404, "notFound")
      expectProblem(await h.request("GET", reviewPath(9999, SEED_YEAR), { token: "viewer" }), 404, "notFound")
      expectProblem(
        await h.request("GET", `/plans/no-such-plan/initiatives/58/reviews/${SEED_YEAR}`, { token: "viewer" }),
        404,
        "notFound"
      )
    })

    it("PUT a review, move its status, read its history and restore an earlier version", async () => {
      const { review, etag } = await getReview(h, 60, SEED_YEAR)
      const put = await h.request<{ version: number; ratingReason: string }>("PUT", reviewPath(60, SEED_YEAR), {
        token: "admin",
        json: { ...review, ratingReason: "理由を書き直した。" },
        headers: { "if-match": etag }
      })
      expect(put.status, put.text).toBe(200)
      // The seed's review was approved: changed, it waits for approval again.
      expect(put.body).toMatchObject({ version: 2, ratingReason: "理由を書き直した。", status: "submitted" })
      expect(put.headers.get("etag")).toBe('"v2"')

      const reopened = await h.request<{ status: string; version: number }>(
        "POST",
        reviewPath(60, SEED_YEAR, "/status"),
        {
          token: "admin",
          json: { action: "return", comment: "確認のため戻します。" },
          headers: { "if-match": '"v2"' }
        }
      )
      expect(reopened.status, reopened.text).toBe(200)
      expect(reopened.body).toMatchObject({ status: "draft", version: 3 })

      const history = await h.request<Array<{ id: number; action: string; after: unknown }>>(
        "GET",
        reviewPath(60, SEED_YEAR, "/history"),
        { token: "viewer" }
      )
      expect(history.status).toBe(200)
      expect(history.body.map((entry) => entry.action)).toEqual(["status", "update", "create"])
      expect(history.body[0]!.id).toBeGreaterThan(history.body[1]!.id)

      const restored = await h.request<{ version: number; ratingReason: string; status: string }>(
        "POST",
        reviewPath(60, SEED_YEAR, "/restore"),
        {
          token: "admin",
          json: { auditId: history.body[2]!.id },
          headers: { "if-match": '"v3"' }
        }
      )
      expect(restored.status, restored.text).toBe(200)
      expect(restored.body).toMatchObject({ version: 4, ratingReason: review.ratingReason, status: "draft" })
      expectProblem(
        await h.request("GET", reviewPath(9999, SEED_YEAR, "/history"), { token: "viewer" }),
        404,
        "notFound"
      )
    })
  })

  describe("summary and targets", () => {
    it("GET the year's summary; 400 for an impossible year, 404 for an unknown plan", async () => {
      const response = await h.request<{
        fiscalYear: number
        ratings: Record<string, number>
        completion: { total: number }
        targets: unknown[]
      }>("GET", `/plans/${PLAN}/summary?fiscalYear=${SEED_YEAR}`, { token: "viewer" })
      expect(response.status).toBe(200)
      expect(response.body.fiscalYear).toBe(SEED_YEAR)
      expect(Object.values(response.body.ratings).reduce((a, b) => a + b, 0)).toBe(55)
      expect(response.body.targets).toHaveLength(5)
      expect(
        expectProblem(
          await h.request("GET", `/plans/${PLAN}/summary?fiscalYear=3000`, { token: "viewer" }),
          400,
          "validation"
        ).errors?.[0]?.path
      ).toBe("query.fiscalYear")
      expectProblem(await h.request("GET", "/plans/no-such-plan/summary", { token: "viewer" }), 404, "notFound")
    })

    it("GET the targets and one target with its ETag; 404 for an unknown one", async () => {
      const targets = await h.request<Array<{ id: string; evaluation: { grade: string } }>>(
        "GET",
        `/plans/${PLAN}/targets`,
        { token: "viewer" }
      )
      expect(targets.status).toBe(200)
      expect(targets.body.map((target) => target.id)).toEqual([
        "suicide-rate",
        "inochi-lessons",
        "stress-men",
        "stress-women",
        "knows-where-to-consult"
      ])
      const one = await h.request<{ id: string; version: number }>("GET", `/plans/${PLAN}/targets/inochi-lessons`, {
        token: "viewer"
      })
      expect(one.status).toBe(200)
      expect(one.headers.get("etag")).toBe('"v1"')
      expectProblem(await h.request("GET", `/plans/${PLAN}/targets/nope`, { token: "viewer" }), 404, "notFound")
      expectProblem(await h.request("GET", "/plans/no-such-plan/targets", { token: "viewer" }), 404, "notFound")
      expectProblem(
        await h.request("GET", "/plans/no-such-plan/targets/suicide-rate", { token: "viewer" }),
        404,
        "notFound"
      )
    })

    it("PUT a target with If-Match: observations are stored and rated; 428, 412 and 404 otherwise", async () => {
      const path = `/plans/${PLAN}/targets/inochi-lessons`
      const body = {
        baseline: { year: 2022, value: 50 },
        observations: [
          { year: 2023, value: 60 },
          { year: 2024, value: 85, source: "教育委員会調べ" }
        ],
        targetValue: 80,
        targetYear: 2028
      }
      expectProblem(await h.request("PUT", path, { token: "admin", json: body }), 428, "preconditionRequired")
      const saved = await h.request<{ version: number; observations: unknown[]; evaluation: { grade: string } }>(
        "PUT",
        path,
        {
          token: "admin",
          json: body,
          headers: { "if-match": '"v1"' }
        }
      )
      expect(saved.status, saved.text).toBe(200)
      expect(saved.headers.get("etag")).toBe('"v2"')
      expect(saved.body).toMatchObject({ version: 2, observations: body.observations, evaluation: { grade: "A" } })
      const stale = await h.request("PUT", path, { token: "admin", json: body, headers: { "if-match": '"v1"' } })
      expectProblem(stale, 412, "preconditionFailed")
      expect(stale.headers.get("etag")).toBe('"v2"')
      expectProblem(
        await h.request("PUT", `/plans/${PLAN}/targets/nope`, {
          token: "admin",
          json: body,
          headers: { "if-match": '"v1"' }
        }),
        404,
        "notFound"
      )
      const reread = await h.request<{ observations: unknown[] }>("GET", path, { token: "viewer" })
      expect(reread.body.observations).toEqual(body.observations)
    })
  })

  describe("rollover", () => {
    it("opens a year with a draft per continuing initiative, idempotently; 404 and 400 otherwise", async () => {
      const first = await h.request("POST", `/plans/${PLAN}/fiscal-years/2025/rollover`, { token: "admin" })
      expect(first.status, first.text).toBe(200)
      // No. 64 is discontinued (the association dissolved): it gets no FY2025 review.
      expect(first.body).toEqual({ fromFiscalYear: 2024, toFiscalYear: 2025, created: 54, skipped: 0 })
      const again = await h.request("POST", `/plans/${PLAN}/fiscal-years/2025/rollover`, { token: "admin" })
      expect(again.body).toEqual({ fromFiscalYear: 2024, toFiscalYear: 2025, created: 0, skipped: 54 })
      const draft = await h.request<{ status: string; version: number; plannedActions: string }>(
        "GET",
        reviewPath(58, 2025),
        { token: "viewer" }
      )
      expect(draft.body.status).toBe("draft")
      expect(draft.headers.get("etag")).toBe(`"v${draft.body.version}"`)
      expect(draft.body.plannedActions).toContain("にんしんSOSカード")
      expectProblem(await h.request("GET", reviewPath(64, 2025), { token: "viewer" }), 404, "notFound")
      expectProblem(
        await h.request("POST", "/plans/no-such-plan/fiscal-years/2025/rollover", { token: "admin" }),
        404,
        "notFound"
      )
      const impossible = expectProblem(
        await h.request("POST", `/plans/${PLAN}/fiscal-years/2101/rollover`, { token: "admin" }),
        400,
        "validation"
      )
      expect(impossible.errors?.[0]?.path).toBe("param.year")
      // Two administrators opening the next year at once: one takes the lock, nothing is created twice.
      const racing = await Promise.all(
        [1, 2, 3].map(() =>
          h.request<{ created: number }>("POST", `/plans/${PLAN}/fiscal-years/2026/rollover`, { token: "admin" })
        )
      )
      for (const response of racing) expect([200, 409], response.text).toContain(response.status)
      expect(
        racing.filter((response) => response.status === 200).reduce((sum, response) => sum + response.body.created, 0)
      ).toBe(54)
      const after = await h.request("POST", `/plans/${PLAN}/fiscal-years/2026/rollover`, { token: "admin" })
      expect(after.body).toMatchObject({ created: 0, skipped: 54 })
      // The list now defaults to the latest year.
      const latest = await h.request<{ items: Array<{ review: { fiscalYear: number } | null }> }>(
        "GET",
        `/plans/${PLAN}/initiatives?pageSize=1`,
        { token: "viewer" }
      )
      expect(latest.body.items[0]!.review?.fiscalYear).toBe(2026)
    })
  })

  describe("admin: users, tokens, audit", () => {
    it("lists, creates and changes users; 409 for a taken e-mail, 404 for an unknown user", async () => {
      const users = await h.request<Array<{ email: string; role: string }>>("GET", "/users", { token: "admin" })
      expect(users.status).toBe(200)
      expect(users.body).toContainEqual(expect.objectContaining({ email: ADMIN_EMAIL, role: "admin" }))
      expect(users.text).not.toMatch(/passwordHash|argon2/)
      const created = await h.request<{
        id: string
        email: string
        role: string
        agencies: string[]
        disabled: boolean
      }>("POST", "/users", {
        token: "admin",
        json: {
          email: "Editor.One@Example.jp",
          displayName: "健康支援課 担当",
          role: "editor",
          agencies: [OWN_AGENCY],
          password: "a long enough password"
        }
      })
      expect(created.status, created.text).toBe(201)
      expect(created.body).toMatchObject({
        email: "editor.one@example.jp",
        role: "editor",
        agencies: [OWN_AGENCY],
        disabled: false,
        language: "ja"
      })
      expect(created.text).not.toMatch(/password/i)
      const taken = await h.request("POST", "/users", {
        token: "admin",
        json: {
          email: "editor.one@example.jp",
          displayName: "x",
          role: "viewer",
          agencies: [],
          password: "another long password"
        }
      })
      expectProblem(taken, 409, "conflict")
      const patched = await h.request<{ role: string; displayName: string }>("PATCH", `/users/${created.body.id}`, {
        token: "admin",
        json: { role: "viewer", displayName: "閲覧のみ" }
      })
      expect(patched.status, patched.text).toBe(200)
      expect(patched.body).toMatchObject({ role: "viewer", displayName: "閲覧のみ" })
      expectProblem(
        await h.request("PATCH", "/users/usr_nobody", { token: "admin", json: { displayName: "x" } }),
        404,
        "notFound"
      )
    })

    it("creates a token shown once, lists tokens without secrets, revokes it; 404 when revoked again", async () => {
      const created = await h.request<{ id: string; token: string; role: string; expiresAt: string | null }>(
        "POST",
        "/tokens",
        {
          token: "admin",
          json: { name: "集計スクリプト", role: "viewer", expiresAt: "2099-01-01T00:00:00Z" }
        }
      )
      expect(created.status, created.text).toBe(201)
      expect(created.body.token).toMatch(/^skt_/)
      expect(created.body.expiresAt).toBe("2099-01-01T00:00:00.000Z")
      const listed = await h.request<Array<{ id: string }>>("GET", "/tokens", { token: "admin" })
      expect(listed.body.map((token) => token.id)).toContain(created.body.id)
      expect(listed.text).not.toContain(created.body.token)
      expect(listed.text).not.toMatch(/tokenHash|token_hash/)
      expect((await h.request("GET", "/plans", { token: created.body.token })).status).toBe(200)
      const revoked = await h.request("DELETE", `/tokens/${created.body.id}`, { token: "admin" })
      expect(revoked.status).toBe(204)
      expect(revoked.text).toBe("")
      expectProblem(await h.request("GET", "/plans", { token: created.body.token }), 401, "unauthorized")
      expectProblem(await h.request("DELETE", `/tokens/${created.body.id}`, { token: "admin" }), 404, "notFound")
      expectProblem(await h.request("DELETE", "/tokens/tok_nothing", { token: "admin" }), 404, "notFound")
    })

    it("reads the audit log by plan, initiative, user and time; 400 for initiativeNo without planId", async () => {
      const all = await h.request<Array<{ id: number; entity: string; entityKey: string; actorId: string | null }>>(
        "GET",
        "/audit?limit=1000",
        { token: "admin" }
      )
      expect(all.status).toBe(200)
      expect(all.body.length).toBeGreaterThan(100)
      const ids = all.body.map((entry) => entry.id)
      expect(ids).toEqual([...ids].sort((a, b) => b - a))
      const row = await h.request<Array<{ entityKey: string }>>("GET", `/audit?planId=${PLAN}&initiativeNo=60`, {
        token: "admin"
      })
      expect(row.body.length).toBeGreaterThan(0)
      expect(row.body.every((entry) => entry.entityKey.startsWith(`${PLAN}/60/`))).toBe(true)
      const page = await h.request<Array<{ id: number }>>("GET", `/audit?limit=2&before=${ids[0]}`, { token: "admin" })
      expect(page.body.map((entry) => entry.id)).toEqual(ids.slice(1, 3))
      const since = await h.request<unknown[]>("GET", `/audit?from=${encodeURIComponent("2099-01-01T00:00:00Z")}`, {
        token: "admin"
      })
      expect(since.body).toEqual([])
      const bad = expectProblem(await h.request("GET", "/audit?initiativeNo=60", { token: "admin" }), 400, "validation")
      expect(bad.errors?.[0]?.path).toBe("query.planId")
      expect(
        expectProblem(await h.request("GET", "/audit?limit=0", { token: "admin" }), 400, "validation").errors?.[0]?.path
      ).toBe("query.limit")
      // Beyond PostgreSQL's INTEGER the cursor was a database error (500): now it is a field error.
      const beyond = expectProblem(
        await h.request("GET", `/audit?before=${2 ** 40}&limit=1`, { token: "admin" }),
        400,
        "validation"
      )
      expect(beyond.errors?.map((error) => error.path)).toEqual(["query.before"])
    })
  })

  describe("session", () => {
    it("signs in with the admin's password, reads the session, signs out", async () => {
      const signIn = await h.request<{ user: { email: string; role: string }; csrfToken: string }>("POST", "/session", {
        json: { email: ` ${ADMIN_EMAIL.toUpperCase()} `, password: ADMIN_PASSWORD }
      })
      expect(signIn.status, signIn.text).toBe(200)
      expect(signIn.body.user).toMatchObject({ email: ADMIN_EMAIL, role: "admin" })
      const cookie = signIn.headers.get("set-cookie")!.split(";")[0]!
      const session = { cookie, csrfToken: signIn.body.csrfToken, userId: "" }
      const who = await h.request<{ user: { email: string }; csrfToken: string }>("GET", "/session", { session })
      expect(who.status).toBe(200)
      expect(who.body).toEqual({
        user: expect.objectContaining({ email: ADMIN_EMAIL }),
        csrfToken: signIn.body.csrfToken
      })
      const out = await h.request("DELETE", "/session", { session })
      expect(out.status).toBe(204)
      expect(out.headers.get("set-cookie")).toMatch(/sukoyaka_session=;.*Max-Age=0/i)
      expectProblem(await h.request("GET", "/session", { session }), 401, "unauthorized")
      expectProblem(
        await h.request("POST", "/session", { json: { email: ADMIN_EMAIL, password: "wrong password!" } }),
        401,
        "unauthorized"
      )
    })
  })
})
