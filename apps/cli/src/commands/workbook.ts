import { FiscalYear } from "@sukoyaka/core"
import type { ImportDiff } from "@sukoyaka/sheets"
import { Console, Effect, Option, Schema } from "effect"
import * as Argument from "effect/cli/Argument"
import * as Command from "effect/cli/Command"
import * as Flag from "effect/cli/Flag"
import { readFileSync, statSync, writeFileSync } from "node:fs"
import { resolve } from "node:path"
import { badInput, CliError } from "../CliError.ts"
import { fiscalYearOption, planOption, switchOption } from "../options.ts"
import { progress } from "../progress.ts"
import { app, sheets, withStorage } from "../lazy.ts"

const yearOf = (plan: string, requested: Option.Option<number>) =>
  Option.isSome(requested)
    ? Schema.decodeUnknownEffect(FiscalYear)(requested.value).pipe(
        Effect.mapError(() => badInput("--fiscal-year must be between 2000 and 2100"))
      )
    : Effect.flatMap(app, ({ latestFiscalYear }) => Effect.map(latestFiscalYear(plan), (year) => year as FiscalYear))

const exportCommand = Command.make(
  "export",
  {
    format: Flag.Literals("format", ["xlsx", "csv", "json"]).pipe(Flag.withDefault("xlsx" as const)),
    agency: Flag.String("agency").pipe(
      Flag.optional,
      Flag.withDescription("only this agency's rows, with the other cells protected")
    ),
    fiscalYear: fiscalYearOption,
    allYears: switchOption(
      "all-years",
      "every fiscal year: a workbook with a sheet per year (xlsx), or with --format csv / --rows a long csv for analysts"
    ),
    rows: Flag.Literals("rows", ["initiatives", "measures"]).pipe(
      Flag.optional,
      Flag.withDescription(
        "with --all-years, a long csv: initiatives (one row per initiative × year, the default) or measures"
      )
    ),
    output: Flag.String("output").pipe(
      Flag.withAlias("o"),
      Flag.optional,
      Flag.withDescription("file to write (default: a name from plan, year and agency; - for stdout)")
    ),
    plan: planOption
  },
  ({ format, agency, fiscalYear, allYears, rows, output, plan }) =>
    Effect.gen(function* () {
      const { exportPlan, exportYears, exportYearsWorkbook } = yield* app
      if (allYears && (format === "json" || Option.isSome(agency) || Option.isSome(fiscalYear)))
        return yield* badInput(
          "--all-years writes one csv of every year: leave out --format json, --agency and --fiscal-year"
        )
      const file = allYears
        ? yield* (
            format === "xlsx" && Option.isNone(rows)
              ? exportYearsWorkbook(plan)
              : exportYears(
                  plan,
                  Option.getOrElse(rows, () => "initiatives" as const)
                )
          ).pipe(Effect.catchTag("PlanNotFound", () => Effect.fail(badInput(`no plan ${plan}`))))
        : yield* exportPlan(plan, yield* yearOf(plan, fiscalYear), format, Option.getOrUndefined(agency)).pipe(
            Effect.catchTags({
              PlanNotFound: () => Effect.fail(badInput(`no plan ${plan}`)),
              UnknownAgency: (e) => Effect.fail(badInput(`unknown agency ${e.agencyId}`))
            })
          )
      const target = Option.getOrElse(output, () => file.filename)
      if (target === "-") {
        if (file.filename.endsWith(".xlsx")) return yield* badInput("an xlsx workbook is binary: give -o <file>")
        process.stdout.write(file.body)
        return
      }
      yield* Effect.try({
        try: () => writeFileSync(resolve(target), file.body),
        catch: (e) => badInput(`cannot write ${target}: ${String(e)}`)
      })
      yield* Console.log(`wrote ${resolve(target)}`)
    }).pipe(withStorage)
).pipe(
  Command.withDescription(
    "export the plan's sheet (A–L layout) as xlsx, csv or json; --all-years: every year as a long csv"
  )
)

/** The diff as a person reads it: what changes where, and what is in the way. */
const describeDiff = (diff: ImportDiff): string => {
  const lines: Array<string> = [
    `FY${diff.fiscalYear}: ${diff.updates.length} row(s) change, ${diff.unchanged.length} unchanged`
  ]
  for (const update of diff.updates) {
    lines.push(
      `  No.${update.no} (${update.sheet} row ${update.row}): ${update.changes.map((change) => change.column).join(", ")}${update.wasApproved ? " — approved: goes back to submitted for approval / 承認済み: 再承認待ちに戻ります" : ""}`
    )
    for (const change of update.changes)
      lines.push(
        `    ${change.column}: ${JSON.stringify(change.before).slice(0, 60)} → ${JSON.stringify(change.after).slice(0, 60)}`
      )
  }
  for (const conflict of diff.conflicts)
    lines.push(`  CONFLICT No.${conflict.no} (${conflict.sheet} row ${conflict.row}): ${conflict.ja} / ${conflict.en}`)
  for (const row of diff.newRows) {
    const proposal = diff.proposals.find((candidate) => candidate.no === row.no)
    lines.push(
      proposal === undefined
        ? `  not in the plan: No.${row.no} (${row.sheet} row ${row.row})`
        : `  new initiative proposed: No.${row.no} 「${proposal.initiative.name}」 under ${proposal.initiative.policyNo}-${proposal.initiative.areaNo}-${proposal.initiative.objectiveNo} (${row.sheet} row ${row.row}); add it with --accept ${row.no}`
    )
  }
  if (diff.missingRows.length > 0)
    lines.push(`  missing from the sheet: ${diff.missingRows.map((no) => `No.${no}`).join(" ")}`)
  for (const problem of diff.problems) {
    lines.push(
      `  ${problem.severity === "error" ? "ERROR" : "warning"} ${problem.sheet ?? ""}${problem.row ? ` row ${problem.row}` : ""}${problem.column ? ` col ${problem.column}` : ""}: ${problem.ja} / ${problem.en}`
    )
  }
  return lines.join("\n")
}

const importCommand = Command.make(
  "import",
  {
    file: Argument.File("file", { mustExist: true }).pipe(
      Argument.withDescription("the returned workbook (.xlsx) or CSV (.csv, UTF-8 or Shift_JIS)")
    ),
    apply: switchOption("apply", "write the changes (default: a dry run that only shows them)"),
    accept: Flag.Int("accept").pipe(
      Flag.atLeast(0),
      Flag.withDescription("the No. of a proposed new row to add as an initiative with --apply (repeat for several)")
    ),
    fiscalYear: fiscalYearOption,
    plan: planOption
  },
  ({ file, apply, accept, fiscalYear, plan }) =>
    Effect.gen(function* () {
      const [{ applyImport, previewImport }, { defaultReadBudget }] = yield* Effect.all([app, sheets])
      const bar = progress("import")
      const path = resolve(file)
      bar.step(`reading ${path} (${Math.round(statSync(path).size / 1024)} KiB)`)
      const buffer = readFileSync(path)
      const year = Option.isSome(fiscalYear) ? yield* yearOf(plan, fiscalYear) : undefined
      // The name tells a CSV from other files; an .xlsx is recognised by its content (readUpload).
      // The API's bounded read, with time to load the worker and read: no request is waiting here.
      const budget = { ...defaultReadBudget, timeoutMs: 120_000 }
      const diff = yield* previewImport(plan, buffer, {
        filename: path,
        budget,
        ...(year ? { fiscalYear: year } : {})
      }).pipe(
        Effect.catchTags({
          WorkbookRefused: (e) => Effect.fail(badInput(`${e.ja} / ${e.en}`)),
          ImportMismatch: (e) => Effect.fail(badInput(`${e.ja} / ${e.en}`)),
          PlanNotFound: () => Effect.fail(badInput(`no plan ${plan}`))
        })
      )
      yield* Console.log(describeDiff(diff))
      if (!diff.canApply) return yield* badInput("the sheet has errors or conflicts: nothing was written")
      if (!apply) {
        yield* Console.log("dry run: nothing was written (add --apply to write these changes)")
        return
      }
      const actor = { id: null, label: `cli import ${path}` }
      const result = yield* applyImport(plan, diff, actor, { accept, onProgress: bar.update }).pipe(
        Effect.catchTags({
          NotProposed: (e) =>
            Effect.fail(
              badInput(`not a proposed new row: ${e.nos.map((no) => `No.${no}`).join(" ")}: nothing was written`)
            ),
          StaleVersion: (e) =>
            Effect.fail(
              badInput(
                `someone changed ${e.key} after the sheet was exported (version ${e.expected} → ${e.actual}): nothing was written`
              )
            ),
          ImportBlocked: () => Effect.fail(badInput("the sheet has errors or conflicts: nothing was written")),
          ReviewNotFound: (e) =>
            Effect.fail(new CliError({ message: `no review for No.${e.initiativeNo} FY${e.fiscalYear}`, exitCode: 1 }))
        })
      )
      const added =
        result.added.length > 0 ? `, initiative(s) added: ${result.added.map((no) => `No.${no}`).join(" ")}` : ""
      yield* Console.log(`applied: ${result.applied} review(s) written in one transaction${added}`)
    }).pipe(withStorage)
).pipe(
  Command.withDescription(
    "import a returned workbook (.xlsx) or CSV: shows the diff; --apply writes it, all or nothing"
  )
)

export { exportCommand, importCommand }
