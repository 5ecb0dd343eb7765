import { changeCycle, cycleStatus, cycleTaskList, openCycle, previewCycle } from "@sukoyaka/app"
import {
  Cycle,
  CycleOpen,
  CycleOpened,
  CyclePatch,
  CyclePreview,
  CycleStatus,
  CycleTasks,
  FiscalYear,
  FollowingFiscalYear,
  MessageBilingual,
  type Standing
} from "@sukoyaka/core"
import { Cycles, Plans } from "@sukoyaka/storage"
import { Effect, Schema } from "effect"
import { type Context, Hono } from "hono"
import { requireRole } from "../auth.ts"
import type { AppEnv } from "../env.ts"
import { doc } from "../openapi.ts"
import { versionToWrite, sendVersioned } from "../preconditions.ts"
import { DecimalInt, PlanIdParam, PlanParams, validate } from "../validation.ts"

const CycleParams = Schema.Struct({
  planId: PlanIdParam,
  fiscalYear: DecimalInt.pipe(Schema.decodeTo(FiscalYear))
})

/** A cycle to open: its year rolls the year before over. */
const OpeningParams = Schema.Struct({
  planId: PlanIdParam,
  fiscalYear: DecimalInt.pipe(Schema.decodeTo(FollowingFiscalYear))
})

const standings = "late|dueSoon|open|handedIn"

/** `?standing=late,dueSoon&agency=kenko-shien&mine=true`: each optional. */
export const TaskQuery = Schema.Struct({
  standing: Schema.optionalKey(
    Schema.String.check(
      Schema.isPattern(new RegExp(`^(?:${standings})(?:,(?:${standings}))*$`, "u"), {
        [MessageBilingual]: {
          ja: "late, dueSoon, open, handedIn をカンマで区切って指定してください",
          en: "a comma-separated list of late, dueSoon, open, handedIn"
        }
      })
    ).annotate({ description: "comma-separated standings: late, dueSoon, open, handedIn" })
  ),
  agency: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(64))),
  mine: Schema.optionalKey(
    Schema.Literals(["true", "false"]).annotate({ description: "true: only the caller's agencies' reviews" })
  )
})

const respondCycle = (c: Context<AppEnv>, cycle: Cycle, status: 200 | 201 = 200) => {
  return sendVersioned(c, cycle.version, Cycle, cycle, status)
}

export default new Hono<AppEnv>()
  .get(
    "/:planId/cycles",
    doc({
      tag: "cycles",
      summary: "The plan's review cycles, oldest first",
      ok: { schema: Schema.Array(Cycle), description: "Cycles" }
    }),
    validate("param", PlanParams),
    async (c) => {
      const { planId } = c.req.valid("param")
      const cycles = await c.var.run(
        Effect.andThen(
          Plans.use((plans) => plans.get(planId)),
          Cycles.use((cycles) => cycles.list(planId))
        )
      )
      return c.json(Schema.encodeSync(Schema.Array(Cycle))(cycles))
    }
  )
  .post(
    "/:planId/cycles",
    requireRole("admin"),
    doc({
      tag: "cycles",
      summary: "Open a fiscal year's review cycle (admin): roll the year before over, set the due dates",
      description:
        "Drafts that exist already are kept. Location is the cycle; the ETag its version. GET …/cycles/{fiscalYear}/preview shows first what would be created.",
      ok: { status: 201, schema: CycleOpened, description: "The cycle and what the rollover created" },
      createdAt: true,
      extraProblems: {
        409: "The year's cycle is open already",
        422: "A due date names an agency the plan does not have"
      }
    }),
    validate("param", PlanParams),
    validate("json", CycleOpen),
    async (c) => {
      const { planId } = c.req.valid("param")
      const body = c.req.valid("json")
      const opened = await c.var.run(
        openCycle(c.var.auth.audit, planId, body.fiscalYear, body.dueDate, body.agencyDueDates)
      )
      c.header("Location", `${c.req.path.replace(/\/$/, "")}/${opened.cycle.fiscalYear}`)
      return sendVersioned(c, opened.cycle.version, CycleOpened, opened, 201)
    }
  )
  .get(
    "/:planId/cycles/:fiscalYear",
    doc({
      tag: "cycles",
      summary: "Where a cycle stands: its due dates, every review's task and each agency's counts",
      description: "The ETag is the cycle's version, for a PATCH. Today is the day in Japan.",
      ok: { schema: CycleStatus, description: "The cycle's status" }
    }),
    validate("param", CycleParams),
    async (c) => {
      const { planId, fiscalYear } = c.req.valid("param")
      const status = await c.var.run(cycleStatus(planId, fiscalYear))
      return sendVersioned(c, status.cycle.version, CycleStatus, status)
    }
  )
  .get(
    "/:planId/cycles/:fiscalYear/preview",
    doc({
      tag: "cycles",
      summary: "What opening the cycle would create (nothing is written)",
      ok: {
        schema: CyclePreview,
        description: "Drafts rolled over, blank drafts, retired initiatives, reviews there already"
      }
    }),
    validate("param", OpeningParams),
    async (c) => {
      const { planId, fiscalYear } = c.req.valid("param")
      return c.json(Schema.encodeSync(CyclePreview)(await c.var.run(previewCycle(planId, fiscalYear))))
    }
  )
  .patch(
    "/:planId/cycles/:fiscalYear",
    requireRole("admin"),
    doc({
      tag: "cycles",
      summary: "Change a cycle's due dates, close it or reopen it (admin)",
      description:
        "Send its version in If-Match. `closed: true` closes it, `false` reopens it; a closed cycle's dates change only with a reopen.",
      ok: { schema: Cycle, description: "The cycle; the ETag is its new version" },
      ifMatch: true,
      extraProblems: {
        409: "The cycle is closed",
        412: "Someone changed the cycle first",
        422: "A due date names an agency the plan does not have",
        428: "If-Match is required"
      }
    }),
    validate("param", CycleParams),
    validate("json", CyclePatch),
    async (c) => {
      const { planId, fiscalYear } = c.req.valid("param")
      const version = await versionToWrite(
        c,
        "cycle",
        async () => (await c.var.run(Cycles.use((cycles) => cycles.get(planId, fiscalYear)))).version
      )
      const patch = c.req.valid("json")
      return respondCycle(c, await c.var.run(changeCycle(c.var.auth.audit, planId, fiscalYear, version, patch)))
    }
  )
  .get(
    "/:planId/cycles/:fiscalYear/tasks",
    doc({
      tag: "cycles",
      summary:
        "The cycle's reviews as tasks, late first: filter by standing, agency, or the caller's agencies (mine=true)",
      ok: { schema: CycleTasks, description: "The tasks" },
      extraProblems: { 422: "No such agency in the plan" }
    }),
    validate("param", CycleParams),
    validate("query", TaskQuery),
    async (c) => {
      const { planId, fiscalYear } = c.req.valid("param")
      const query = c.req.valid("query")
      const list = await c.var.run(
        cycleTaskList(planId, fiscalYear, c.var.auth.actor, {
          ...(query.standing === undefined ? {} : { standings: query.standing.split(",") as Array<Standing> }),
          ...(query.agency === undefined ? {} : { agency: query.agency }),
          mine: query.mine === "true"
        })
      )
      return c.json(Schema.encodeSync(CycleTasks)(list))
    }
  )
