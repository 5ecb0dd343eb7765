import { type CoveringInitiative, FrameworkFile, type SurveyColumn, SurveyColumnMap } from "@sukoyaka/core"
import { Console, Effect, Option, Schema } from "effect"
import * as Argument from "effect/cli/Argument"
import * as Command from "effect/cli/Command"
import * as Flag from "effect/cli/Flag"
import { readFileSync, writeFileSync } from "node:fs"
import { resolve } from "node:path"
import { badInput } from "../CliError.ts"
import { app, dataset, storage, withStorage } from "../lazy.ts"
import { fiscalYearOf, fiscalYearOption, planOption } from "../options.ts"

const cli = { id: null, label: "cli" }

/** The domain's refusals (an unknown framework or measure, a bad file) as messages with exit code 2. */
const refusals = <A, R>(effect: Effect.Effect<A, unknown, R>) =>
  effect.pipe(
    Effect.catch((error) =>
      error !== null && typeof error === "object" && "_tag" in error && error instanceof Error
        ? Effect.fail(badInput(error.message))
        : Effect.fail(error)
    )
  )

const readBytes = (path: string) =>
  Effect.try({
    try: () => readFileSync(path),
    catch: (error) => badInput(`ファイルを読めません / cannot read ${path}: ${String(error)}`)
  })

const readJson = <S extends Schema.Codec<unknown, unknown>>(path: string, schema: S) =>
  Effect.gen(function* () {
    const bytes = yield* readBytes(path)
    const json = yield* Effect.try({
      try: () => JSON.parse(bytes.toString("utf8")) as unknown,
      catch: () => badInput(`JSONとして読めません / not valid JSON: ${path}`)
    })
    return yield* Schema.decodeUnknownEffect(schema)(json).pipe(
      Effect.mapError((error) =>
        badInput(`ファイルに誤りがあります / the file is not valid: ${path}\n  ${error.message}`)
      )
    )
  })

const yearOf = (plan: string, fiscalYear: Option.Option<number>) =>
  Effect.gen(function* () {
    if (Option.isSome(fiscalYear)) return yield* fiscalYearOf(fiscalYear.value)
    const { latestFiscalYear } = yield* app
    return yield* latestFiscalYear(plan)
  })

const list = Command.make("list", {}, () =>
  Effect.gen(function* () {
    const { Frameworks } = yield* storage
    for (const framework of yield* Frameworks.use((frameworks) => frameworks.list()))
      yield* Console.log(
        `${framework.id}\t${framework.nameJa}\t${framework.measureCount} measures\tv${framework.version}${framework.confirmed ? "" : "\t未確認 (unconfirmed)"}`
      )
  }).pipe(withStorage)
).pipe(Command.withDescription("list the loaded framework versions"))

const importFramework = Command.make(
  "import",
  {
    file: Argument.File("file", { mustExist: true }).pipe(
      Argument.withDescription("a framework file (.json, docs/frameworks.md), or a measures sheet saved as .csv")
    ),
    framework: Flag.String("framework").pipe(
      Flag.optional,
      Flag.withDescription("with a .csv: the loaded framework whose measures the sheet replaces")
    )
  },
  ({ file, framework }) =>
    Effect.gen(function* () {
      const { Frameworks } = yield* storage
      const { replaceMeasuresFromCsv } = yield* app
      const frameworks = yield* Frameworks
      const written = file.toLowerCase().endsWith(".csv")
        ? yield* Effect.gen(function* () {
            if (Option.isNone(framework))
              return yield* badInput("a .csv sheet needs --framework <id> (a loaded framework)")
            const current = yield* refusals(frameworks.get(framework.value))
            const bytes = yield* readBytes(file)
            return yield* refusals(replaceMeasuresFromCsv(cli, framework.value, bytes, current.version))
          })
        : yield* Effect.gen(function* () {
            const next = yield* readJson(file, FrameworkFile)
            const current = yield* frameworks.find(next.framework.id)
            const version = Option.isSome(current) ? current.value.version : 0
            return yield* refusals(
              frameworks.write(
                cli,
                { framework: next.framework, measures: next.measures, crosswalk: next.crosswalk },
                version
              )
            )
          })
      const unconfirmed = written.measures.filter((measure) => !measure.confirmed).length
      yield* Console.log(
        `${written.framework.id}: ${written.measures.length} measures loaded (v${written.version}); 未確認 ${unconfirmed}`
      )
    }).pipe(withStorage)
).pipe(Command.withDescription("load a framework version from a file, or replace a loaded one's measures from a sheet"))

const loadExample = Command.make("load-example", { plan: planOption }, ({ plan }) =>
  Effect.gen(function* () {
    const { loadExampleTags } = yield* app
    const { exampleTags } = yield* dataset
    const result = yield* refusals(loadExampleTags(cli, plan, exampleTags.initiatives))
    yield* Console.log(
      `例示データを読み込みました（市の決定ではありません） / example tags loaded (not the city's decision): ${result.tagged} initiatives; frameworks loaded: ${result.frameworks.join(", ") || "none (already there)"}`
    )
  }).pipe(withStorage)
).pipe(
  Command.withDescription(
    "load the shipped frameworks and the seed's example tags (an example, not the city's decision)"
  )
)

/**
 * An initiative in the printed report: `No.61`, or carried through the crosswalk with where from and
 * how, `No.61<-package-2017:P(equivalent)`, so that it is never read as a direct tag.
 */
const initiativeText = (initiative: CoveringInitiative) =>
  initiative.via === null
    ? `No.${initiative.no}`
    : `No.${initiative.no}<-${initiative.via.frameworkId}:${initiative.via.measureCode}(${initiative.via.relation})`

const coverage = Command.make(
  "coverage",
  {
    framework: Flag.String("framework").pipe(Flag.withDescription("the framework version, e.g. jscp-package")),
    fiscalYear: fiscalYearOption,
    plan: planOption
  },
  ({ framework, fiscalYear, plan }) =>
    Effect.gen(function* () {
      const { coverageReport } = yield* app
      const year = yield* refusals(yearOf(plan, fiscalYear))
      const report = yield* refusals(coverageReport(plan, year, framework, "internal"))
      yield* Console.log(`${report.frameworkName} — FY${year}`)
      for (const row of report.measures)
        yield* Console.log(
          `${"  ".repeat(row.depth)}${row.code} ${row.nameJa}${row.confirmed ? "" : " (未確認)"}\t${row.initiatives.length}\t${row.flags.join(",")}\t${row.initiatives.map(initiativeText).join(" ")}${row.possible.length === 0 ? "" : `\t可能性/possibly: ${row.possible.map(initiativeText).join(" ")}`}`
        )
    }).pipe(withStorage)
).pipe(Command.withDescription("print the coverage report: each measure with its initiatives and flags"))

/** `sukoyaka frameworks …`: national frameworks, tags and coverage (docs/frameworks.md). */
export const frameworks = Command.make("frameworks").pipe(
  Command.withDescription("national frameworks (大綱, 政策パッケージ, 健康日本21): load, list, example tags, coverage"),
  Command.withSubcommands([list, importFramework, loadExample, coverage])
)

const columnsOf = (path: string) =>
  Effect.gen(function* () {
    if (!path.toLowerCase().endsWith(".csv")) return yield* readJson(path, SurveyColumnMap)
    const { columnsFromCsv } = yield* app
    return yield* refusals(columnsFromCsv(yield* readBytes(path)))
  })

/** `sukoyaka survey-export`: the national survey's rows through the plan's (or a file's) column map. */
export const surveyExport = Command.make(
  "survey-export",
  {
    format: Flag.Literals("format", ["csv", "xlsx"]).pipe(Flag.withDefault("csv" as const)),
    fiscalYear: fiscalYearOption,
    columns: Flag.String("columns").pipe(
      Flag.optional,
      Flag.withDescription("a column map (.json or .csv: heading, field, framework) instead of the plan's")
    ),
    output: Flag.String("output").pipe(Flag.withAlias("o"), Flag.optional, Flag.withDescription("file to write")),
    plan: planOption
  },
  ({ format, fiscalYear, columns, output, plan }) =>
    Effect.gen(function* () {
      const { surveyExport: exportSurvey } = yield* app
      const year = yield* refusals(yearOf(plan, fiscalYear))
      const map: ReadonlyArray<SurveyColumn> | undefined = Option.isSome(columns)
        ? yield* columnsOf(columns.value)
        : undefined
      const body = yield* refusals(exportSurvey(plan, year, format, map))
      const target = Option.getOrElse(output, () => `survey-${plan}-${year}.${format}`)
      yield* Effect.try({
        try: () => writeFileSync(resolve(target), body),
        catch: (e) => badInput(`cannot write ${target}: ${String(e)}`)
      })
      yield* Console.log(`wrote ${resolve(target)}`)
    }).pipe(withStorage)
).pipe(
  Command.withDescription("export one row per initiative of the year for the national survey (自殺対策推進状況調査)")
)
