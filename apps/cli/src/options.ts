import { FiscalYear, FollowingFiscalYear } from "@sukoyaka/core"
import { planId } from "@sukoyaka/data-tomakomai"
import { Effect, Schema } from "effect"
import * as Flag from "effect/cli/Flag"
import { badInput } from "./CliError.ts"

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

/** A `--fiscal-year` value as the domain's fiscal year, or the message and exit code 2. */
export const fiscalYearOf = (value: number) =>
  Schema.decodeUnknownEffect(FiscalYear)(value).pipe(
    Effect.mapError(() => badInput(`--fiscal-year must be a fiscal year between 2000 and 2100, got ${value}`))
  )

/** --fiscal-year of a cycle to open: it rolls the year before over, so FY2000 (none before it) cannot be. */
export const openingYearOf = (value: number) =>
  Schema.decodeUnknownEffect(FollowingFiscalYear)(value).pipe(
    Effect.mapError(() =>
      badInput(
        `--fiscal-year of a cycle to open must be between 2001 and 2100 (it rolls the year before over), got ${value}`
      )
    )
  )
