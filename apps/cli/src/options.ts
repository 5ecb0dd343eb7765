import { Options } from "@effect/cli"
import { planId } from "@sukoyaka/data-tomakomai"

export const planOption = Options.text("plan").pipe(
  Options.withDefault(planId as string),
  Options.withDescription("the plan id (default: the Tomakomai plan)")
)

export const fiscalYearOption = Options.integer("fiscal-year").pipe(
  Options.optional,
  Options.withDescription("the fiscal year, e.g. 2024 for 令和6年度 (default: the latest with reviews)")
)

export const agencyOption = Options.text("agency").pipe(
  Options.repeated,
  Options.withDescription("an agency id (repeat for several); required for editors")
)
