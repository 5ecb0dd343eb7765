import { defaults, openDataLicenses, type PublicSettings } from "@sukoyaka/app"
import { Accounts, ChangeStamp } from "@sukoyaka/storage"
import { attachmentDefaults } from "@sukoyaka/core"
import { Effect } from "effect"
import { Hono } from "hono"
import { bodyLimit } from "hono/body-limit"
import { cors } from "hono/cors"
import { HTTPException } from "hono/http-exception"
import { requestId } from "hono/request-id"
import { secureHeaders } from "hono/secure-headers"
import { timeout } from "hono/timeout"
import { openAPIRouteHandler } from "hono-openapi"
import { authenticate } from "./auth.ts"
import { docsPage, swaggerAsset } from "./docs.ts"
import { earlyView, makeViewUrls } from "./earlyView.ts"
import type { AppEnv, SignInSettings } from "./env.ts"
import { allowedMethods, compressJson, conditionalGet, corsHeaders } from "./httpConventions.ts"
import { guardJsonBody } from "./jsonBody.ts"
import { log, logRequest } from "./log.ts"
import { portableSchemas, tags } from "./openapi.ts"
import { domainProblem, HttpProblem, renderProblem } from "./problem.ts"
import admin from "./routes/admin.ts"
import changes from "./routes/changes.ts"
import coverage from "./routes/coverage.ts"
import cycles from "./routes/cycles.ts"
import dashboard from "./routes/dashboard.ts"
import bulkReviews from "./routes/bulkReviews.ts"
import definition from "./routes/definition.ts"
import dialogue from "./routes/dialogue.ts"
import frameworks from "./routes/frameworks.ts"
import tagProposals from "./routes/tagProposals.ts"
import health from "./routes/health.ts"
import initiatives from "./routes/initiatives.ts"
import notes from "./routes/notes.ts"
import notifications from "./routes/notifications.ts"
import plans from "./routes/plans.ts"
import publicRoutes from "./routes/public.ts"
import publishing from "./routes/publishing.ts"
import reviews from "./routes/reviews.ts"
import session from "./routes/session.ts"
import summary from "./routes/summary.ts"
import tree from "./routes/tree.ts"
import trends from "./routes/trends.ts"
import webhooks from "./routes/webhooks.ts"
import workbook from "./routes/workbook.ts"
import { type AppRuntime, runner } from "./runtime.ts"
import { SESSION_COOKIE } from "./sessionCookie.ts"
import { makeSignInGate } from "./signInGate.ts"
import { makeViewCache } from "./viewCache.ts"

export const API_BASE = "/api/v1"
const MAX_BODY_BYTES = 1024 * 1024

/** The versioned API: what the typed client (`hc<AppType>`) and the OpenAPI document describe. */
const api = new Hono<AppEnv>()
  .route("/", session)
  // Open to anyone, before authentication: approved reviews of published years only (#21).
  .route("/public", publicRoutes)
  .use(authenticate)
  .route("/plans", plans)
  .route("/plans", tree)
  .route("/plans", definition)
  .route("/plans", initiatives)
  .route("/plans", reviews)
  .route("/plans", dialogue)
  .route("/plans", bulkReviews)
  .route("/plans", summary)
  .route("/plans", trends)
  .route("/plans", dashboard)
  .route("/plans", workbook)
  .route("/plans", cycles)
  .route("/plans", changes)
  .route("/plans", notes)
  .route("/plans", publishing)
  .route("/plans", coverage)
  .route("/plans", tagProposals)
  .route("/", frameworks)
  .route("/", admin)
  .route("/", notifications)
  .route("/", webhooks)

export type AppType = typeof api

const toProblem = (error: unknown): HttpProblem | undefined => {
  if (error instanceof HttpProblem) return error
  if (error instanceof HTTPException) {
    if (error.status === 413)
      return new HttpProblem("payloadTooLarge", `the body may have at most ${MAX_BODY_BYTES} bytes`)
    if (error.status === 400 && /JSON/i.test(error.message)) return new HttpProblem("malformedJson", error.message)
    if (error.status === 400) return new HttpProblem("badRequest", error.message)
    if (error.status === 401) return new HttpProblem("unauthorized")
    if (error.status === 504 || error.status === 503) return new HttpProblem("timeout")
    return undefined
  }
  return domainProblem(error)
}

const writeMethods = new Set(["POST", "PUT", "PATCH"])

/** The routes that take multipart/form-data files, not JSON: a workbook import, a review's attachment. */
const isUpload = (method: string, path: string) =>
  method === "POST" && (/\/imports$/.test(path) || /\/reviews\/[^/]+\/attachments$/.test(path))

/** The whole HTTP app over one runtime: middleware, the API, its OpenAPI document and docs. */
export const createApp = (
  runtime: AppRuntime,
  options: {
    readonly corsOrigins?: ReadonlyArray<string>
    /** The largest file attached to a review (SUKOYAKA_ATTACHMENT_MAX_BYTES). */
    readonly attachmentMaxBytes?: number
    /** The open data's licence and the small-number threshold (publicConfig). */
    readonly publicSettings?: PublicSettings
  } & Partial<SignInSettings> = {}
) => {
  const attachmentLimits = {
    maxBytes: options.attachmentMaxBytes ?? attachmentDefaults.maxBytes,
    perReview: attachmentDefaults.perReview
  }
  const publicSettings: PublicSettings = options.publicSettings ?? {
    license: openDataLicenses[defaults.openDataLicense],
    smallCountThreshold: defaults.smallCountThreshold
  }
  const run = runner(runtime)
  const views = makeViewCache()
  const viewUrls = makeViewUrls()
  // Two attempts in flight per address (a double click), one argon2 at a time (it holds the event
  // loop), and a queue of 16 (under a second of work) before new attempts are turned away.
  const signIn: AppEnv["Variables"]["signIn"] = {
    gate: makeSignInGate({ perAddress: 2, concurrency: 1, maxWaiting: 16 }),
    internalSecret: options.internalSecret,
    trustProxy: options.trustProxy ?? false,
    secureCookies: options.secureCookies ?? false
  }
  let memory: AppEnv["Variables"]["memory"]
  // Resolved once (the runtime is built by then in startServer); until then requests take the Effect path.
  run(
    Effect.gen(function* () {
      return { accounts: yield* Accounts, stamps: yield* ChangeStamp }
    })
  ).then(
    (services) => void (memory = services),
    () => undefined
  )
  const app = new Hono<AppEnv>()
  app.use(requestId({ limitLength: 64 }))
  app.use(async (c, next) => {
    const started = performance.now()
    c.set("run", run)
    c.set("views", views)
    c.set("viewUrls", viewUrls)
    c.set("memory", memory)
    c.set("signIn", signIn)
    c.set("attachmentLimits", attachmentLimits)
    c.set("publicSettings", publicSettings)
    // PostgreSQL: a change notification received with this request is counted before any answer
    // from memory (ChangeStamp.settle); undefined, no wait, on SQLite.
    const settling = memory?.stamps.settle()
    if (settling !== undefined) await settling
    // Read after settle, before anything is answered from memory; once (see AppEnv's `stamp`).
    c.set("stamp", memory === undefined ? null : memory.stamps.current())
    await next()
    // PostgreSQL: a write is answered once this process has counted its commit (ChangeStamp.sync),
    // so the client's next read, here or on another process, does not find the stamp behind.
    if (c.req.method !== "GET" && c.req.method !== "HEAD" && c.req.method !== "OPTIONS") {
      const synced = memory?.stamps.sync()
      if (synced !== undefined) await synced
    }
    logRequest(c.get("requestId"), c.req.method, c.req.path, c.res.status, Math.round(performance.now() - started))
  })
  app.use(secureHeaders({ crossOriginResourcePolicy: "same-origin" }))
  // The public side may be read from any site (a city portal, an analyst's notebook): GET only, no credentials.
  app.use(
    `${API_BASE}/public/*`,
    cors({ origin: "*", allowMethods: ["GET", "HEAD"], exposeHeaders: ["ETag"], credentials: false })
  )
  if (options.corsOrigins && options.corsOrigins.length > 0) {
    const credentialed = cors({
      origin: [...options.corsOrigins],
      credentials: true,
      exposeHeaders: [...corsHeaders.exposeHeaders],
      allowHeaders: [...corsHeaders.allowHeaders]
    })
    // The public routes keep their open, credential-free CORS (above).
    app.use(`${API_BASE}/*`, (c, next) =>
      c.req.path.startsWith(`${API_BASE}/public/`) ? next() : credentialed(c, next)
    )
  }
  // A repeated GET of a cached view is answered here, before the rest (earlyView.ts); any other
  // request goes on. After the security headers and CORS, which every answer carries.
  app.use(`${API_BASE}/plans/*`, earlyView)
  // Outermost first: the body is compressed after the conditional GET has decided on it.
  app.use(`${API_BASE}/*`, compressJson)
  app.use(`${API_BASE}/*`, conditionalGet)
  const jsonBodyLimit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new HttpProblem("payloadTooLarge", `the body may have at most ${MAX_BODY_BYTES} bytes`)
    }
  })
  // Uploads (workbooks, attachments) are multipart with their own, larger limits on their routes.
  // A request with neither Content-Length nor Transfer-Encoding has no body (RFC 9112 §6.3) and
  // skips the limiter, which would otherwise build a WHATWG Request (signal and all) for every GET.
  app.use(`${API_BASE}/*`, (c, next) =>
    isUpload(c.req.method, c.req.path) ||
    (c.req.header("content-length") === undefined && c.req.header("transfer-encoding") === undefined)
      ? next()
      : jsonBodyLimit(c, next)
  )
  app.use(
    `${API_BASE}/*`,
    timeout(15_000, () => new HTTPException(503, { message: "timeout" }))
  )
  app.use(`${API_BASE}/*`, async (c, next) => {
    const type = c.req.header("content-type")
    const hasBody =
      c.req.header("content-length") !== "0" &&
      (c.req.header("content-length") !== undefined || c.req.header("transfer-encoding") !== undefined)
    if (
      writeMethods.has(c.req.method) &&
      hasBody &&
      !isUpload(c.req.method, c.req.path) &&
      !/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type ?? "")
    ) {
      throw new HttpProblem("unsupportedMediaType", "send the body as application/json")
    }
    await next()
  })
  app.use(`${API_BASE}/*`, guardJsonBody)

  // Public routes first: the API's authentication middleware covers everything mounted after it.
  app.route("/", health)
  app.route(API_BASE, health)
  app.get(
    `${API_BASE}/openapi.json`,
    portableSchemas,
    openAPIRouteHandler(app, {
      documentation: {
        info: {
          title: "Sukoyaka API",
          version: "1.0.0",
          description:
            "The yearly PDCA review of a city's health plan: plans, initiatives, reviews, ratings. Errors are RFC 9457 problem+json, titled in the language of Accept-Language (Japanese by default). Every JSON GET answers with a strong ETag and 304 to a matching If-None-Match; JSON of 1 KB or more is compressed (br, gzip) when the client accepts it.",
          license: { name: "MIT", identifier: "MIT" },
          // The city's secretariat runs the server: the address an integrator asks is this server's docs.
          contact: { name: "Sukoyaka API documentation", url: "/api/docs" }
        },
        tags: tags.map((tag) => ({ ...tag })),
        servers: [{ url: "/", description: "this server" }],
        components: {
          securitySchemes: {
            bearer: { type: "http", scheme: "bearer", description: "an API token (pnpm sukoyaka token create)" },
            session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE }
          }
        },
        security: [{ bearer: [] }, { session: [] }]
      },
      exclude: [/^\/api\/docs/, `${API_BASE}/openapi.json`, /^\/health$/],
      defaultValidationErrorResponse: false
    })
  )
  app.get("/api/docs", (c) => c.html(docsPage(`${API_BASE}/openapi.json`)))
  app.get("/api/docs/assets/:file", swaggerAsset)
  app.route(API_BASE, api)

  const allowed = allowedMethods(app.routes)
  app.notFound((c) => {
    const methods = allowed(c.req.path)
    if (methods.length > 0 && !methods.includes(c.req.method))
      return renderProblem(
        c,
        new HttpProblem("methodNotAllowed", `${c.req.path} answers ${methods.join(", ")}`, undefined, {
          Allow: methods.join(", ")
        })
      )
    return renderProblem(c, new HttpProblem("notFound", `no route ${c.req.method} ${c.req.path}`))
  })
  app.onError((error, c) => {
    const problem = toProblem(error)
    if (problem) return renderProblem(c, problem)
    // The detail of an unexpected failure goes to the log under the request id, never to the client.
    log("error", "unhandled", {
      requestId: c.var.requestId,
      method: c.req.method,
      path: c.req.path,
      error: error instanceof Error ? error.message : String(error)
    })
    return renderProblem(c, new HttpProblem("internal", "see the server log for this request id"))
  })
  return app
}
