/**
 * The OpenAPI document: valid for an independent validator (@readme/openapi-parser), complete
 * (every route of the app, and only those), and good enough to generate a client from: the types
 * openapi-typescript derives (committed in test/generated/api.d.ts) drive openapi-fetch against the
 * running server, on both databases.
 */
import { compileErrors, validate } from "@readme/openapi-parser"
import createClient from "openapi-fetch"
import { readFileSync } from "node:fs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { generateClientTypes, generatedTypesFile } from "../scripts/generate-client-types.ts"
import { appRuntime } from "@sukoyaka/app"
import { API_BASE, createApp } from "../src/index.ts"
import { inlineBuiltinSchemas } from "../src/openapi.ts"
import type { paths } from "./generated/api.d.ts"
import { dialects, type Harness, OWN_AGENCY, PLAN, startHarness } from "./support.ts"

type Document = {
  openapi: string
  paths: Record<
    string,
    Record<
      string,
      {
        security?: unknown[]
        parameters?: Array<{ in: string; name: string; required?: boolean }>
        responses: Record<string, unknown>
      }
    >
  >
  components: { schemas: Record<string, unknown> }
}

const methods = ["get", "put", "post", "delete", "patch"]

describe.each(dialects)("the OpenAPI document on %s", (dialect) => {
  let h: Harness
  let document: Document
  beforeAll(async () => {
    h = await startHarness(dialect)
    const response = await fetch(`${h.url}${API_BASE}/openapi.json`)
    expect(response.status).toBe(200)
    document = (await response.json()) as Document
  })
  afterAll(async () => {
    await h?.close()
  })

  it("passes an independent validator (@readme/openapi-parser) without errors", async () => {
    // The parser dereferences in place: validate a copy.
    const result = await validate(structuredClone(document) as never)
    expect(result.valid, result.valid ? "" : compileErrors(result)).toBe(true)
    expect(result.specification).toBe("OpenAPI")
    expect(document.openapi).toMatch(/^3\.1\./)
  })

  it("has no component named by an Effect built-in's $id (a $ref no tool resolves)", () => {
    expect(Object.keys(document.components.schemas).filter((name) => !/^[\w.-]+$/.test(name))).toEqual([])
    expect(JSON.stringify(document)).not.toContain("#/components/schemas//")
    const inlined = inlineBuiltinSchemas({
      components: {
        schemas: {
          "/schemas/unknown": { title: "unknown" },
          Thing: { type: "object", properties: { diff: { $ref: "#/components/schemas//schemas/unknown" } } }
        }
      }
    })
    expect(inlined).toEqual({
      components: { schemas: { Thing: { type: "object", properties: { diff: { title: "unknown" } } } } }
    })
  })

  it("documents every route of the app, and no route that does not exist", () => {
    const app = createApp(h.server.runtime)
    const served = new Set(
      app.routes
        .filter(
          (route) =>
            route.path.startsWith(API_BASE) &&
            methods.includes(route.method.toLowerCase()) &&
            route.path !== `${API_BASE}/openapi.json`
        )
        .map((route) => `${route.method.toUpperCase()} ${route.path.replace(/:(\w+)/g, "{$1}")}`)
    )
    const documented = new Set(
      Object.entries(document.paths).flatMap(([path, item]) =>
        Object.keys(item)
          .filter((m) => methods.includes(m))
          .map((m) => `${m.toUpperCase()} ${path}`)
      )
    )
    expect([...documented].sort()).toEqual([...served].sort())
  })

  it("says which routes are public, which need If-Match, and that errors are problem+json", () => {
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const isPublic =
          path === `${API_BASE}/health` ||
          (method === "post" && (path === `${API_BASE}/session` || path === `${API_BASE}/password-setup`)) ||
          path.startsWith(`${API_BASE}/public/`)
        expect(operation.security, `${method} ${path}`).toEqual(isPublic ? [] : undefined)
        expect(Object.keys(operation.responses), `${method} ${path}`).toEqual(expect.arrayContaining(["400", "401"]))
        const problem = operation.responses["400"] as { content: Record<string, unknown> }
        expect(Object.keys(problem.content)).toEqual(["application/problem+json"])
      }
    }
    const conditional = [
      ["put", `${API_BASE}/plans/{planId}/initiatives/{no}/reviews/{fiscalYear}`],
      ["post", `${API_BASE}/plans/{planId}/initiatives/{no}/reviews/{fiscalYear}/status`],
      ["post", `${API_BASE}/plans/{planId}/initiatives/{no}/reviews/{fiscalYear}/restore`],
      ["put", `${API_BASE}/plans/{planId}/targets/{targetId}`],
      ["post", `${API_BASE}/plans/{planId}/policies`],
      ["patch", `${API_BASE}/plans/{planId}/policies/{policyNo}`],
      ["post", `${API_BASE}/plans/{planId}/policies/{policyNo}/areas`],
      ["patch", `${API_BASE}/plans/{planId}/policies/{policyNo}/areas/{areaNo}`],
      ["post", `${API_BASE}/plans/{planId}/policies/{policyNo}/areas/{areaNo}/objectives`],
      ["patch", `${API_BASE}/plans/{planId}/policies/{policyNo}/areas/{areaNo}/objectives/{objectiveNo}`],
      ["patch", `${API_BASE}/plans/{planId}/agencies/{agencyId}`],
      ["patch", `${API_BASE}/plans/{planId}/initiatives/{no}`],
      ["patch", `${API_BASE}/plans/{planId}/targets/{targetId}`]
    ] as const
    for (const [method, path] of conditional) {
      const operation = document.paths[path]![method]!
      expect(operation.parameters).toContainEqual(
        expect.objectContaining({ in: "header", name: "If-Match", required: true })
      )
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(["412", "428"]))
    }
  })

  it("the committed client types are what openapi-typescript generates from it today", async () => {
    const fresh = await generateClientTypes(document as never)
    // Regenerate with `pnpm --filter @sukoyaka/api generate:client-types` when this fails.
    expect(readFileSync(generatedTypesFile, "utf8")).toBe(fresh)
  })

  it("the document does not depend on the database or the request: the app alone serves the same one", async () => {
    const runtime = appRuntime({ _tag: "Sqlite", filename: ":memory:" })
    try {
      const alone = await (await createApp(runtime).request(`${API_BASE}/openapi.json`)).json()
      expect(alone).toEqual(document)
    } finally {
      await runtime.dispose()
    }
  })

  describe("a client generated from it (openapi-typescript + openapi-fetch)", () => {
    const client = (token: string) =>
      createClient<paths>({ baseUrl: h.url, headers: { Authorization: `Bearer ${token}` } })

    it("reads plans, initiatives, a review with its ETag, the summary and targets", async () => {
      const api = client(h.tokens.viewer)
      const plans = await api.GET("/api/v1/plans")
      expect(plans.error).toBeUndefined()
      expect(plans.data?.map((plan) => plan.id)).toEqual([PLAN])

      const page = await api.GET("/api/v1/plans/{planId}/initiatives", {
        params: { path: { planId: PLAN }, query: { agency: OWN_AGENCY, fiscalYear: 2024 } }
      })
      expect(page.data?.total).toBe(9)
      expect(page.data?.items.every((item) => item.agencies.includes(OWN_AGENCY))).toBe(true)

      const review = await api.GET("/api/v1/plans/{planId}/initiatives/{no}/reviews/{fiscalYear}", {
        params: { path: { planId: PLAN, no: 58, fiscalYear: 2024 } }
      })
      expect(review.response.headers.get("etag")).toBe('"v1"')
      expect(review.data?.selfRating).toBe("A")
      expect(review.data?.evaluation.suggestedRating).toBe("A")

      const summary = await api.GET("/api/v1/plans/{planId}/summary", {
        params: { path: { planId: PLAN }, query: { fiscalYear: 2024 } }
      })
      expect(summary.data?.completion.total).toBe(55)
      const targets = await api.GET("/api/v1/plans/{planId}/targets", { params: { path: { planId: PLAN } } })
      expect(targets.data?.length).toBe(5)
      const health = await createClient<paths>({ baseUrl: h.url }).GET("/api/v1/health")
      expect(health.data?.status).toBe("ok")
    })

    it("writes a review with If-Match, and gets the problems as typed errors", async () => {
      const admin = client(h.tokens.admin)
      const path = { planId: PLAN, no: 87, fiscalYear: 2024 }
      const read = await admin.GET("/api/v1/plans/{planId}/initiatives/{no}/reviews/{fiscalYear}", { params: { path } })
      const etag = read.response.headers.get("etag")!
      const body = { ...read.data!, ratingReason: "予定を下回ったため。" }

      const withoutIfMatch = await admin.PUT("/api/v1/plans/{planId}/initiatives/{no}/reviews/{fiscalYear}", {
        params: { path, header: { "If-Match": "" } },
        body
      })
      expect(withoutIfMatch.response.status).toBe(412)

      const saved = await admin.PUT("/api/v1/plans/{planId}/initiatives/{no}/reviews/{fiscalYear}", {
        params: { path, header: { "If-Match": etag } },
        body
      })
      expect(saved.error).toBeUndefined()
      expect(saved.data?.ratingReason).toBe("予定を下回ったため。")
      expect(saved.data?.version).toBe(read.data!.version + 1)
      expect(saved.response.headers.get("etag")).toBe(`"v${read.data!.version + 1}"`)

      const stale = await admin.PUT("/api/v1/plans/{planId}/initiatives/{no}/reviews/{fiscalYear}", {
        params: { path, header: { "If-Match": etag } },
        body
      })
      expect(stale.response.status).toBe(412)
      expect(stale.error?.type).toBe("urn:sukoyaka:problem:preconditionFailed")

      const invalid = await admin.PUT("/api/v1/plans/{planId}/initiatives/{no}/reviews/{fiscalYear}", {
        params: { path, header: { "If-Match": saved.response.headers.get("etag")! } },
        body: { ...body, selfRating: "E" as "A" }
      })
      expect(invalid.response.status).toBe(400)
      expect(invalid.error?.errors?.map((error) => error.path)).toEqual(["selfRating"])

      const reopened = await admin.POST("/api/v1/plans/{planId}/initiatives/{no}/reviews/{fiscalYear}/status", {
        params: { path, header: { "If-Match": saved.response.headers.get("etag")! } },
        // Changed after approval it waits for approval again: the secretariat returns it to the agency.
        body: { action: "return", comment: "もう一度確認してください。" }
      })
      expect(reopened.data?.status).toBe("draft")

      const history = await admin.GET("/api/v1/plans/{planId}/initiatives/{no}/reviews/{fiscalYear}/history", {
        params: { path }
      })
      expect(history.data?.map((entry) => entry.action)).toEqual(["status", "update", "create"])

      const forbidden = await client(h.tokens.viewer).PUT(
        "/api/v1/plans/{planId}/initiatives/{no}/reviews/{fiscalYear}",
        {
          params: { path, header: { "If-Match": reopened.response.headers.get("etag")! } },
          body
        }
      )
      expect(forbidden.response.status).toBe(403)
      expect(forbidden.error?.type).toBe("urn:sukoyaka:problem:forbidden")

      const missing = await admin.GET("/api/v1/plans/{planId}/initiatives/{no}", {
        params: { path: { planId: PLAN, no: 9999 } }
      })
      expect(missing.error?.status).toBe(404)
    })

    it("creates and revokes a token, and reads the audit log", async () => {
      const admin = client(h.tokens.admin)
      const created = await admin.POST("/api/v1/tokens", {
        body: { name: "generated client", role: "editor", agencies: [OWN_AGENCY] }
      })
      expect(created.response.status).toBe(201)
      expect(created.data?.token).toMatch(/^skt_/)
      const asEditor = await client(created.data!.token).GET("/api/v1/plans/{planId}/agencies", {
        params: { path: { planId: PLAN } }
      })
      expect(asEditor.data?.some((agency) => agency.id === OWN_AGENCY)).toBe(true)
      const revoked = await admin.DELETE("/api/v1/tokens/{id}", { params: { path: { id: created.data!.id } } })
      expect(revoked.response.status).toBe(204)
      const audit = await admin.GET("/api/v1/audit", { params: { query: { limit: 5 } } })
      expect(audit.data?.[0]).toMatchObject({ entity: "apiToken", action: "revoke" })
      const unauthorized = await client(created.data!.token).GET("/api/v1/plans")
      expect(unauthorized.error?.status).toBe(401)
    })

    it("downloads each export format with its content type, and imports the workbook back (multipart)", async () => {
      const api = client(h.tokens.admin)
      const path = { planId: PLAN }
      const xlsx = await api.GET("/api/v1/plans/{planId}/export", {
        params: { path, query: { format: "xlsx", fiscalYear: 2024 } },
        parseAs: "arrayBuffer"
      })
      expect(xlsx.response.headers.get("content-type")).toBe(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
      )
      expect(xlsx.response.headers.get("content-encoding")).toBeNull()
      const csv = await api.GET("/api/v1/plans/{planId}/export", {
        params: { path, query: { format: "csv", fiscalYear: 2024 } },
        parseAs: "text"
      })
      expect(csv.response.headers.get("content-type")).toMatch(/^text\/csv/)
      expect(csv.data).toContain("58")
      const json = await api.GET("/api/v1/plans/{planId}/export", {
        params: { path, query: { format: "json", fiscalYear: 2024 } }
      })
      expect(json.response.headers.get("content-type")).toMatch(/^application\/json/)
      expect(json.data).toMatchObject({ planId: PLAN, fiscalYear: 2024 })

      // The document declares the body (multipart, a binary `file`): the client sends the workbook as a form.
      const imported = await api.POST("/api/v1/plans/{planId}/imports", {
        params: { path, query: { dryRun: "true", fiscalYear: 2024 } },
        body: { file: new Blob([xlsx.data!]) as unknown as string },
        bodySerializer: (body) => {
          const form = new FormData()
          form.set("file", body.file as unknown as Blob, "returned.xlsx")
          return form
        }
      })
      expect(imported.error).toBeUndefined()
      expect(imported.data?.dryRun).toBe(true)
      expect(imported.data?.canApply).toBe(true)
    })

    it("types numeric parameters as numbers", () => {
      type ReviewPath =
        paths["/api/v1/plans/{planId}/initiatives/{no}/reviews/{fiscalYear}"]["get"]["parameters"]["path"]
      type ListQuery = NonNullable<paths["/api/v1/plans/{planId}/initiatives"]["get"]["parameters"]["query"]>
      const path: ReviewPath = { planId: PLAN, no: 58, fiscalYear: 2024 }
      const query: ListQuery = { page: 2, pageSize: 10, rating: "C,D", sort: "-rating" }
      // @ts-expect-error a number in a path is a number, not the text of one
      const text: ReviewPath = { planId: PLAN, no: "58", fiscalYear: 2024 }
      expect([path.no, query.page, text.planId]).toEqual([58, 2, PLAN])
    })
  })
})
