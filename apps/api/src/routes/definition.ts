import { importPlanDefinition } from "@sukoyaka/app"
import { PlanDefinition, PlanImportResult } from "@sukoyaka/core"
import { Effect, Schema } from "effect"
import { Hono } from "hono"
import { requireRole } from "../auth.ts"
import type { AppEnv } from "../env.ts"
import { doc } from "../openapi.ts"
import { PlanParams, validate } from "../validation.ts"

/*
 * The whole plan from a plan-definition file (ADR 0010, docs/plan-definition.md): creates the plan
 * when it is not there yet, then what is missing, and updates what differs, through the structure
 * commands (audited, versioned), all or nothing. A dry run checks the same changes and rolls back.
 */

const DryRunQuery = Schema.Struct({
  dryRun: Schema.Literals(["true", "false"])
    .annotate({ description: "true: check the changes and write nothing (default false)" })
    .pipe(Schema.withDecodingDefaultTypeKey(Effect.succeed("false" as const)))
})

export default new Hono<AppEnv>().post(
  "/:planId/definition",
  requireRole("admin"),
  doc({
    tag: "structure",
    summary: "Load the whole plan from a plan-definition file (admin)",
    description:
      "The body is the plan-definition file (docs/plan-definition.md): the plan, its tree, agencies, initiatives and targets. What is missing is created (the plan too, on a fresh database), what differs is updated, what the file leaves out is left alone; each change is audited and versioned like the structure routes' own, all in one transaction. `dryRun=true` checks the same changes and writes nothing. The answer lists the changes in the order applied; an unchanged file gives none. A refused file names the entry concerned in `errors[].path` (e.g. `initiatives[3].agencies[0]`).",
    ok: { schema: PlanImportResult, description: "The changes, in the order applied (or, on a dry run, to apply)" },
    extraProblems: {
      409: "A number or id of the file is taken by something else",
      412: "Someone changed the plan meanwhile: send it again",
      422: "The file does not fit the plan (an unknown agency or objective, years outside its objective's, a number twice, another plan's id)"
    }
  }),
  validate("param", PlanParams),
  validate("query", DryRunQuery),
  validate("json", PlanDefinition),
  async (c) => {
    const { planId } = c.req.valid("param")
    const dryRun = c.req.valid("query").dryRun === "true"
    const result = await c.var.run(importPlanDefinition(c.var.auth.audit, planId, c.req.valid("json"), { dryRun }))
    return c.json(Schema.encodeSync(PlanImportResult)(result))
  }
)
