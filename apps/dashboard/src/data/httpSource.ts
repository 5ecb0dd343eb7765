import { createClient } from "@sukoyaka/api/client"
import {
  Cycle,
  CycleStatus,
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
  type DashboardData,
  type DataSource,
  type InitiativeDetailView,
  type LateReviews,
  lateOf,
  SourceError
} from "./DataSource.ts"

const InitiativePage = pageOf(InitiativeListItem, "InitiativePage")
const Targets = Schema.Array(TargetView)
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
 * The API over HTTP with the typed client (`hc<AppType>`), the answers decoded with the core's
 * schemas: what the dashboard draws is checked, never trusted.
 */
export const httpSource = (options: HttpSourceOptions): DataSource => {
  const baseUrl = options.baseUrl.replace(/\/$/, "")
  const client = createClient(baseUrl, {
    headers: options.token ? { Authorization: `Bearer ${options.token}` } : {},
    ...(options.fetch ? { fetch: options.fetch } : {})
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
      await response.body?.cancel()
      const status = response.status
      if (status === 401) throw new SourceError("unauthorized", m.errorUnauthorized, status)
      if (status === 403) throw new SourceError("forbidden", m.errorForbidden, status)
      if (status === 404) throw new SourceError("notFound", m.errorNotFound(what), status)
      throw new SourceError("server", m.errorServer(status), status)
    }
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

  return {
    label: `API ${baseUrl}`,
    load: async (planId, fiscalYear): Promise<DashboardData> => {
      const [plan, summary, targets, trends, lateReviews] = await Promise.all([
        call(m.whatPlan(planId), Plan, (init) => plans.$get({ param: { planId } }, { init })),
        call(m.whatSummary, YearSummaryView, (init) =>
          plans.summary.$get({ param: { planId }, query: year(fiscalYear) }, { init })
        ),
        call(m.whatTargets, Targets, (init) => plans.targets.$get({ param: { planId } }, { init })),
        call(m.whatTrends, RatingTrendsView, (init) => plans.trends.$get({ param: { planId } }, { init })),
        late(planId)
      ])
      // The summary names the year when none was asked for: the list follows it.
      return {
        plan,
        summary,
        initiatives: await initiatives(planId, summary.fiscalYear),
        targets,
        trends,
        late: lateReviews,
        loadedAt: new Date()
      }
    },
    initiative: (planId, no): Promise<InitiativeDetailView> =>
      call(`No.${no}`, InitiativeDetail, (init) =>
        plans.initiatives[":no"].$get({ param: { planId, no: String(no) } }, { init })
      ),
    close: async () => {}
  }
}
