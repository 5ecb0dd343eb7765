import { currentCycle, cycleStatus } from "@sukoyaka/app/cycles"
import { type AppServices, appRuntime } from "@sukoyaka/app/runtime"
import { initiativeDetail, initiativeItems, latestFiscalYear, summaryOf, targetView } from "@sukoyaka/app/views"
import { coverageReport } from "@sukoyaka/app/coverage"
import { planTrends } from "@sukoyaka/app/trends"
import { type DatabaseConfig, databaseConfig, describeDatabase, Frameworks, Plans, Targets } from "@sukoyaka/storage"
import { Cause, Effect, Exit, Option } from "effect"
import { type Lang, type Messages, messagesFor } from "../text/messages.ts"
import {
  COVERAGE_PENDING,
  type DashboardData,
  type DataSource,
  GLANCE_FRAMEWORK,
  glanceOf,
  type InitiativeDetailView,
  lateOf,
  SourceError
} from "./DataSource.ts"

const notFoundTags: Record<string, (error: { planId?: string; no?: number }, m: Messages) => string> = {
  PlanNotFound: (error, m) => m.errorPlanNotFound(error.planId ?? ""),
  InitiativeNotFound: (error, m) => m.errorInitiativeNotFound(String(error.no ?? ""))
}

/**
 * The local database in-process, through the application layer's view functions (the API's too):
 * the same numbers as GET …/summary without a server. With no config, the database the
 * environment names (SUKOYAKA_DB or DATABASE_URL), as `pnpm start` and `pnpm sukoyaka` use.
 */
export const localSource = (config?: DatabaseConfig, options: { readonly lang?: Lang } = {}): DataSource => {
  const m = messagesFor(options.lang ?? "ja")
  const resolved = config ?? Effect.runSync(databaseConfig)
  const runtime = appRuntime(resolved)

  const run = async <A, E, R extends AppServices>(effect: Effect.Effect<A, E, R>): Promise<A> => {
    const exit = await runtime.runPromiseExit(effect)
    if (Exit.isSuccess(exit)) return exit.value
    const failure = Cause.findErrorOption(exit.cause)
    const tag = Option.isSome(failure) ? (failure.value as { _tag?: unknown } | null)?._tag : undefined
    if (typeof tag === "string" && tag in notFoundTags)
      throw new SourceError("notFound", notFoundTags[tag]!(failure.pipe(Option.getOrThrow) as never, m))
    const first = Cause.pretty(exit.cause).split("\n")[0] ?? "unknown failure"
    throw new SourceError("database", m.errorDatabase(first))
  }

  // One lookup: the first frame knows whether the coverage panel is there; its numbers come later.
  const packageLoaded = Effect.gen(function* () {
    return Option.isSome(yield* (yield* Frameworks).find(GLANCE_FRAMEWORK))
  })

  return {
    label: describeDatabase(resolved),
    load: (planId, fiscalYear) =>
      run(
        Effect.gen(function* () {
          const plan = yield* (yield* Plans).get(planId)
          const year = fiscalYear ?? (yield* latestFiscalYear(planId))
          const summary = yield* summaryOf(planId, year)
          const initiatives = yield* initiativeItems(planId, year)
          const targets = (yield* (yield* Targets).list(planId)).map(targetView)
          const trends = yield* planTrends(planId)
          const cycle = yield* currentCycle(planId)
          const late = cycle === undefined ? null : lateOf(yield* cycleStatus(planId, cycle.fiscalYear))
          const coverage = (yield* packageLoaded) ? COVERAGE_PENDING : null
          return {
            plan,
            summary,
            initiatives,
            targets,
            trends,
            late,
            coverage,
            loadedAt: new Date()
          } satisfies DashboardData
        })
      ),
    coverage: (planId, fiscalYear) =>
      run(
        Effect.gen(function* () {
          if (!(yield* packageLoaded)) return null
          return glanceOf(yield* coverageReport(planId, fiscalYear, GLANCE_FRAMEWORK, "internal"))
        })
      ),
    initiative: (planId, no) =>
      run(Effect.map(initiativeDetail(planId, no), (detail) => detail satisfies InitiativeDetailView)),
    close: () => runtime.dispose()
  }
}
