import {
  fiscalYearLabelJa,
  FiscalYear,
  objectiveMark,
  percentDown,
  ratingLetter,
  ratings,
  YearSummaryView
} from "@sukoyaka/core"
import { Console, Effect, Option, Schema } from "effect"
import * as Command from "effect/cli/Command"
import { badInput } from "../CliError.ts"
import { fiscalYearOption, planOption, switchOption } from "../options.ts"
import { storage, views, withStorage } from "../lazy.ts"

const counts = (row: YearSummaryView["ratings"]) =>
  ratings.map((r) => `${ratingLetter[r]} ${String(row[r]).padStart(2)}`).join("  ") +
  `  未評価 ${String(row.unrated).padStart(2)}`

/** 「取組方針①」, or 「基本方針1 分野1 取組方針①」 in a plan of more than one area (another area has its own ①). */
const objectiveName = (summary: YearSummaryView, row: YearSummaryView["byObjective"][number]) =>
  summary.byArea.length > 1
    ? `基本方針${row.policyNo} 分野${row.areaNo} 取組方針${objectiveMark(row.objectiveNo)}`
    : `取組方針${objectiveMark(row.objectiveNo)}`

/** The year's summary as plain text (for cron mails) or JSON (for scripts). */
export const formatSummary = (summary: YearSummaryView): string =>
  [
    `${summary.planId}  ${fiscalYearLabelJa(summary.fiscalYear)}（FY${summary.fiscalYear}）`,
    `全体      ${counts(summary.ratings)}  順調の割合 ${summary.onTrackShare === null ? "-" : percentDown(summary.onTrackShare)}`,
    ...summary.byObjective.map((row) => `${objectiveName(summary, row)}  ${counts(row.ratings)}`),
    `提出状況  作成中 ${summary.completion.byStatus.draft} / 提出済み ${summary.completion.byStatus.submitted} / 承認済み ${summary.completion.byStatus.approved} / 未作成 ${summary.completion.byStatus.missing}`,
    `要確認 ${summary.attention.length} 件: ${summary.attention.map((item) => `No.${item.initiativeNo}`).join(" ")}`
  ].join("\n")

export const summary = Command.make(
  "summary",
  { fiscalYear: fiscalYearOption, plan: planOption, json: switchOption("json", "print JSON") },
  ({ fiscalYear, plan, json }) =>
    Effect.gen(function* () {
      const { Plans } = yield* storage
      const { latestFiscalYear, summaryOf } = yield* views
      yield* (yield* Plans)
        .get(plan)
        .pipe(Effect.catchTag("PlanNotFound", () => Effect.fail(badInput(`no plan ${plan}`))))
      const year = Option.isSome(fiscalYear)
        ? yield* Schema.decodeUnknownEffect(FiscalYear)(fiscalYear.value).pipe(
            Effect.mapError(() => badInput(`--fiscal-year must be between 2000 and 2100`))
          )
        : yield* latestFiscalYear(plan)
      const view = yield* summaryOf(plan, year).pipe(Effect.orDie)
      yield* Console.log(json ? JSON.stringify(Schema.encodeSync(YearSummaryView)(view), null, 2) : formatSummary(view))
    }).pipe(withStorage)
).pipe(Command.withDescription("the year's ratings per objective, completion and attention list"))
