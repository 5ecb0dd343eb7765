import { createClient } from "@sukoyaka/api/client"
import {
  CoverageReport,
  Cycle,
  CycleStatus,
  FrameworkSummary,
  InitiativeDetail,
  InitiativeListItem,
  pageOf,
  Plan,
  TargetView,
  RatingTrendsView,
  YearSummaryView
} from "@sukoyaka/core"
import { Schema } from "effect"
import { type Lang, messagesFor } from "../text/messages.ts"
import {
  COVERAGE_PENDING,
  type DashboardData,
  type DataSource,
  type InitiativeDetailView,
  type CoverageGlance,
  GLANCE_FRAMEWORK,
  glanceOf,
  type LateReviews,
  lateOf,
  SourceError
} from "./DataSource.ts"

const InitiativePage = pageOf(InitiativeListItem, "InitiativePage")
const Targets = Schema.Array(TargetView)
const FrameworkList = Schema.Array(FrameworkSummary)
const Cycles = Schema.Array(Cycle)

/** The API's largest page: the seed's 55 initiatives come in one request. */
const PAGE_SIZE = 200

export interface HttpSourceOptions {
  readonly baseUrl: string
  readonly token: string | undefined
  /** The fetch to use; the dashboard's tests pass one that simulates a network outage. */
  readonly fetch?: typeof fetch
  readonly timeoutMs?: number
  /** The language of the errors it throws (the status line, stderr); Japanese unless told. */
  readonly lang?: Lang
}

const networkCause = (error: unknown): string => {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause
  if (typeof cause?.code === "string") return cause.code
  if (error instanceof Error && error.name === "TimeoutError") return "timeout"
  return error instanceof Error ? error.message : String(error)
}

/**
 * The API's root from the address a user gives: the one `pnpm start` prints (…/api/v1) or the
 * server's, with or without a trailing slash. The typed client adds /api/v1 itself.
 */
export const apiRoot = (address: string): string => address.replace(/\/+$/, "").replace(/\/api\/v1$/, "")

/** Every problem the API answers with has a type of this form: anything else is another server. */
const isSukoyakaProblem = async (response: Response): Promise<boolean> => {
  if (!/^application\/problem\+json/i.test(response.headers.get("content-type") ?? "")) return false
  const body = (await response.json().catch(() => undefined)) as { type?: unknown } | undefined
  return typeof body?.type === "string" && body.type.startsWith("urn:sukoyaka:problem:")
}

/**
 * A fetch that revalidates what it has read: a GET is sent with the ETag of its last answer in
 * If-None-Match, and a 304 is answered with the bytes kept from that answer. A refresh that finds
 * nothing changed moves no data, and the dashboard draws the same frame.
 */
export const revalidatingFetch = (fetchImpl: typeof fetch): typeof fetch => {
  const kept = new Map<string, { readonly etag: string; readonly body: ArrayBuffer; readonly type: string }>()
  return async (input, init) => {
    const request = new Request(input, init)
    if (request.method !== "GET") return fetchImpl(request)
    const url = request.url
    const known = kept.get(url)
    if (known !== undefined) request.headers.set("If-None-Match", known.etag)
    const response = await fetchImpl(request)
    if (response.status === 304 && known !== undefined)
      return new Response(known.body.slice(0), { status: 200, headers: { "Content-Type": known.type } })
    const etag = response.headers.get("etag")
    if (response.ok && etag !== null) {
      const body = await response.arrayBuffer()
      const type = response.headers.get("content-type") ?? "application/json"
      kept.set(url, { etag, body, type })
      return new Response(body.slice(0), { status: response.status, headers: response.headers })
    }
    return response
  }
}

/**
 * The API over HTTP with the typed client (`hc<AppType>`), the answers decoded with the core's
 * schemas: what the dashboard draws is checked, never trusted.
 */
export const httpSource = (options: HttpSourceOptions): DataSource => {
  const baseUrl = apiRoot(options.baseUrl)
  const client = createClient(baseUrl, {
    headers: options.token ? { Authorization: `Bearer ${options.token}` } : {},
    fetch: revalidatingFetch(options.fetch ?? fetch)
  })
  const timeoutMs = options.timeoutMs ?? 10_000
  const m = messagesFor(options.lang ?? "ja")

  /** One request: transport failures and HTTP errors become SourceErrors, the body is decoded. */
  const call = async <A, I>(
    what: string,
    schema: Schema.Codec<A, I>,
    send: (init: RequestInit) => Promise<Response>
  ): Promise<A> => {
    let response: Response
    try {
      response = await send({ signal: AbortSignal.timeout(timeoutMs) })
    } catch (error) {
      throw new SourceError("unreachable", m.errorUnreachable(networkCause(error), baseUrl))
    }
    if (!response.ok) {
      const status = response.status
      // A 404 from another server is no missing plan: the address is wrong.
      if ((status === 404 || status === 405) && !(await isSukoyakaProblem(response)))
        throw new SourceError("notSukoyaka", m.errorNotSukoyaka(baseUrl), status)
      await response.body?.cancel().catch(() => undefined)
      if (status === 401) throw new SourceError("unauthorized", m.errorUnauthorized, status)
      if (status === 403) throw new SourceError("forbidden", m.errorForbidden, status)
      if (status === 404) throw new SourceError("notFound", m.errorNotFound(what), status)
      throw new SourceError("server", m.errorServer(status), status)
    }
    if (!/^application\/json/i.test(response.headers.get("content-type") ?? ""))
      throw new SourceError("notSukoyaka", m.errorNotSukoyaka(baseUrl), response.status)
    const body: unknown = await response.json().catch(() => undefined)
    try {
      return await Schema.decodeUnknownPromise(schema)(body)
    } catch {
      throw new SourceError("invalidResponse", m.errorInvalidResponse(what))
    }
  }

  const plans = client.plans[":planId"]
  const year = (fiscalYear: number | undefined) => (fiscalYear === undefined ? {} : { fiscalYear: String(fiscalYear) })

  const initiatives = async (planId: string, fiscalYear: number) => {
    const items: Array<typeof InitiativeListItem.Type> = []
    for (let page = 1; ; page += 1) {
      const result = await call(m.whatInitiatives, InitiativePage, (init) =>
        plans.initiatives.$get(
          {
            param: { planId },
            query: {
              fiscalYear: String(fiscalYear),
              page: String(page),
              pageSize: String(PAGE_SIZE)
            }
          },
          { init }
        )
      )
      items.push(...result.items)
      if (result.items.length === 0 || items.length >= result.total) return items
    }
  }

  /** The open cycle's late reviews: the latest cycle not closed, if any. */
  const late = async (planId: string): Promise<LateReviews | null> => {
    const cycles = await call(m.whatCycles, Cycles, (init) => plans.cycles.$get({ param: { planId } }, { init }))
    const open = cycles.filter((cycle) => cycle.closedAt === null).at(-1)
    if (open === undefined) return null
    const status = await call(m.whatCycles, CycleStatus, (init) =>
      plans.cycles[":fiscalYear"].$get({ param: { planId, fiscalYear: String(open.fiscalYear) } }, { init })
    )
    return lateOf(status)
  }

  /** Whether the current package is loaded: the first frame knows whether the coverage panel is there. */
  const packageLoaded = async (): Promise<boolean> => {
    const loaded = await call(m.whatCoverage, FrameworkList, (init) => client.frameworks.$get(undefined, { init }))
    return loaded.some((framework) => framework.id === GLANCE_FRAMEWORK)
  }

  /** The current package's coverage, when the framework is loaded. */
  const coverage = async (planId: string, fiscalYear: number): Promise<CoverageGlance | null> => {
    if (!(await packageLoaded())) return null
    const report = await call(m.whatCoverage, CoverageReport, (init) =>
      plans.coverage.$get(
        { param: { planId }, query: { framework: GLANCE_FRAMEWORK, fiscalYear: String(fiscalYear) } },
        { init }
      )
    )
    return glanceOf(report)
  }

  return {
    label: `API ${baseUrl}`,
    load: async (planId, fiscalYear): Promise<DashboardData> => {
      const [plan, summary, targets, trends, lateReviews, withPackage] = await Promise.all([
        call(m.whatPlan(planId), Plan, (init) => plans.$get({ param: { planId } }, { init })),
        call(m.whatSummary, YearSummaryView, (init) =>
          plans.summary.$get({ param: { planId }, query: year(fiscalYear) }, { init })
        ),
        call(m.whatTargets, Targets, (init) => plans.targets.$get({ param: { planId } }, { init })),
        call(m.whatTrends, RatingTrendsView, (init) => plans.trends.$get({ param: { planId } }, { init })),
        late(planId),
        packageLoaded()
      ])
      // The summary names the year when none was asked for: the list follows it.
      return {
        plan,
        summary,
        initiatives: await initiatives(planId, summary.fiscalYear),
        targets,
        trends,
        late: lateReviews,
        coverage: withPackage ? COVERAGE_PENDING : null,
        loadedAt: new Date()
      }
    },
    coverage,
    initiative: (planId, no): Promise<InitiativeDetailView> =>
      call(`No.${no}`, InitiativeDetail, (init) =>
        plans.initiatives[":no"].$get({ param: { planId, no: String(no) } }, { init })
      ),
    close: async () => {}
  }
}
