import {
  CalendarDate,
  type CyclePreview,
  CycleStatus,
  fiscalYearLabelJa,
  ReviewProgress,
  reviewProgressLabel
} from "@sukoyaka/core"
import { Console, Effect, Option, Schema } from "effect"
import * as Command from "effect/cli/Command"
import * as Flag from "effect/cli/Flag"
import { badInput } from "../CliError.ts"
import { fiscalYearOf, fiscalYearOption, openingYearOf, planOption, switchOption } from "../options.ts"
import { app, storage, withStorage } from "../lazy.ts"

const cli = { id: null, label: "cli" }

const dateOf = (flag: string, value: string) =>
  Schema.decodeUnknownEffect(CalendarDate)(value).pipe(
    Effect.mapError(() => badInput(`${flag} must be a day that exists, written 2025-05-31; got ${value}`))
  )

/** `kenko-shien=2025-05-31`: an agency's own due date. */
const agencyDueOf = (entry: string) =>
  Effect.gen(function* () {
    const match = /^([^=]+)=(.*)$/.exec(entry)
    if (match === null) return yield* badInput(`--agency-due is written agency=YYYY-MM-DD, got ${entry}`)
    return { agencyId: match[1]!.trim() as never, dueDate: yield* dateOf("--agency-due", match[2]!.trim()) }
  })

/** The domain's refusals, as messages with exit code 2: the input named something that is not so. */
const refusals = <A, R>(effect: Effect.Effect<A, unknown, R>) =>
  effect.pipe(
    Effect.catch((error) =>
      error !== null && typeof error === "object" && "_tag" in error && error instanceof Error
        ? Effect.fail(badInput(error.message))
        : Effect.fail(error)
    )
  )

const list = (title: string, items: CyclePreview["rolledOver"]) =>
  items.length === 0 ? [] : [`${title} ${items.length} 件: ${items.map((i) => `No.${i.initiativeNo}`).join(" ")}`]

/** What opening would create, as the admin UI shows it before the confirmation. */
export const formatPreview = (preview: CyclePreview) =>
  [
    `${fiscalYearLabelJa(preview.fiscalYear)}（FY${preview.fiscalYear}）のサイクルを開くと:`,
    `  前年度から繰越す下書き ${preview.rolledOver.length} 件、白紙の下書き ${preview.blank.length} 件、廃止で対象外 ${preview.retired.length} 件、作成済み ${preview.existing.length} 件`,
    ...list("  繰越:", preview.rolledOver),
    ...list("  白紙:", preview.blank),
    ...list("  対象外:", preview.retired),
    ...(preview.alreadyOpen ? [`  このサイクルは既に開かれています`] : [])
  ].join("\n")

const open = Command.make(
  "open",
  {
    fiscalYear: Flag.Int("fiscal-year").pipe(
      Flag.withDescription("the fiscal year whose reviews are written, e.g. 2025")
    ),
    due: Flag.String("due").pipe(Flag.withDescription("the due date, YYYY-MM-DD (Japan)")),
    agencyDue: Flag.String("agency-due").pipe(
      Flag.atLeast(0),
      Flag.withDescription("an agency's own due date, agency=YYYY-MM-DD (repeat for several)")
    ),
    dryRun: switchOption("dry-run", "print what opening would create; write nothing"),
    plan: planOption
  },
  ({ fiscalYear, due, agencyDue, dryRun, plan }) =>
    Effect.gen(function* () {
      const { openCycle, previewCycle } = yield* app
      const year = yield* openingYearOf(fiscalYear)
      const dueDate = yield* dateOf("--due", due)
      const agencyDueDates = yield* Effect.forEach(agencyDue, agencyDueOf)
      if (dryRun) {
        yield* Console.log(formatPreview(yield* refusals(previewCycle(plan, year))))
        return
      }
      const opened = yield* refusals(openCycle(cli, plan, year, dueDate, agencyDueDates))
      yield* Console.log(
        `FY${year} のサイクルを開きました（期限 ${dueDate}${agencyDueDates.map((a) => `、${a.agencyId} ${a.dueDate}`).join("")}）: 下書き ${opened.rollover.created} 件を作成、${opened.rollover.skipped} 件は作成済み`
      )
    }).pipe(withStorage)
).pipe(Command.withDescription("open a fiscal year's review cycle: roll the year before over, set the due dates"))

const progressOrder = ReviewProgress.literals

/** The per-agency table: due date, counts per progress, late and due soon. */
export const formatStatus = (status: CycleStatus) => {
  const header = ["実施機関", "期限", ...progressOrder.map((p) => reviewProgressLabel[p].ja), "期限超過", "期限間近"]
  const rows = status.agencies.map((agency) => [
    agency.name,
    agency.dueDate,
    ...progressOrder.map((p) => String(agency.counts[p])),
    String(agency.late),
    String(agency.dueSoon)
  ])
  const cycle = status.cycle
  return [
    `FY${cycle.fiscalYear}  期限 ${cycle.dueDate}  ${cycle.closedAt === null ? "受付中" : `締切済み（${cycle.closedAt}）`}  今日 ${status.today}`,
    ...[header, ...rows].map((row) => row.join("\t"))
  ].join("\n")
}

const status = Command.make(
  "status",
  { fiscalYear: fiscalYearOption, json: switchOption("json", "print JSON"), plan: planOption },
  ({ fiscalYear, json, plan }) =>
    Effect.gen(function* () {
      const { cycleStatus, currentCycle } = yield* app
      const { Cycles } = yield* storage
      const year = Option.isSome(fiscalYear)
        ? yield* fiscalYearOf(fiscalYear.value)
        : ((yield* refusals(currentCycle(plan))) ?? (yield* (yield* Cycles).list(plan)).at(-1))?.fiscalYear
      if (year === undefined) return yield* badInput(`no cycle is open; open one with: sukoyaka cycle open`)
      const view = yield* refusals(cycleStatus(plan, year))
      yield* Console.log(json ? JSON.stringify(Schema.encodeSync(CycleStatus)(view), null, 2) : formatStatus(view))
    }).pipe(withStorage)
).pipe(Command.withDescription("where a cycle stands per agency (default: the open one)"))

const close = Command.make(
  "close",
  {
    fiscalYear: Flag.Int("fiscal-year").pipe(Flag.withDescription("the cycle's fiscal year")),
    reopen: switchOption("reopen", "reopen a closed cycle instead"),
    plan: planOption
  },
  ({ fiscalYear, reopen, plan }) =>
    Effect.gen(function* () {
      const { changeCycle } = yield* app
      const { Cycles } = yield* storage
      const year = yield* fiscalYearOf(fiscalYear)
      const current = yield* refusals((yield* Cycles).get(plan, year))
      const changed = yield* refusals(changeCycle(cli, plan, year, current.version, { closed: !reopen }))
      yield* Console.log(
        changed.closedAt === null ? `FY${year} のサイクルを再開しました` : `FY${year} のサイクルを締め切りました`
      )
    }).pipe(withStorage)
).pipe(Command.withDescription("close a cycle (--reopen: open it again)"))

export const cycle = Command.make("cycle").pipe(
  Command.withDescription("the yearly review cycle: open, status, close"),
  Command.withSubcommands([open, status, close])
)
