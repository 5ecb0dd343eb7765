import {
  explanationOf,
  fieldIssueParseOptions,
  fieldIssuesOf,
  formatPath,
  PlanDefinition,
  type PlanImportResult
} from "@sukoyaka/core"
import { Console, Effect, Option, Result, Schema } from "effect"
import * as Argument from "effect/cli/Argument"
import * as Command from "effect/cli/Command"
import * as Flag from "effect/cli/Flag"
import { readFileSync } from "node:fs"
import { resolve } from "node:path"
import { badInput } from "../CliError.ts"
import { switchOption } from "../options.ts"
import { app, withStorage } from "../lazy.ts"

const shortValue = (value: unknown) => {
  const text = JSON.stringify(value) ?? "null"
  return text.length > 60 ? `${text.slice(0, 59)}…` : text
}

/** What an import did (or would do), one line per change in the order applied. */
const formatPlanImport = (result: PlanImportResult): string => {
  const lines = [
    `${result.planId}: 作成 ${result.created} 件・更新 ${result.updated} 件 / ${result.created} created, ${result.updated} updated`
  ]
  for (const change of result.changes) {
    const verb = change.action === "create" ? "+ 作成 create" : "~ 更新 update"
    lines.push(`  ${verb} ${change.label.ja} 「${change.title}」 / ${change.label.en} (${change.path})`)
    for (const field of change.fields)
      lines.push(`      ${field.field}: ${shortValue(field.before)} → ${shortValue(field.after)}`)
  }
  if (result.changes.length === 0)
    lines.push("  変更はありません（ファイルのとおりです） / nothing to change: the plan is as the file says")
  if (result.dryRun) lines.push("試行のみ: 何も書き込んでいません / dry run: nothing was written")
  return lines.join("\n")
}

/** Explained issues as lines: `path: 日本語 / English`. */
const issueLines = (issues: ReadonlyArray<{ readonly path: string; readonly ja: string; readonly en: string }>) =>
  issues.map((issue) => `  ${issue.path || "(file)"}: ${issue.ja} / ${issue.en}`).join("\n")

const readDefinition = (path: string) =>
  Effect.gen(function* () {
    const text = yield* Effect.try({
      try: () => readFileSync(path, "utf8"),
      catch: (error) => badInput(`ファイルを読めません / cannot read ${path}: ${String(error)}`)
    })
    const json = yield* Effect.try({
      try: () => JSON.parse(text) as unknown,
      catch: (error) =>
        badInput(
          `JSONとして読めません / not valid JSON: ${path}\n  ${error instanceof Error ? error.message : String(error)}`
        )
    })
    const decoded = Schema.decodeUnknownResult(PlanDefinition, fieldIssueParseOptions)(json)
    if (Result.isFailure(decoded)) {
      const issues = fieldIssuesOf(decoded.failure).map((issue) => ({ ...issue, path: formatPath(issue.path) }))
      return yield* badInput(
        `計画定義ファイルに誤りがあります / the plan definition is not valid: ${path}\n${issueLines(issues)}`
      )
    }
    return decoded.success
  })

const importCommand = Command.make(
  "import",
  {
    file: Argument.File("file", { mustExist: true }).pipe(
      Argument.withDescription("the plan-definition file (.json; docs/plan-definition.md)")
    ),
    dryRun: switchOption("dry-run", "show the changes, checked against the database, and write nothing"),
    plan: Flag.String("plan").pipe(
      Flag.optional,
      Flag.withDescription("the plan the file must define (default: the file's plan.id)")
    )
  },
  ({ file, dryRun, plan }) =>
    Effect.gen(function* () {
      const { importPlanDefinition, Structure } = yield* app
      const path = resolve(file)
      const definition = yield* readDefinition(path)
      const planId = Option.getOrElse(plan, () => definition.plan.id as string)
      const result = yield* importPlanDefinition({ id: null, label: `cli plan import ${path}` }, planId, definition, {
        dryRun
      }).pipe(
        Effect.provide(Structure.layer),
        Effect.catchTag("StaleVersion", (e) =>
          Effect.fail(
            badInput(
              `他の人が先に ${e.key} を変更しました。もう一度実行してください / someone changed ${e.key} meanwhile (version ${e.expected} → ${e.actual}): nothing was written, run it again`
            )
          )
        ),
        Effect.catch((error) => {
          const explained = explanationOf(error)
          return explained === undefined
            ? Effect.die(error)
            : Effect.fail(
                badInput(
                  `${path}: 取り込めません。何も書き込んでいません / cannot import it: nothing was written\n${issueLines(explained)}`
                )
              )
        })
      )
      yield* Console.log(formatPlanImport(result))
    }).pipe(withStorage)
).pipe(
  Command.withDescription(
    "load a whole plan from a plan-definition file: creates what is missing, updates what differs (all or nothing)"
  )
)

export const plan = Command.make("plan").pipe(
  Command.withDescription("the plan's structure"),
  Command.withSubcommands([importCommand])
)
