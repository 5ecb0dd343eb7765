import { planId } from "@sukoyaka/data-tomakomai"
import * as Flag from "effect/cli/Flag"

export const planOption = Flag.String("plan").pipe(
  Flag.withDefault(planId as string),
  Flag.withDescription("the plan id (default: the Tomakomai plan)")
)

export const fiscalYearOption = Flag.Int("fiscal-year").pipe(
  Flag.optional,
  Flag.withDescription("the fiscal year, e.g. 2024 for 令和6年度 (default: the latest with reviews)")
)

export const agencyOption = Flag.String("agency").pipe(
  Flag.atLeast(0),
  Flag.withDescription("an agency id (repeat for several); required for editors")
)

/** A switch: false unless given (effect's boolean flags would also take a `--no-` form). */
export const switchOption = (name: string, description: string) =>
  Flag.Boolean(name).pipe(Flag.withoutNegation, Flag.withDefault(false), Flag.withDescription(description))
