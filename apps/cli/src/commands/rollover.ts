import { FollowingFiscalYear } from "@sukoyaka/core"
import { Console, Effect, Schema } from "effect"
import * as Command from "effect/cli/Command"
import * as Flag from "effect/cli/Flag"
import { badInput } from "../CliError.ts"
import { planOption } from "../options.ts"
import { app, withStorage } from "../lazy.ts"

export const rollover = Command.make(
  "rollover",
  { to: Flag.Int("to").pipe(Flag.withDescription("the fiscal year to open, e.g. 2025")), plan: planOption },
  ({ to, plan }) =>
    Effect.gen(function* () {
      const { rollover: rolloverPlan } = yield* app
      const year = yield* Schema.decodeUnknownEffect(FollowingFiscalYear)(to).pipe(
        Effect.mapError(() =>
          badInput(`--to must be a fiscal year between 2001 and 2100 (it rolls the year before over), got ${to}`)
        )
      )
      const result = yield* rolloverPlan(plan, year, { id: null, label: "cli" }).pipe(
        Effect.catchTag("PlanNotFound", () => Effect.fail(badInput(`no plan ${plan}`))),
        Effect.catchTag("RolloverRunning", (e) => Effect.fail(badInput(e.message)))
      )
      yield* Console.log(
        `FY${result.fromFiscalYear} → FY${result.toFiscalYear}: ${result.created} draft reviews created, ${result.skipped} already there`
      )
    }).pipe(withStorage)
).pipe(Command.withDescription("open a fiscal year: drafts planned from the previous year's K/L"))
