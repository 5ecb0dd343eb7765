import { currentCycle, cycleTaskList, targetView } from "@sukoyaka/app"
import { CycleTasks, DashboardView, type Standing, TargetView } from "@sukoyaka/core"
import { Plans, Targets } from "@sukoyaka/storage"
import { Effect, Schema } from "effect"
import { type Context, Hono, type TypedResponse } from "hono"
import { type CachedJson, sendCachedJson } from "../cachedJson.ts"
import type { AppEnv } from "../env.ts"
import { strongEtagOf } from "../httpConventions.ts"
import { doc } from "../openapi.ts"
import { cachedView, summaryView, trendsView } from "../planViews.ts"
import { DecimalInt, PlanParams, validate } from "../validation.ts"
import { TaskQuery } from "./cycles.ts"

const DashboardQuery = Schema.Struct({
  ...TaskQuery.fields,
  fiscalYear: Schema.optionalKey(
    DecimalInt.annotate({
      description: "the year of the summary; a year without reviews (or none) gives the latest year with reviews"
    })
  )
})

/** The trends' years, read from their JSON once per version of the plan. */
const yearsOf = (c: Context<AppEnv>, planId: string, trends: CachedJson) =>
  cachedView(
    c,
    planId,
    "trends:years",
    Effect.sync(() => (JSON.parse(Buffer.from(trends.body).toString("utf8")) as { years: Array<number> }).years)
  )

export default new Hono<AppEnv>().get(
  "/:planId/dashboard",
  doc({
    tag: "summary",
    summary:
      "The home page of a plan-year in one answer: trends, the year's summary, targets and the open cycle's tasks",
    description:
      "The parts are what GET …/trends, …/summary?fiscalYear=, …/targets and …/cycles/{fiscalYear}/tasks send. `standing`, `agency` and `mine` filter the tasks as …/tasks does; without `standing` no tasks are read (`tasks: null`).",
    ok: { schema: DashboardView, description: "The dashboard" },
    extraProblems: { 422: "No such agency in the plan" }
  }),
  validate("param", PlanParams),
  validate("query", DashboardQuery),
  async (c) => {
    const { planId } = c.req.valid("param")
    const query = c.req.valid("query")
    const trends = await trendsView(c, planId)
    const years = await yearsOf(c, planId, trends)
    const asked = query.fiscalYear === undefined ? undefined : Number(query.fiscalYear)
    const fiscalYear = asked !== undefined && years.includes(asked) ? asked : (years.at(-1) ?? new Date().getFullYear())
    const summary = await summaryView(c, planId, fiscalYear)
    const { standing, agency, mine } = query
    const [targets, tasks] = await c.var.run(
      Effect.all([
        Effect.andThen(
          Plans.use((plans) => plans.get(planId)),
          Targets.use((targets) => targets.list(planId))
        ),
        standing === undefined
          ? Effect.succeed(null)
          : Effect.flatMap(currentCycle(planId), (cycle) =>
              cycle === undefined
                ? Effect.succeed(null)
                : cycleTaskList(planId, cycle.fiscalYear, c.var.auth.actor, {
                    standings: standing.split(",") as Array<Standing>,
                    ...(agency === undefined ? {} : { agency }),
                    mine: mine === "true"
                  })
            )
      ])
    )
    // The cached parts go out as the bytes they are kept as: only the targets and tasks are encoded here.
    const body = Buffer.concat([
      Buffer.from(`{"fiscalYear":${fiscalYear},"trends":`),
      trends.body,
      Buffer.from(`,"summary":`),
      summary.body,
      Buffer.from(
        `,"targets":${JSON.stringify(Schema.encodeSync(Schema.Array(TargetView))(targets.map(targetView)))},"tasks":${JSON.stringify(
          tasks === null ? null : Schema.encodeSync(CycleTasks)(tasks)
        )}}`
      )
    ])
    const view: CachedJson = { body, etag: strongEtagOf(body), coded: {} }
    return sendCachedJson(c, view) as unknown as TypedResponse<typeof DashboardView.Encoded, 200, "json">
  }
)
