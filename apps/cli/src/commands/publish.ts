import { Console, Effect } from "effect"
import * as Command from "effect/cli/Command"
import * as Flag from "effect/cli/Flag"
import { badInput } from "../CliError.ts"
import { fiscalYearOf, planOption, switchOption } from "../options.ts"
import { app, withStorage } from "../lazy.ts"

const cli = { id: null, label: "cli" }

/** The domain's refusals (no such plan, a year without reviews), as messages with exit code 2. */
const refusals = <A, R>(effect: Effect.Effect<A, unknown, R>) =>
  effect.pipe(
    Effect.catch((error) =>
      error !== null && typeof error === "object" && "_tag" in error && error instanceof Error
        ? Effect.fail(badInput(error.message))
        : Effect.fail(error)
    )
  )

/** `sukoyaka publish --fiscal-year 2024 [--withdraw]`: what the public side shows (docs/public.md). */
export const publish = Command.make(
  "publish",
  {
    fiscalYear: Flag.Int("fiscal-year").pipe(Flag.withDescription("the fiscal year to publish, e.g. 2024")),
    withdraw: switchOption("withdraw", "withdraw the year from the public side instead"),
    plan: planOption
  },
  ({ fiscalYear, withdraw, plan }) =>
    Effect.gen(function* () {
      const { setPublished, publicationStatus } = yield* app
      const year = yield* fiscalYearOf(fiscalYear)
      yield* refusals(setPublished(cli, plan, year, !withdraw))
      const status = (yield* refusals(publicationStatus(plan))).find((row) => row.fiscalYear === year)
      yield* Console.log(
        withdraw
          ? `FY${year} を非公開にしました（公開ページ・公開API・オープンデータから外れます）`
          : `FY${year} を公開しました: 承認済み ${status?.approved ?? 0} / ${status?.reviews ?? 0} 件が公開されます`
      )
    }).pipe(withStorage)
).pipe(Command.withDescription("publish a fiscal year's approved reviews (--withdraw: make it private again)"))
